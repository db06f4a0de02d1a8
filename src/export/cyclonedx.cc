// CycloneDX 1.6 JSON: the model's supply chain as an SBOM. threatwright's supply-chain entries
// are groups (one per component group, ecosystem and source), not packages, so each entry is
// one BOM component (libraries, container images, build tools, CI pipelines) or service (SaaS,
// cloud APIs) with its facts as `threatwright:*` properties; the system is the BOM's subject
// and depends on every entry (docs/interop.md, "cyclonedx"). Threats, decisions and the rest of
// the model have no place in CycloneDX 1.6.

#include "export/common.h"
#include "export/export.h"
#include "model/enums.h"

namespace tw::exports {

std::string write_cyclonedx(const model::Model& m, const Options& o) {
  using model::SupplyKind;
  const std::string system_ref = "threatwright:system";
  Json d = Json::object();
  d["bomFormat"] = "CycloneDX";
  d["specVersion"] = "1.6";
  // Stable for an unchanged model: the serial number is derived from the model's content.
  d["serialNumber"] = "urn:uuid:" + stable_uuid("bom", model_document(m).dump());
  d["version"] = 1;
  Json subject = {{"type", "application"}, {"bom-ref", system_ref}, {"name", m.system.name}};
  if (!m.system.description.empty()) subject["description"] = m.system.description;
  d["metadata"] = {
      {"timestamp", o.today.str() + "T00:00:00Z"},
      {"tools",
       {{"components",
         Json::array(
             {{{"type", "application"}, {"name", "threatwright"}, {"version", o.tool_version}}})}}},
      {"component", std::move(subject)}};

  Json comps = Json::array(), services = Json::array(), refs = Json::array();
  for (const auto& s : m.supply_chain) {
    Json props = Json::array();
    auto prop = [&](const char* k, const std::string& v) {
      if (!v.empty()) props.push_back({{"name", std::string("threatwright:") + k}, {"value", v}});
    };
    auto flag = [&](const char* k, const std::optional<bool>& b) {
      if (b) prop(k, *b ? "true" : "false");
    };
    prop("id", s.id);
    if (s.kind) prop("kind", std::string(model::name(*s.kind)));
    prop("ecosystem", s.ecosystem);
    prop("source", s.source);
    flag("pinned", s.pinned);
    flag("integrity_checked", s.integrity_checked);
    std::string used;
    for (const auto& r : s.used_by) used += (used.empty() ? "" : ",") + r.id;
    prop("used_by", used);
    Json j = {{"bom-ref", s.id}, {"name", s.name.empty() ? s.id : s.name}};
    if (!s.version.empty()) j["version"] = s.version;
    if (!s.description.empty()) j["description"] = s.description;
    j["properties"] = std::move(props);
    refs.push_back(s.id);
    if (s.kind == SupplyKind::Saas || s.kind == SupplyKind::CloudApi) {
      services.push_back(std::move(j));
      continue;
    }
    std::string type = "library";
    if (s.kind == SupplyKind::ContainerImage) type = "container";
    if (s.kind == SupplyKind::BuildTool || s.kind == SupplyKind::CiPipeline) type = "application";
    Json c = {{"type", type}};
    c.update(j);
    // Build tools and CI pipelines build the system; they are not part of what runs.
    c["scope"] = s.kind == SupplyKind::BuildTool || s.kind == SupplyKind::CiPipeline ? "excluded"
                                                                                     : "required";
    comps.push_back(std::move(c));
  }
  d["components"] = std::move(comps);
  if (!services.empty()) d["services"] = std::move(services);
  d["dependencies"] = Json::array({{{"ref", system_ref}, {"dependsOn", std::move(refs)}}});
  return render(std::move(d));
}

}  // namespace tw::exports
