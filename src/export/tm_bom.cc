// TM-BOM v1 (the OWASP Threat Model Library schema, v1.0.2): the lossless target. What the
// schema has a place for goes there; the whole threatwright model goes, in addition, into the
// extension `threatwright.dev/model` (a threatwright JSON model document), and the threat
// statuses of the analysis into `threatwright.dev/threats`, so TW -> TM-BOM -> TW loses nothing
// (docs/interop.md, "tm-bom").

#include <algorithm>
#include <set>

#include "export/common.h"
#include "export/export.h"
#include "model/enums.h"

namespace tw::exports {

namespace {

using model::ComponentType;
using model::name;

const char* kPlaceholderPersona = "unspecified-adversary";
const char* kNoZone = "no-declared-zone";

std::string store_type(const std::string& kind) {
  static const std::set<std::string> sql = {"sql-database", "data-warehouse"};
  static const std::set<std::string> object = {"object-store", "file-system", "container-registry",
                                               "package-registry", "git-repository"};
  static const std::set<std::string> kv = {"cache", "secret-store"};
  static const std::set<std::string> ts = {"log-store", "stream",    "topic",
                                           "queue",     "event-bus", "message-broker"};
  if (sql.count(kind)) return "sql";
  if (object.count(kind)) return "object";
  if (kv.count(kind)) return "key_value";
  if (ts.count(kind)) return "time_series";
  return "document";  // nosql-database, search-index and anything else
}

/// Sensitivity classes an asset's name and description suggest (TM-BOM's closed list).
std::vector<std::string> sensitivity(const model::Asset& a) {
  std::string t = a.id + " " + a.name + " " + a.description;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  std::vector<std::string> out;
  auto has = [&](std::initializer_list<const char*> words) {
    for (const char* w : words) {
      if (t.find(w) != std::string::npos) return true;
    }
    return false;
  };
  if (has({"credential", "password", "secret", "token", "key", "session"})) out.push_back("cred");
  if (has({"card", "payment", "pan"})) out.push_back("pci");
  if (has({"personal", "pii", "customer", "email", "e-mail", "address", "profile", "user data"}))
    out.push_back("pii");
  if (has({"health", "medical", "patient"})) out.push_back("phi");
  if (has({"financial", "ledger", "transaction", "balance", "account"})) out.push_back("fin");
  if (has({"source code", "model weights", "intellectual"})) out.push_back("ip");
  return out;
}

std::string degree_of(std::optional<model::Value> v) {
  if (!v) return "low";
  switch (*v) {
    case model::Value::Critical:
      return "maximal";
    case model::Value::High:
      return "high";
    case model::Value::Medium:
      return "moderate";
    case model::Value::Low:
      return "low";
  }
  return "low";
}

std::string tier_of(const std::string& degree) {
  if (degree == "maximal") return "mission_critical";
  if (degree == "high") return "business_critical";
  if (degree == "moderate") return "important";
  return "non_critical";
}

const char* likelihood_word(int l) {
  static const char* w[] = {"rare", "unlikely", "possible", "likely", "certain"};
  return w[std::clamp(l, 1, 5) - 1];
}
const char* impact_word(int i) {
  static const char* w[] = {"negligible", "minor", "moderate", "major", "severe"};
  return w[std::clamp(i, 1, 5) - 1];
}
const char* level_of(engine::Severity s) {
  switch (s) {
    case engine::Severity::Info:
      return "very_low";
    case engine::Severity::Low:
      return "low";
    case engine::Severity::Medium:
      return "medium";
    case engine::Severity::High:
      return "high";
    case engine::Severity::Critical:
      return "critical";
  }
  return "low";
}
const char* priority_of(std::optional<engine::Severity> s) {
  if (!s) return "none";
  switch (*s) {
    case engine::Severity::Info:
      return "none";
    case engine::Severity::Low:
      return "low";
    case engine::Severity::Medium:
      return "medium";
    case engine::Severity::High:
      return "high";
    case engine::Severity::Critical:
      return "critical";
  }
  return "none";
}

}  // namespace

std::string write_tm_bom(const model::Model& m, const engine::Analysis& a, const Options& o) {
  SymbolicNames sym;
  Json d = Json::object();
  d["$schema"] =
      "https://github.com/OWASP/www-project-threat-model-library/blob/v1.0.2/"
      "threat-model.schema.json";
  d["version"] = "1";

  // Scope.
  std::optional<model::Value> top;
  std::set<std::string> sens;
  for (const auto& as : m.assets) {
    if (as.value && (!top || *as.value > *top)) top = as.value;
    for (auto& s : sensitivity(as)) sens.insert(s);
  }
  bool external = false;
  for (const auto& c : m.components) {
    if (c.internet_facing.value_or(false)) external = true;
  }
  std::string crit = degree_of(top);
  d["scope"] = {{"title", m.system.name},
                {"description", m.system.description},
                {"business_criticality", crit},
                {"data_sensitivity", Json(std::vector<std::string>(sens.begin(), sens.end()))},
                {"exposure", external ? "external" : "internal"},
                {"tier", tier_of(crit)}};
  if (!m.system.description.empty()) d["description"] = m.system.description;
  if (m.system.review.last_reviewed) d["reviewed_at"] = m.system.review.last_reviewed->str();

  // Trust zones: boundaries, plus one for the components in no declared zone.
  bool need_no_zone = false;
  for (const auto& c : m.components) {
    if (!zone(m, c)) need_no_zone = true;
  }
  Json zones = Json::array();
  for (const auto& b : m.boundaries) {
    std::string desc = b.description;
    if (b.trust) desc = sentences(desc, "Trust: " + std::string(name(*b.trust)) + ".");
    if (!b.parent.id.empty()) desc = sentences(desc, "Inside " + b.parent.id + ".");
    zones.push_back({{"symbolic_name", sym.name(b.id)},
                     {"title", b.name.empty() ? b.id : b.name},
                     {"description", desc}});
  }
  if (need_no_zone) {
    zones.push_back({{"symbolic_name", kNoZone},
                     {"title", "No declared zone"},
                     {"description",
                      "Components the threatwright model places in no boundary (treated as "
                      "untrusted)."}});
  }
  d["trust_zones"] = std::move(zones);
  auto zone_name = [&](const model::Component& c) -> std::string {
    const auto* b = zone(m, c);
    return b ? sym.name(b->id) : kNoZone;
  };

  // Trust boundaries: every pair of zones a flow crosses.
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& f : m.flows) {
    if (!f.from.resolved() || !f.to.resolved()) continue;
    std::string za = zone_name(m.components[f.from.index]);
    std::string zb = zone_name(m.components[f.to.index]);
    if (za != zb) pairs.emplace(std::min(za, zb), std::max(za, zb));
  }
  Json tbs = Json::array();
  for (const auto& [za, zb] : pairs) tbs.push_back({{"trust_zone_a", za}, {"trust_zone_b", zb}});
  d["trust_boundaries"] = std::move(tbs);

  // Actors, components and data stores.
  Json actors = Json::array(), comps = Json::array(), stores = Json::array();
  for (const auto& c : m.components) {
    std::string title = c.name.empty() ? c.id : c.name;
    std::string desc = c.description;
    if (!c.technology.empty()) desc = sentences(desc, "Technology: " + c.technology + ".");
    const std::string& k = c.effective_kind();
    if (c.type == ComponentType::ExternalEntity) {
      std::string type = "third_party";
      if (k == "user" || k == "browser" || k == "mobile-app" || k == "desktop-app" || k == "kiosk")
        type = "user";
      else if (k == "device" || k == "iot-device" || k == "pos-terminal")
        type = "system";
      actors.push_back({{"symbolic_name", sym.name(c.id)},
                        {"title", title},
                        {"description", desc},
                        {"type", type},
                        {"trust_zone", zone_name(c)}});
    } else if (c.type == ComponentType::DataStore) {
      Json s = {{"symbolic_name", sym.name(c.id)},
                {"title", title},
                {"description", desc},
                {"type", store_type(k)},
                {"trust_zone", zone_name(c)}};
      if (!c.technology.empty()) s["product"] = c.technology;
      stores.push_back(std::move(s));
    } else {
      comps.push_back({{"symbolic_name", sym.name(c.id)},
                       {"title", title},
                       {"description", desc},
                       {"trust_zone", zone_name(c)}});
    }
  }
  d["actors"] = std::move(actors);
  d["components"] = std::move(comps);
  d["data_stores"] = std::move(stores);

  // Data sets: assets, placed on the data stores that store them.
  Json sets = Json::array();
  ModelIndex ix(m);
  for (size_t ai = 0; ai < m.assets.size(); ++ai) {
    const auto& as = m.assets[ai];
    Json placements = Json::array();
    for (int ci : ix.stored_in[ai]) {
      const auto& c = m.components[size_t(ci)];
      Json p = {{"data_store", sym.name(c.id)}};
      if (c.encrypted_at_rest) p["encrypted"] = *c.encrypted_at_rest;
      placements.push_back(std::move(p));
    }
    std::string desc = as.description;
    if (!as.impact.empty()) desc = sentences(desc, "Impact: " + as.impact);
    sets.push_back({{"symbolic_name", sym.name(as.id)},
                    {"title", as.name.empty() ? as.id : as.name},
                    {"description", desc},
                    {"placements", std::move(placements)},
                    {"data_sensitivity", sensitivity(as)}});
  }
  d["data_sets"] = std::move(sets);

  auto end_ref = [&](const model::Ref& r) -> Json {
    std::string type = "component";
    if (r.resolved()) {
      auto t = m.components[r.index].type;
      type = t == ComponentType::ExternalEntity ? "actor"
             : t == ComponentType::DataStore    ? "data_store"
                                                : "component";
    }
    return {{"type", type}, {"object", sym.name(r.id)}};
  };
  Json flows = Json::array();
  for (const auto& f : m.flows) {
    auto v = flow_max_value(m, f);
    std::string desc = f.description;
    if (!f.protocol.empty()) desc = sentences(desc, "Protocol: " + f.protocol + ".");
    flows.push_back({{"symbolic_name", sym.name(f.id)},
                     {"title", f.name.empty() ? f.id : f.name},
                     {"description", desc},
                     {"source", end_ref(f.from)},
                     {"destination", end_ref(f.to)},
                     {"has_sensitive_data", v && *v >= model::Value::High},
                     {"encrypted", flow_encrypted(f)}});
  }
  d["data_flows"] = std::move(flows);

  // Assumptions: why categories do not apply, and accepted risks.
  Json assumptions = Json::array();
  for (const auto& n : m.not_applicable) {
    std::string cats;
    for (auto s : n.stride) cats += (cats.empty() ? "" : ", ") + std::string(name(s));
    assumptions.push_back(
        {{"description", n.because + " (" + cats + " does not apply to " + n.target.id + ")"},
         {"topics", Json::array({sym.name(n.target.id)})},
         {"validity", "confirmed"}});
  }
  for (const auto& x : m.decisions) {
    if (x.status != model::ThreatStatus::Accepted || x.rationale.empty()) continue;
    assumptions.push_back({{"description", "Accepted risk " + x.threat.id + ": " + x.rationale},
                           {"validity", "confirmed"}});
  }
  if (!assumptions.empty()) d["assumptions"] = std::move(assumptions);

  // Personas: the adversaries, and a placeholder for threats that name none.
  bool need_placeholder = false;
  for (const auto& t : a.threats) {
    if (t.adversaries().empty()) need_placeholder = true;
  }
  Json personas = Json::array();
  for (const auto& ad : m.adversaries) {
    std::string skill = "engineer";
    if (ad.capability) {
      switch (*ad.capability) {
        case model::Capability::Low:
          skill = "script_kid";
          break;
        case model::Capability::Medium:
          skill = "engineer";
          break;
        case model::Capability::High:
          skill = "expert_engineer";
          break;
        case model::Capability::NationState:
          skill = "state_sponsored";
          break;
      }
    }
    std::string access = "anonymous";
    if (ad.access == model::Access::AuthenticatedUser) access = "user";
    if (ad.access == model::Access::Insider) access = "admin";
    std::string desc = ad.description;
    if (!ad.motivation.empty()) desc = sentences(desc, "Motivation: " + ad.motivation);
    personas.push_back({{"symbolic_name", sym.name(ad.id)},
                        {"title", ad.name.empty() ? ad.id : ad.name},
                        {"description", desc},
                        {"is_person", true},
                        {"skill_level", skill},
                        {"access_level", access},
                        {"malicious_intent", true},
                        {"applicability_to_org", "moderate"}});
  }
  if (need_placeholder) {
    personas.push_back(
        {{"symbolic_name", kPlaceholderPersona},
         {"title", "Unspecified adversary"},
         {"description",
          "Placeholder: TM-BOM requires a persona on every threat; threatwright found no "
          "adversary of the model able to reach this target."},
         {"is_person", true},
         {"skill_level", "engineer"},
         {"access_level", "anonymous"},
         {"malicious_intent", true},
         {"applicability_to_org", "moderate"}});
  }
  if (!personas.empty()) d["threat_personas"] = std::move(personas);

  // Threats and their risks (the analysis: generated and hand-written).
  Json threats = Json::array(), risks = Json::array();
  Json statuses = Json::object();
  std::map<std::string, engine::Severity> worst_of_control;
  for (const auto& t : a.threats) {
    const std::string& tn = sym.name(t.id);
    Json j = {{"symbolic_name", tn}, {"title", t.title()}};
    std::string desc = t.description;
    if (!t.reach().empty()) desc = sentences(desc, "Reach: " + t.reach() + ".");
    j["description"] = desc;
    // TM-BOM threats affect components (actors, components, data stores): a flow's threat
    // affects both ends, a supply-chain entry's the components that use it. The exact target
    // stays in the threat's id (threatwright.dev/threats).
    Json affected = Json::array();
    auto add = [&](const std::string& id) {
      const std::string& n = sym.name(id);
      if (std::find(affected.begin(), affected.end(), n) == affected.end()) affected.push_back(n);
    };
    if (t.target_kind == engine::TargetKind::Component) {
      add(t.target);
    } else if (t.target_kind == engine::TargetKind::Flow) {
      if (const auto* f = m.flow(t.target)) {
        add(f->from.id);
        add(f->to.id);
      }
    } else if (t.target_kind == engine::TargetKind::SupplyChain && t.target_index >= 0 &&
               size_t(t.target_index) < m.supply_chain.size()) {
      for (const auto& r : m.supply_chain[size_t(t.target_index)].used_by) add(r.id);
    }
    if (!affected.empty()) j["components_affected"] = std::move(affected);
    j["threat_persona"] =
        t.adversaries().empty() ? std::string(kPlaceholderPersona) : sym.name(t.adversaries()[0]);
    std::string event;
    for (auto s : t.stride) event += (event.empty() ? "" : ", ") + stride_title(s);
    j["event"] = event + " against " + t.target;
    j["sources"] = Json::array({"adversary"});
    if (!t.capec().empty()) {
      Json c = Json::array();
      for (int id : t.capec()) c.push_back({{"capec_id", id}});
      j["attack_mechanisms"] = std::move(c);
    }
    if (!t.cwe().empty()) {
      Json c = Json::array();
      for (int id : t.cwe()) c.push_back({{"cwe_id", id}});
      j["weaknesses"] = std::move(c);
    }
    threats.push_back(std::move(j));
    std::string impact_desc;
    for (const auto& id : t.assets()) {
      const auto* as = m.asset(id);
      std::string one = as && !as->name.empty() ? as->name : id;
      if (as && !as->impact.empty()) one += ": " + as->impact;
      impact_desc = sentences(impact_desc, one);
    }
    if (!impact_desc.empty() && impact_desc.back() != '.') impact_desc += '.';
    risks.push_back(
        {{"symbolic_name", "risk-" + tn},
         {"title", t.title() + " (" + t.target + ")"},
         {"description", "Risk of " + t.id + ". Status: " + std::string(name(t.status)) +
                             (t.status_reason.empty() ? "." : " (" + t.status_reason + ").")},
         {"threats", Json::array({tn})},
         {"likelihood", likelihood_word(t.likelihood)},
         {"impact", impact_word(t.impact)},
         {"impact_description", impact_desc},
         {"score", std::clamp(t.score, 0, 25)},
         {"level", level_of(t.severity)}});
    Json st = {{"id", t.id}, {"status", std::string(name(t.status))}};
    if (!t.rule_id().empty()) st["rule"] = t.rule_id();
    st["severity"] = std::string(engine::severity_name(t.severity));
    append_distinct(statuses, tn, std::move(st));
    for (const auto& c : t.controls) {
      auto it = worst_of_control.find(c);
      if (it == worst_of_control.end() || t.severity > it->second) worst_of_control[c] = t.severity;
    }
  }
  if (!threats.empty()) d["threats"] = std::move(threats);

  Json controls = Json::array();
  for (const auto& c : m.controls) {
    Json ts = Json::array();
    for (const auto& r : c.mitigates) ts.push_back(sym.name(r.id));
    std::string status = "suggested";
    if (c.status == model::ControlStatus::Implemented) status = "active";
    if (c.status == model::ControlStatus::Planned) status = "scheduled";
    std::string desc = c.mechanism;
    desc = sentences(desc, c.description);
    auto w = worst_of_control.find(c.id);
    controls.push_back(
        {{"symbolic_name", sym.name(c.id)},
         {"title", c.name.empty() ? c.id : c.name},
         {"description", desc},
         {"threats", std::move(ts)},
         {"status", status},
         {"priority",
          priority_of(w == worst_of_control.end() ? std::nullopt
                                                  : std::optional<engine::Severity>(w->second))}});
  }
  if (!controls.empty()) d["controls"] = std::move(controls);
  if (!risks.empty()) d["risks"] = std::move(risks);

  // Extensions: what TM-BOM has no place for.
  Json ext = Json::object();
  ext["threatwright.dev/model"] = model_document(m);
  ext["threatwright.dev/threats"] = std::move(statuses);
  Json ids = Json::object();
  for (const auto& [n, id] : sym.originals()) {
    if (n != id) append_distinct(ids, n, id);
  }
  ext["threatwright.dev/ids"] = std::move(ids);
  ext["threatwright.dev/export"] = {
      {"tool", "threatwright"}, {"version", o.tool_version}, {"format", 1}};
  d["extensions"] = std::move(ext);
  return render(std::move(d));
}

}  // namespace tw::exports
