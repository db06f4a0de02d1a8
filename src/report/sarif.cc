// SARIF 2.1.0 for code scanning (GitHub and others): one result per threat; open threats are
// alerts, decided ones (mitigated, accepted, ...) carry a suppression. Locations point at the
// target element in the model file, relative to the model's folder.

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "base/escape.h"
#include "base/file.h"
#include "report/report.h"
#include "report/view.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "rules/rule_doc.h"
#include "rules/rule_set.h"

namespace tw::report {

using engine::Severity;
using engine::Threat;
using nlohmann::ordered_json;

namespace {

const char* level_for(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High:
      return "error";
    case Severity::Medium:
      return "warning";
    case Severity::Low:
    case Severity::Info:
      return "note";
  }
  return "note";
}

/// GitHub's security-severity (0.0-10.0) that maps back to the same severity band.
const char* security_severity(Severity s) {
  switch (s) {
    case Severity::Critical:
      return "9.5";
    case Severity::High:
      return "8.0";
    case Severity::Medium:
      return "5.5";
    case Severity::Low:
      return "3.0";
    case Severity::Info:
      return "0.0";
  }
  return "0.0";
}

/// "sql-injection" -> "SqlInjection".
std::string pascal(const std::string& id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

/// A relative URI reference: path segments percent-encoded, '/' kept.
std::string uri_encode(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class SarifWriter {
 public:
  explicit SarifWriter(const View& v) : v_(v), m_(v.m) {}

  std::string write() {
    // Rules in id order, each with the worst severity among its results.
    std::map<std::string, std::vector<const Threat*>> by_rule;
    for (const Threat& t : v_.a.threats) by_rule[rule_id(t)].push_back(&t);
    ordered_json rules = ordered_json::array();
    std::map<std::string, int> index;
    for (const auto& [id, ts] : by_rule) {
      index[id] = static_cast<int>(rules.size());
      rules.push_back(rule_json(id, ts));
    }
    ordered_json results = ordered_json::array();
    for (const Threat& t : v_.a.threats) results.push_back(result_json(t, index.at(rule_id(t))));

    ordered_json driver;
    driver["name"] = "threatwright";
    driver["semanticVersion"] = v_.o.tool_version;
    driver["version"] = v_.o.tool_version;
    driver["rules"] = std::move(rules);
    ordered_json run;
    run["tool"]["driver"] = std::move(driver);
    run["automationDetails"]["id"] = "threatwright/" + m_.system.name + "/";
    run["results"] = std::move(results);
    run["columnKind"] = "unicodeCodePoints";
    ordered_json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = ordered_json::array({std::move(run)});
    base::clean_json_strings(doc);  // model text: no control or hidden characters
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }

 private:
  const View& v_;
  const model::Model& m_;

  static std::string rule_id(const Threat& t) { return t.rule_id().empty() ? t.id : t.rule_id(); }

  const rules::Rule* find_rule(const std::string& id) const {
    if (v_.o.rules) return v_.o.rules->find(id);
    return rules::find_builtin(id);
  }

  ordered_json rule_json(const std::string& id, const std::vector<const Threat*>& ts) const {
    const Threat& first = *ts.front();
    Severity worst = first.severity;
    for (const Threat* t : ts) worst = std::max(worst, t->severity);
    const rules::Rule* r = first.rule_id().empty() ? nullptr : find_rule(id);
    std::vector<model::Stride> stride = r ? r->stride : first.stride;
    std::vector<int> cwe = r ? r->cwe : first.cwe();
    std::vector<int> capec = r ? r->capec : first.capec();
    std::string title = r ? r->title : first.title();

    ordered_json j;
    j["id"] = id;
    j["name"] = pascal(id);
    j["shortDescription"]["text"] = title;
    std::string full;
    if (r) {
      full = r->detection.empty() ? r->title : r->detection;
    } else {
      full = first.description.empty() ? first.title() : first.description;
    }
    j["fullDescription"]["text"] = full;
    std::string help_text, help_md;
    if (r) {
      help_text = rules::render_rule_text(*r);
      help_md = rules::render_rule_markdown(*r);
    } else {
      help_text = "Hand-written threat in the model: " + first.title() + ".";
      // The model's text is escaped; only the formatting around it is ours (review B13).
      help_md = "**Hand-written threat** in the model: " + base::md_escape(first.title()) + ".";
      if (!first.description.empty()) {
        help_text += "\n\n" + first.description;
        help_md += "\n\n" + base::md_paragraphs(first.description);
      }
      if (!first.mitigation().empty()) {
        help_text += "\n\nMitigation: " + first.mitigation();
        help_md += "\n\n**Mitigation:** " + base::md_escape(first.mitigation());
      }
      help_text += "\n\nTriage it with a `decisions:` entry for threat id " + first.id + ".";
      help_md += "\n\nTriage it with a `decisions:` entry for threat id `" + first.id + "`.";
    }
    j["help"]["text"] = help_text;
    j["help"]["markdown"] = help_md;
    j["defaultConfiguration"]["level"] = level_for(worst);
    ordered_json tags = ordered_json::array({"security", "threat-model"});
    for (model::Stride s : stride) tags.push_back("stride/" + std::string(model::name(s)));
    for (int c : cwe) tags.push_back("external/cwe/cwe-" + std::to_string(c));
    for (int c : capec) tags.push_back("external/capec/capec-" + std::to_string(c));
    j["properties"]["tags"] = std::move(tags);
    j["properties"]["precision"] = "medium";
    j["properties"]["problem.severity"] =
        level_for(worst) == std::string("note") ? "recommendation" : level_for(worst);
    j["properties"]["security-severity"] = security_severity(worst);
    return j;
  }

  std::string artifact_uri(const base::Loc& loc) const {
    std::string path = loc.valid() ? loc.path() : m_.root_file;
    std::string rel = base::relative_to(path, base::dir_name(m_.root_file));
    if (base::dir_name(m_.root_file) == "." && rel.rfind("./", 0) == 0) rel = rel.substr(2);
    return uri_encode(v_.o.uri_prefix + rel);
  }

  ordered_json result_json(const Threat& t, int rule_index) const {
    ordered_json j;
    j["ruleId"] = rule_id(t);
    j["ruleIndex"] = rule_index;
    j["level"] = level_for(t.severity);
    std::string msg = t.title() + " (" + std::string(engine::severity_name(t.severity)) +
                      ", score " + std::to_string(t.score) + ") on " + t.target + ".";
    if (!t.description.empty()) msg += " " + t.description;
    if (!t.mitigation().empty()) msg += " Mitigation: " + t.mitigation();
    j["message"]["text"] = msg;
    ordered_json phys;
    phys["artifactLocation"]["uri"] = artifact_uri(t.loc);
    ordered_json region;
    region["startLine"] = t.loc.valid() ? t.loc.line : 1;
    region["startColumn"] = t.loc.valid() && t.loc.col > 0 ? t.loc.col : 1;
    if (t.loc.valid() && t.loc.len > 0) region["endColumn"] = t.loc.col + t.loc.len;
    phys["region"] = std::move(region);
    ordered_json location;
    location["physicalLocation"] = std::move(phys);
    ordered_json logical;
    logical["name"] = t.target;
    logical["kind"] = std::string(engine::target_kind_name(t.target_kind));
    location["logicalLocations"] = ordered_json::array({std::move(logical)});
    j["locations"] = ordered_json::array({std::move(location)});
    j["partialFingerprints"]["threatId/v1"] = t.id;
    // Open and claimed threats are results to act on; the others are suppressed, with the reason.
    if (t.status != model::ThreatStatus::Open && t.status != model::ThreatStatus::Claimed) {
      ordered_json s;
      s["kind"] = "external";
      s["status"] = "accepted";
      std::string why = std::string(model::name(t.status));
      if (const model::Decision* d = v_.decision(t.id); d && !d->rationale.empty()) {
        why += ": " + d->rationale;
      } else if (!t.status_reason.empty()) {
        why += ": " + t.status_reason;
      }
      s["justification"] = why;
      j["suppressions"] = ordered_json::array({std::move(s)});
    }
    ordered_json p;
    p["threatId"] = t.id;
    p["severity"] = std::string(engine::severity_name(t.severity));
    p["score"] = t.score;
    p["likelihood"] = t.likelihood;
    p["impact"] = t.impact;
    p["status"] = std::string(model::name(t.status));
    if (!t.status_reason.empty()) p["statusReason"] = t.status_reason;
    if (!t.claim.empty()) p["claim"] = t.claim;
    if (!t.reach().empty()) p["reach"] = t.reach();
    ordered_json stride = ordered_json::array();
    for (model::Stride s : t.stride) stride.push_back(std::string(model::name(s)));
    p["stride"] = std::move(stride);
    p["controls"] = t.controls;
    p["assets"] = t.assets();
    if (!t.owner.empty()) p["owner"] = t.owner;
    if (t.review_by) p["reviewBy"] = t.review_by->str();
    j["properties"] = std::move(p);
    return j;
  }
};

}  // namespace

std::string write_sarif(const model::Model& m, const engine::Analysis& a, const Options& o) {
  View v(m, a, o);
  return SarifWriter(v).write();
}

}  // namespace tw::report
