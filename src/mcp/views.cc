#include "mcp/views.h"

#include <algorithm>
#include <cctype>

#include "engine/evidence.h"

namespace tw::mcp {

using model::Crossing;

std::string loc_text(const base::Loc& loc) {
  if (!loc.valid()) return {};
  return loc.path() + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

Json diagnostic_json(const base::Diagnostic& d) {
  Json j{{"severity", base::severity_name(d.severity)},
         {"code", d.code},
         {"message", d.message},
         {"rendered", base::render_text(d, false)}};
  if (d.loc.valid()) {
    j["file"] = d.loc.path();
    j["line"] = d.loc.line;
    j["column"] = d.loc.col;
  }
  if (!d.hint.empty()) j["hint"] = d.hint;
  return j;
}

Json diagnostics_json(const base::Diagnostics& ds) {
  Json out = Json::array();
  for (const base::Diagnostic& d : ds.items()) out.push_back(diagnostic_json(d));
  return out;
}

Json threat_json(const engine::Threat& t) {
  Json stride = Json::array();
  for (model::Stride s : t.stride) stride.push_back(std::string(model::name(s)));
  Json j{{"id", t.id},
         {"title", t.title()},
         {"rule", t.rule_id().empty() ? Json(nullptr) : Json(t.rule_id())},
         {"target", t.target},
         {"target_kind", std::string(engine::target_kind_name(t.target_kind))},
         {"stride", std::move(stride)},
         {"severity", std::string(engine::severity_name(t.severity))},
         {"score", t.score},
         {"likelihood", t.likelihood},
         {"impact", t.impact},
         {"status", std::string(model::name(t.status))},
         {"controls", t.controls},
         {"assets", t.assets()},
         {"adversaries", t.adversaries()},
         {"cwe", t.cwe()},
         {"capec", t.capec()},
         {"description", t.description},
         {"mitigation", t.mitigation()}};
  if (!t.status_reason.empty()) j["status_reason"] = t.status_reason;
  if (!t.claim.empty()) j["claim"] = t.claim;
  if (!t.root_cause.empty()) j["root_cause"] = t.root_cause;
  if (!t.reach().empty()) j["reach"] = t.reach();
  if (!t.owner.empty()) j["owner"] = t.owner;
  if (t.review_by) j["review_by"] = t.review_by->str();
  if (t.loc.valid()) j["location"] = loc_text(t.loc);
  return j;
}

std::string threat_line(const engine::Threat& t) {
  std::string sev(engine::severity_name(t.severity));
  std::transform(sev.begin(), sev.end(), sev.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::string s =
      "[" + sev + "] " + t.id + ": " + t.title() + " (" + std::string(model::name(t.status));
  if (!t.controls.empty()) {
    s += "; controls:";
    for (const std::string& c : t.controls) s += " " + c;
  }
  return s + ")";
}

Json opt_bool(const std::optional<bool>& b) { return b ? Json(*b) : Json(nullptr); }

std::string trust_name(model::Trust t) { return std::string(model::name(t)); }

std::string zone_of(const model::Model& m, int c) {
  const model::Ref& b = m.components[c].boundary;
  return b.resolved() ? m.boundaries[b.index].id : std::string();
}

std::string crossing_name(Crossing c) {
  switch (c) {
    case Crossing::None:
      return "none";
    case Crossing::Inbound:
      return "inbound";
    case Crossing::Outbound:
      return "outbound";
    case Crossing::Lateral:
      return "lateral";
  }
  return "none";
}

namespace {
Json ids(const std::vector<model::Ref>& refs) {
  Json out = Json::array();
  for (const model::Ref& r : refs) out.push_back(r.id);
  return out;
}
Json opt_int(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }
}  // namespace

Json asset_json(const model::Asset& a) {
  return Json{{"id", a.id},
              {"name", a.name},
              {"value", opt_enum(a.value)},
              {"impact", a.impact},
              {"cia",
               {{"confidentiality", opt_enum(a.cia.confidentiality)},
                {"integrity", opt_enum(a.cia.integrity)},
                {"availability", opt_enum(a.cia.availability)}}}};
}

Json adversary_json(const model::Adversary& a) {
  return Json{{"id", a.id},
              {"name", a.name},
              {"access", opt_enum(a.access)},
              {"capability", opt_enum(a.capability)},
              {"motivation", a.motivation}};
}

Json boundary_json(const model::Model& m, const model::Boundary& b) {
  return Json{{"id", b.id},
              {"name", b.name},
              {"trust", opt_enum(b.trust)},
              {"parent", b.parent.id.empty() ? Json(nullptr) : Json(b.parent.id)}};
}

namespace {
Json component_core_json(const model::Model& m, const model::Facts& facts, int c) {
  const model::Component& x = m.components[c];
  Json in = Json::array(), out = Json::array(), assets = Json::array();
  for (int f : facts.flows_in[c]) in.push_back(m.flows[f].id);
  for (int f : facts.flows_out[c]) out.push_back(m.flows[f].id);
  for (int a : facts.assets_at[c]) assets.push_back(m.assets[a].id);
  std::string zone = zone_of(m, c);
  return Json{{"id", x.id},
              {"name", x.name},
              {"type", std::string(model::name(x.type))},
              {"kind", x.kind},
              {"technology", x.technology},
              {"boundary", zone.empty() ? Json(nullptr) : Json(zone)},
              {"trust", trust_name(facts.trust[c])},
              {"internet_exposed", static_cast<bool>(facts.internet_exposed[c])},
              {"facts",
               {{"internet_facing", opt_bool(x.internet_facing)},
                {"authentication", opt_enum(x.authentication)},
                {"authorization", opt_enum(x.authorization)},
                {"input_validation", opt_bool(x.input_validation)},
                {"output_encoding", opt_bool(x.output_encoding)},
                {"audit_log", opt_bool(x.audit_log)},
                {"rate_limited", opt_bool(x.rate_limited)},
                {"runs_as_root", opt_bool(x.runs_as_root)},
                {"fail_mode", opt_enum(x.fail_mode)},
                {"encrypted_at_rest", opt_bool(x.encrypted_at_rest)},
                {"encryption", opt_enum(x.encryption)},
                {"backups", opt_bool(x.backups)},
                {"used_by_humans", opt_bool(x.used_by_humans)},
                {"multi_tenant", opt_bool(x.multi_tenant)},
                {"redundant", opt_bool(x.redundant)},
                {"custom_developed", opt_bool(x.custom_developed)},
                {"machine", opt_enum(x.machine)},
                {"sessions", opt_enum(x.sessions)},
                {"csrf_protection", opt_bool(x.csrf_protection)},
                {"object_authorization", opt_bool(x.object_authorization)},
                {"password_reset", opt_bool(x.password_reset)},
                {"accepts_uploads", opt_bool(x.accepts_uploads)},
                {"upload_validation", opt_bool(x.upload_validation)},
                {"secrets", opt_enum(x.secrets)},
                {"deployment_checks", opt_bool(x.deployment_checks)},
                {"email_authentication", opt_bool(x.email_authentication)}}},
              {"data_formats", enum_list(x.data_formats)},
              {"runs_on", x.runs_on.id.empty() ? Json(nullptr) : Json(x.runs_on.id)},
              {"stores", ids(x.stores)},
              {"assets_at_stake", std::move(assets)},
              {"flows_in", std::move(in)},
              {"flows_out", std::move(out)},
              {"code", x.code},
              {"location", loc_text(x.loc)}};
}
}  // namespace

Json component_json(const model::Model& m, const model::Facts& facts, int c) {
  Json j = component_core_json(m, facts, c);
  // IAM: the principal it runs as, and those it may assume (only when the model says).
  const model::Component& x = m.components[c];
  if (!x.runs_as.id.empty()) j["runs_as"] = x.runs_as.id;
  Json assumes = Json::array();
  for (const model::Principal& p : m.principals) {
    for (const model::Ref& r : p.assumable_by) {
      if (r.id == x.id) assumes.push_back(p.id);
    }
  }
  if (!assumes.empty()) j["may_assume"] = std::move(assumes);
  return j;
}

Json flow_json(const model::Model& m, const model::Facts& facts, int f) {
  const model::Flow& x = m.flows[f];
  Json j{{"id", x.id},
         {"name", x.name},
         {"from", x.from.id},
         {"to", x.to.id},
         {"protocol", x.protocol},
         {"data", ids(x.data)},
         {"encrypted", opt_bool(x.encrypted)},
         {"authenticated", opt_bool(x.authenticated)},
         {"mutual_tls", opt_bool(x.mutual_tls)},
         {"authentication", opt_enum(x.authentication)},
         {"authorization", opt_enum(x.authorization)},
         {"vpn", opt_bool(x.vpn)},
         {"ip_filtered", opt_bool(x.ip_filtered)},
         {"read_only", opt_bool(x.read_only)},
         {"usage", opt_enum(x.usage)},
         {"port", opt_int(x.port)},
         {"signed", opt_bool(x.signed_messages)},
         {"replay_protection", opt_bool(x.replay_protection)},
         {"crossing", crossing_name(facts.crossing[f])},
         {"entry_point", facts.entry_point(f)},
         {"location", loc_text(x.loc)}};
  if (x.from.resolved() && x.to.resolved()) {
    std::string fz = zone_of(m, x.from.index), tz = zone_of(m, x.to.index);
    j["from_zone"] = fz.empty() ? Json(nullptr) : Json(fz);
    j["to_zone"] = tz.empty() ? Json(nullptr) : Json(tz);
    j["from_trust"] = trust_name(facts.trust[x.from.index]);
    j["to_trust"] = trust_name(facts.trust[x.to.index]);
  }
  return j;
}

Json supply_json(const model::SupplyItem& s) {
  return Json{{"id", s.id},
              {"name", s.name},
              {"kind", opt_enum(s.kind)},
              {"ecosystem", s.ecosystem},
              {"used_by", ids(s.used_by)},
              {"pinned", opt_bool(s.pinned)},
              {"integrity_checked", opt_bool(s.integrity_checked)},
              {"source", s.source}};
}

Json control_json(const model::Control& c, const engine::Analysis& a) {
  Json j{{"id", c.id},
         {"name", c.name},
         {"mechanism", c.mechanism},
         {"status", opt_enum(c.status)},
         {"owner", c.owner},
         {"mitigates", ids(c.mitigates)}};
  auto ev = a.evidence.find(c.id);
  if (ev != a.evidence.end()) {
    const engine::ControlEvidence& e = ev->second;
    Json evj{{"state", std::string(engine::evidence_state_name(e.state))}};
    if (e.as_of) evj["as_of"] = e.as_of->str();
    if (e.failing_since) evj["failing_since"] = e.failing_since->str();
    if (!e.detail.empty()) evj["detail"] = e.detail;
    j["verification"] = std::move(evj);
  } else {
    j["verification"] = Json{{"state", c.verification ? "none" : "no verification defined"}};
  }
  return j;
}

bool resolved_status(model::ThreatStatus s) {
  return s != model::ThreatStatus::Open && s != model::ThreatStatus::Claimed;
}

std::string kebab(std::string_view s) {
  std::string out;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace tw::mcp
