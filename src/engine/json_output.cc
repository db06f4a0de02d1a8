#include "engine/json_output.h"

#include "rules/rule.h"
#include "rules/rule_set.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::engine {

using nlohmann::ordered_json;

std::string_view threatwright_version() { return TW_VERSION; }

namespace {
ordered_json stride_json(const std::vector<model::Stride>& s) {
  ordered_json out = ordered_json::array();
  for (model::Stride x : s) out.push_back(std::string(model::name(x)));
  return out;
}

ordered_json strings(const std::vector<std::string>& v) {
  ordered_json out = ordered_json::array();
  for (const auto& s : v) out.push_back(s);
  return out;
}

ordered_json ints(const std::vector<int>& v) {
  ordered_json out = ordered_json::array();
  for (int i : v) out.push_back(i);
  return out;
}

ordered_json counts(const std::map<std::string, int>& m) {
  ordered_json out = ordered_json::object();
  for (const auto& [k, v] : m) out[k] = v;
  return out;
}
}  // namespace

ordered_json threat_json(const Threat& t) {
  ordered_json j;
  j["id"] = t.id;
  j["rule"] = t.rule_id().empty() ? ordered_json(nullptr) : ordered_json(t.rule_id());
  j["title"] = t.title();
  j["stride"] = stride_json(t.stride);
  j["target"] = t.target;
  j["target_kind"] = std::string(target_kind_name(t.target_kind));
  j["likelihood"] = t.likelihood;
  j["impact"] = t.impact;
  j["score"] = t.score;
  j["severity"] = std::string(severity_name(t.severity));
  j["inherent_score"] = t.inherent_score;
  j["status"] = std::string(model::name(t.status));
  j["status_reason"] = t.status_reason;
  j["claim"] = t.claim.empty() ? ordered_json(nullptr) : ordered_json(t.claim);
  j["root_cause"] = t.root_cause.empty() ? ordered_json(nullptr) : ordered_json(t.root_cause);
  j["reach"] = t.reach().empty() ? ordered_json(nullptr) : ordered_json(t.reach());
  j["controls"] = strings(t.controls);
  j["assets"] = strings(t.assets());
  j["adversaries"] = strings(t.adversaries());
  j["cwe"] = ints(t.cwe());
  j["capec"] = ints(t.capec());
  j["description"] = t.description;
  j["mitigation"] = t.mitigation();
  j["owner"] = t.owner.empty() ? ordered_json(nullptr) : ordered_json(t.owner);
  j["review_by"] = t.review_by ? ordered_json(t.review_by->str()) : ordered_json(nullptr);
  ordered_json loc;
  if (t.loc.valid()) {
    loc["file"] = t.loc.path();
    loc["line"] = t.loc.line;
    loc["col"] = t.loc.col;
  } else {
    loc["file"] = nullptr;
    loc["line"] = nullptr;
    loc["col"] = nullptr;
  }
  j["location"] = loc;
  return j;
}

ordered_json analysis_json(const model::Model& m, const Analysis& a) {
  ordered_json j;
  j["threatwright_version"] = std::string(threatwright_version());
  j["format_version"] = kJsonFormatVersion;
  ordered_json mj;
  mj["name"] = m.system.name;
  mj["file"] = m.root_file;
  mj["format_version"] = m.format_version;
  mj["methodology"] = m.system.methodology
                          ? ordered_json(std::string(model::name(*m.system.methodology)))
                          : ordered_json(nullptr);
  mj["assets"] = m.assets.size();
  mj["components"] = m.components.size();
  mj["flows"] = m.flows.size();
  mj["supply_chain"] = m.supply_chain.size();
  mj["controls"] = m.controls.size();
  j["model"] = mj;
  ordered_json sj;
  sj["total"] = a.summary.total;
  sj["open"] = a.summary.by_status.count("open") ? a.summary.by_status.at("open") : 0;
  sj["by_severity"] = counts(a.summary.by_severity);
  sj["by_status"] = counts(a.summary.by_status);
  sj["by_stride"] = counts(a.summary.by_stride);
  j["summary"] = sj;
  ordered_json threats = ordered_json::array();
  for (const Threat& t : a.threats) threats.push_back(threat_json(t));
  j["threats"] = std::move(threats);
  return j;
}

std::string render_analysis_json(const model::Model& m, const Analysis& a) {
  return analysis_json(m, a).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ordered_json rule_json(const rules::Rule& r) {
  ordered_json j;
  j["id"] = r.id;
  j["title"] = r.title;
  j["stride"] = stride_json(r.stride);
  ordered_json applies = ordered_json::array();
  for (rules::AppliesTo x : r.applies_to) applies.push_back(std::string(rules::applies_to_name(x)));
  j["applies_to"] = applies;
  j["cwe"] = ints(r.cwe);
  j["capec"] = ints(r.capec);
  j["likelihood"] = r.likelihood;
  j["impact"] = r.impact;
  j["detection"] = r.detection;
  j["mitigation"] = r.mitigation;
  j["false_positives"] = r.false_positives;
  j["references"] = strings(r.references);
  j["source"] = r.source;
  return j;
}

ordered_json rules_json(const rules::RuleSet& rules) {
  ordered_json j;
  j["format_version"] = kJsonFormatVersion;
  ordered_json list = ordered_json::array();
  for (const rules::Rule* r : rules.rules()) list.push_back(rule_json(*r));
  j["rules"] = std::move(list);
  return j;
}

}  // namespace tw::engine
