// Open Threat Model 0.2.0 (IriusRisk, StartLeft): trust zones from boundaries (components in
// no boundary go to a synthetic Internet zone), components with their kind as type and their
// facts as attributes, data flows, assets with CIA ratings, every analysed threat in the threat
// library with an instance on its element, controls as mitigations; one diagram representation
// with the layout of export/layout.h (docs/interop.md, "otm").

#include <set>

#include "export/common.h"
#include "export/export.h"
#include "export/layout.h"
#include "model/enums.h"

namespace tw::exports {

namespace {

using model::name;

const char* kInternetType = "f0ba7722-39b6-4c81-8290-a30a248bb8d9";  // IriusRisk "Internet"
const char* kNoZone = "no-declared-zone";

int rating(int level) {  // TW 1..5 -> threatcl's OTM values
  static const int v[] = {10, 30, 50, 75, 95};
  return v[std::clamp(level, 1, 5) - 1];
}

int cia_value(std::optional<model::Level3> l, std::optional<model::Value> v) {
  if (l) return *l == model::Level3::High ? 90 : *l == model::Level3::Medium ? 50 : 25;
  if (v) {
    switch (*v) {
      case model::Value::Critical:
        return 100;
      case model::Value::High:
        return 90;
      case model::Value::Medium:
        return 50;
      case model::Value::Low:
        return 25;
    }
  }
  return 0;
}

std::string state_of(model::ThreatStatus s) {
  switch (s) {
    case model::ThreatStatus::Mitigated:
      return "mitigated";
    case model::ThreatStatus::Accepted:
      return "accepted";
    case model::ThreatStatus::Transferred:
      return "transferred";
    case model::ThreatStatus::FalsePositive:
    case model::ThreatStatus::NotApplicable:
      return "not-applicable";
    case model::ThreatStatus::Claimed:
    case model::ThreatStatus::Open:
      return "exposed";
  }
  return "exposed";
}

template <class E>
void attr(Json& a, const char* key, const std::optional<E>& e) {
  if (e) a[key] = std::string(name(*e));
}
void attr(Json& a, const char* key, const std::optional<bool>& b) {
  if (b) a[key] = *b ? "true" : "false";
}
template <class E>
void attr(Json& a, const char* key, const std::vector<E>& es) {
  std::string v;
  for (const auto& e : es) v += (v.empty() ? "" : ", ") + std::string(name(e));
  if (!v.empty()) a[key] = v;
}

}  // namespace

std::string write_otm(const model::Model& m, const engine::Analysis& a, const Options& o) {
  Layout lay(m);
  ModelIndex ix(m);
  Json d = Json::object();
  d["otmVersion"] = "0.2.0";
  Json project = {{"name", m.system.name}, {"id", symbolic_encode(m.system.name)}};
  if (!m.system.description.empty()) project["description"] = m.system.description;
  if (!m.system.owner.empty()) {
    project["owner"] = m.system.owner;
    if (m.system.owner.find('@') != std::string::npos) project["ownerContact"] = m.system.owner;
  }
  Json pattr = {{"exported-by", "threatwright " + o.tool_version}};
  const auto& rv = m.system.review;
  if (rv.last_reviewed) pattr["last-reviewed"] = rv.last_reviewed->str();
  if (rv.cadence_days) pattr["review-cadence-days"] = std::to_string(*rv.cadence_days);
  if (!rv.reviewers.empty()) {
    std::string r;
    for (const auto& x : rv.reviewers) r += (r.empty() ? "" : ", ") + x;
    pattr["reviewers"] = r;
  }
  project["attributes"] = std::move(pattr);
  d["project"] = std::move(project);
  const std::string rep = "threatwright-diagram";
  d["representations"] =
      Json::array({{{"name", "Data-flow diagram"},
                    {"id", rep},
                    {"type", "diagram"},
                    {"size", {{"width", lay.boxes.back().w}, {"height", lay.boxes.back().h}}}}});

  // Assets.
  Json assets = Json::array();
  for (const auto& as : m.assets) {
    Json risk = {{"confidentiality", cia_value(as.cia.confidentiality, as.value)},
                 {"integrity", cia_value(as.cia.integrity, as.value)},
                 {"availability", cia_value(as.cia.availability, as.value)}};
    if (!as.impact.empty()) risk["comment"] = as.impact;
    Json j = {{"name", as.name.empty() ? as.id : as.name}, {"id", as.id}};
    if (!as.description.empty()) j["description"] = as.description;
    j["risk"] = std::move(risk);
    if (as.value) j["attributes"] = {{"value", std::string(name(*as.value))}};
    assets.push_back(std::move(j));
  }
  d["assets"] = std::move(assets);

  // Trust zones.
  bool need_no_zone = false;
  for (const auto& c : m.components) {
    if (!zone(m, c)) need_no_zone = true;
  }
  Json zones = Json::array();
  for (size_t i = 0; i < m.boundaries.size(); ++i) {
    const auto& b = m.boundaries[i];
    int tr = 50;
    std::string type = symbolic_encode(b.id);
    if (b.trust == model::Trust::Untrusted) tr = 10, type = kInternetType;
    if (b.trust == model::Trust::Trusted) tr = 90;
    Json z = {{"id", b.id}, {"name", b.name.empty() ? b.id : b.name}, {"type", type}};
    if (!b.description.empty()) z["description"] = b.description;
    z["risk"] = {{"trustRating", tr}};
    if (!b.parent.id.empty()) z["parent"] = {{"trustZone", b.parent.id}};
    z["representations"] =
        Json::array({{{"representation", rep},
                      {"id", b.id + "-diagram"},
                      {"position", {{"x", lay.box_pos[i].first}, {"y", lay.box_pos[i].second}}},
                      {"size", {{"width", lay.boxes[i].w}, {"height", lay.boxes[i].h}}}}});
    if (b.trust) z["attributes"] = {{"trust", std::string(name(*b.trust))}};
    zones.push_back(std::move(z));
  }
  if (need_no_zone) {
    zones.push_back({{"id", kNoZone},
                     {"name", "Internet"},
                     {"type", kInternetType},
                     {"description",
                      "Components the threatwright model places in no boundary (treated as "
                      "untrusted)."},
                     {"risk", {{"trustRating", 0}}}});
  }
  d["trustZones"] = std::move(zones);

  // Threat instances per element, with their controls' states.
  std::multimap<std::string, const engine::Threat*> on;
  for (const auto& t : a.threats) {
    if (t.target_kind == engine::TargetKind::SupplyChain && t.target_index >= 0) {
      for (const auto& r : m.supply_chain[size_t(t.target_index)].used_by) {
        if (r.resolved()) {
          on.emplace(r.id, &t);
          break;
        }
      }
    } else {
      on.emplace(t.target, &t);
    }
  }
  auto instances = [&](const std::string& id) {
    Json out = Json::array();
    auto [lo, hi] = on.equal_range(id);
    for (auto it = lo; it != hi; ++it) {
      const auto& t = *it->second;
      Json mits = Json::array();
      for (const auto& c : t.controls) {
        const auto* ctl = m.control(c);
        mits.push_back(
            {{"mitigation", c},
             {"state", ctl && ctl->status == model::ControlStatus::Implemented ? "implemented"
                                                                               : "required"}});
      }
      out.push_back({{"threat", t.id}, {"state", state_of(t.status)}, {"mitigations", mits}});
    }
    return out;
  };

  Json comps = Json::array();
  for (size_t i = 0; i < m.components.size(); ++i) {
    const auto& c = m.components[i];
    const auto* b = zone(m, c);
    Json j = {{"id", c.id},
              {"name", c.name.empty() ? c.id : c.name},
              {"type", c.kind.empty() ? std::string(name(c.type)) : c.kind}};
    if (!c.description.empty()) j["description"] = c.description;
    j["parent"] = {{"trustZone", b ? b->id : std::string(kNoZone)}};
    j["representations"] =
        Json::array({{{"representation", rep},
                      {"id", c.id + "-diagram"},
                      {"position", {{"x", lay.comp_pos[i].first}, {"y", lay.comp_pos[i].second}}},
                      {"size", {{"width", 160}, {"height", 80}}}}});
    std::set<std::string> processed;
    for (int k : ix.flows_of[i]) {
      const auto& f = m.flows[size_t(k)];
      for (const auto& r : f.data) processed.insert(r.id);
      for (const auto& r : f.returns) processed.insert(r.id);
    }
    Json stored = Json::array();
    for (const auto& r : c.stores) stored.push_back(r.id);
    j["assets"] = {{"processed", std::vector<std::string>(processed.begin(), processed.end())},
                   {"stored", std::move(stored)}};
    j["threats"] = instances(c.id);
    if (!c.technology.empty()) j["tags"] = Json::array({c.technology});
    Json at = {{"element-type", std::string(name(c.type))}};
    attr(at, "internet_facing", c.internet_facing);
    attr(at, "authentication", c.authentication);
    attr(at, "authorization", c.authorization);
    attr(at, "input_validation", c.input_validation);
    attr(at, "output_encoding", c.output_encoding);
    attr(at, "audit_log", c.audit_log);
    attr(at, "rate_limited", c.rate_limited);
    attr(at, "runs_as_root", c.runs_as_root);
    attr(at, "fail_mode", c.fail_mode);
    attr(at, "encrypted_at_rest", c.encrypted_at_rest);
    attr(at, "backups", c.backups);
    attr(at, "sessions", c.sessions);
    attr(at, "csrf_protection", c.csrf_protection);
    attr(at, "object_authorization", c.object_authorization);
    attr(at, "password_reset", c.password_reset);
    attr(at, "accepts_uploads", c.accepts_uploads);
    attr(at, "upload_validation", c.upload_validation);
    attr(at, "email_authentication", c.email_authentication);
    attr(at, "deployment_checks", c.deployment_checks);
    attr(at, "secrets", c.secrets);
    attr(at, "used_by_humans", c.used_by_humans);
    attr(at, "multi_tenant", c.multi_tenant);
    attr(at, "redundant", c.redundant);
    attr(at, "custom_developed", c.custom_developed);
    attr(at, "data_formats", c.data_formats);
    attr(at, "machine", c.machine);
    attr(at, "encryption", c.encryption);
    if (!c.runs_on.id.empty()) at["runs_on"] = c.runs_on.id;
    j["attributes"] = std::move(at);
    comps.push_back(std::move(j));
  }
  d["components"] = std::move(comps);

  Json flows = Json::array();
  for (const auto& f : m.flows) {
    Json j = {{"id", f.id}, {"name", f.name.empty() ? f.id : f.name}};
    if (!f.description.empty()) j["description"] = f.description;
    j["bidirectional"] = false;
    j["source"] = f.from.id;
    j["destination"] = f.to.id;
    Json as = Json::array();
    for (const auto& r : f.data) as.push_back(r.id);
    for (const auto& r : f.returns) as.push_back(r.id);
    j["assets"] = std::move(as);
    j["threats"] = instances(f.id);
    Json at = Json::object();
    if (!f.protocol.empty()) at["protocol"] = f.protocol;
    attr(at, "encrypted", f.encrypted);
    attr(at, "authenticated", f.authenticated);
    attr(at, "mutual_tls", f.mutual_tls);
    attr(at, "signed", f.signed_messages);
    attr(at, "replay_protection", f.replay_protection);
    attr(at, "authentication", f.authentication);
    attr(at, "authorization", f.authorization);
    attr(at, "vpn", f.vpn);
    attr(at, "ip_filtered", f.ip_filtered);
    attr(at, "read_only", f.read_only);
    attr(at, "usage", f.usage);
    if (f.port) at["port"] = std::to_string(*f.port);
    if (!f.returns.empty()) {
      std::string r;
      for (const auto& x : f.returns) r += (r.empty() ? "" : ", ") + x.id;
      at["returns"] = r;  // assets that travel back in the responses
    }
    j["attributes"] = std::move(at);
    flows.push_back(std::move(j));
  }
  d["dataflows"] = std::move(flows);

  Json threats = Json::array();
  for (const auto& t : a.threats) {
    Json cats = Json::array();
    for (auto s : t.stride) cats.push_back(stride_title(s));
    Json cwes = Json::array();
    for (int c : t.cwe()) cwes.push_back("CWE-" + std::to_string(c));
    Json j = {{"id", t.id}, {"name", t.title()}};
    std::string desc = t.description;
    if (!t.mitigation().empty())
      desc += (desc.empty() ? "" : "\n\n") + ("Mitigation: " + t.mitigation());
    j["description"] = desc;
    j["categories"] = std::move(cats);
    j["cwes"] = std::move(cwes);
    j["risk"] = {
        {"likelihood", rating(t.likelihood)},
        {"likelihoodComment", "threatwright likelihood " + std::to_string(t.likelihood) + " of 5"},
        {"impact", rating(t.impact)},
        {"impactComment", "threatwright impact " + std::to_string(t.impact) + " of 5"}};
    Json at = {{"target", t.target},
               {"status", std::string(name(t.status))},
               {"severity", std::string(engine::severity_name(t.severity))},
               {"score", std::to_string(t.score)}};
    if (!t.rule_id().empty()) at["rule"] = t.rule_id();
    if (!t.status_reason.empty()) at["status-reason"] = t.status_reason;
    if (!t.owner.empty()) at["owner"] = t.owner;
    if (t.review_by) at["review-by"] = t.review_by->str();
    j["attributes"] = std::move(at);
    threats.push_back(std::move(j));
  }
  d["threats"] = std::move(threats);

  Json mits = Json::array();
  for (const auto& c : m.controls) {
    Json j = {{"id", c.id}, {"name", c.name.empty() ? c.id : c.name}};
    std::string desc = c.mechanism;
    desc = sentences(desc, c.description);
    if (!desc.empty()) j["description"] = desc;
    j["riskReduction"] = c.status == model::ControlStatus::Implemented ? 100
                         : c.status == model::ControlStatus::Planned   ? 50
                                                                       : 0;
    Json at = Json::object();
    if (c.status) at["status"] = std::string(name(*c.status));
    if (!c.owner.empty()) at["owner"] = c.owner;
    j["attributes"] = std::move(at);
    mits.push_back(std::move(j));
  }
  d["mitigations"] = std::move(mits);
  return render(std::move(d));
}

}  // namespace tw::exports
