// SARIF 2.1.0 for code scanning (GitHub and others): one result per threat; open threats are
// alerts, decided ones (mitigated, accepted, ...) carry a suppression. Locations point at the
// target element in the model file, relative to the model's folder.

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <string>

#include "base/escape.h"
#include "base/file.h"
#include "base/json_writer.h"
#include "engine/infrastructure.h"
#include "report/report.h"
#include "report/view.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "rules/rule_doc.h"
#include "rules/rule_set.h"

namespace tw::report {

using engine::Severity;
using engine::Threat;

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
  SarifWriter(const View& v, base::JsonWriter& w) : v_(v), m_(v.m), w_(w) {}

  void write() {
    // Rules in id order, each with the worst severity among its results.
    std::map<std::string, std::vector<const Threat*>> by_rule;
    for (const Threat& t : v_.a.threats) by_rule[rule_id(t)].push_back(&t);
    std::map<std::string, int> index;
    w_.begin_object();
    w_.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    w_.field("version", "2.1.0");
    w_.key("runs");
    w_.begin_array();
    w_.begin_object();
    w_.key("tool");
    w_.begin_object();
    w_.key("driver");
    w_.begin_object();
    w_.field("name", "threatwright");
    w_.field("semanticVersion", v_.o.tool_version);
    w_.field("version", v_.o.tool_version);
    w_.key("rules");
    w_.begin_array();
    for (const auto& [id, ts] : by_rule) {
      index.emplace(id, static_cast<int>(index.size()));
      rule_json(id, ts);
    }
    // Drift findings (--infra): one rule per code, "drift/<code>", at its worst severity.
    std::map<std::string, const engine::InfraFinding*> drift_rules;
    if (v_.a.infrastructure)
      for (const engine::InfraFinding& f : v_.a.infrastructure->findings) {
        auto [it, fresh] = drift_rules.emplace("drift/" + f.code, &f);
        if (!fresh && f.severity > it->second->severity) it->second = &f;
      }
    for (const auto& [id, f] : drift_rules) {
      index.emplace(id, static_cast<int>(index.size()));
      drift_rule_json(id, *f);
    }
    w_.end_array();
    w_.end_object();
    w_.end_object();
    w_.key("automationDetails");
    w_.begin_object();
    w_.field("id", "threatwright/" + m_.system.name + "/");
    w_.end_object();
    w_.key("results");
    w_.begin_array();
    for (const Threat& t : v_.a.threats) result_json(t, index.at(rule_id(t)));
    if (v_.a.infrastructure)
      for (const engine::InfraFinding& f : v_.a.infrastructure->findings)
        drift_json(f, index.at("drift/" + f.code));
    w_.end_array();
    w_.field("columnKind", "unicodeCodePoints");
    w_.end_object();
    w_.end_array();
    w_.end_object();
  }

 private:
  const View& v_;
  const model::Model& m_;
  base::JsonWriter& w_;

  static const std::string& rule_id(const Threat& t) {
    return t.rule_id().empty() ? t.id : t.rule_id();
  }

  const rules::Rule* find_rule(const std::string& id) const {
    if (v_.o.rules) return v_.o.rules->find(id);
    return rules::find_builtin(id);
  }

  /// {"text": text}
  void text_object(std::string_view key, const std::string& text) {
    w_.key(key);
    w_.begin_object();
    w_.field("text", text);
    w_.end_object();
  }

  void rule_json(const std::string& id, const std::vector<const Threat*>& ts) {
    const Threat& first = *ts.front();
    Severity worst = first.severity;
    for (const Threat* t : ts) worst = std::max(worst, t->severity);
    const rules::Rule* r = first.rule_id().empty() ? nullptr : find_rule(id);
    std::vector<model::Stride> stride = r ? r->stride : first.stride;
    std::vector<int> cwe = r ? r->cwe : first.cwe();
    std::vector<int> capec = r ? r->capec : first.capec();
    std::string title = r ? r->title : first.title();

    w_.begin_object();
    w_.field("id", id);
    w_.field("name", pascal(id));
    text_object("shortDescription", title);
    std::string full;
    if (r) {
      full = r->detection.empty() ? r->title : r->detection;
    } else {
      full = first.description.empty() ? first.title() : first.description;
    }
    text_object("fullDescription", full);
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
    w_.key("help");
    w_.begin_object();
    w_.field("text", help_text);
    w_.field("markdown", help_md);
    w_.end_object();
    w_.key("defaultConfiguration");
    w_.begin_object();
    w_.field("level", level_for(worst));
    w_.end_object();
    w_.key("properties");
    w_.begin_object();
    w_.key("tags");
    w_.begin_array();
    w_.value("security");
    w_.value("threat-model");
    for (model::Stride s : stride) w_.value("stride/" + std::string(model::name(s)));
    for (int c : cwe) w_.value("external/cwe/cwe-" + std::to_string(c));
    for (int c : capec) w_.value("external/capec/capec-" + std::to_string(c));
    w_.end_array();
    w_.field("precision", "medium");
    w_.field("problem.severity",
             level_for(worst) == std::string("note") ? "recommendation" : level_for(worst));
    w_.field("security-severity", security_severity(worst));
    w_.end_object();
    w_.end_object();
  }

  std::string artifact_uri(const base::Loc& loc) const {
    std::string path = loc.valid() ? loc.path() : m_.root_file;
    std::string rel = base::relative_to(path, base::dir_name(m_.root_file));
    if (base::dir_name(m_.root_file) == "." && rel.rfind("./", 0) == 0) rel = rel.substr(2);
    return uri_encode(v_.o.uri_prefix + rel);
  }

  /// An infrastructure file's URI, relative to the model's folder like the model's own.
  std::string infra_uri(const std::string& file) const {
    std::string rel = base::relative_to(file, base::dir_name(m_.root_file));
    if (rel.rfind("./", 0) == 0) rel = rel.substr(2);
    return uri_encode(v_.o.uri_prefix + rel);
  }

  void location_json(const std::string& uri, uint32_t line, uint32_t col) {
    w_.key("physicalLocation");
    w_.begin_object();
    w_.key("artifactLocation");
    w_.begin_object();
    w_.field("uri", uri);
    w_.end_object();
    w_.key("region");
    w_.begin_object();
    w_.field("startLine", std::max<uint32_t>(line, 1));
    w_.field("startColumn", std::max<uint32_t>(col, 1));
    w_.end_object();
    w_.end_object();
  }

  void drift_rule_json(const std::string& id, const engine::InfraFinding& f) {
    std::string hint = f.hint.empty() ? std::string("see docs/drift.md") : f.hint;
    w_.begin_object();
    w_.field("id", id);
    w_.field("name", pascal(id.substr(6)));
    text_object("shortDescription", "Infrastructure drift: " + f.code);
    w_.key("help");
    w_.begin_object();
    w_.field("text", "The infrastructure files contradict the threat model (" + f.code +
                         "). How to settle it: " + hint);
    w_.field("markdown", "The infrastructure files contradict the threat model (`" + f.code +
                             "`). **How to settle it:** " + base::md_escape(hint));
    w_.end_object();
    w_.field("helpUri", "https://github.com/threatwright/threatwright/blob/main/docs/drift.md");
    w_.key("defaultConfiguration");
    w_.begin_object();
    w_.field("level", level_for(f.severity));
    w_.end_object();
    w_.key("properties");
    w_.begin_object();
    w_.key("tags");
    w_.begin_array();
    w_.value("security");
    w_.value("infrastructure-drift");
    w_.end_array();
    w_.field("precision", "high");
    w_.field("problem.severity", level_for(f.severity) == std::string("note")
                                     ? "recommendation"
                                     : level_for(f.severity));
    w_.field("security-severity", security_severity(f.severity));
    w_.end_object();
    w_.end_object();
  }

  void drift_json(const engine::InfraFinding& f, int rule_index) {
    w_.begin_object();
    w_.field("ruleId", "drift/" + f.code);
    w_.field("ruleIndex", rule_index);
    w_.field("level", level_for(f.severity));
    text_object("message", f.message + (f.hint.empty() ? "" : ". Hint: " + f.hint));
    w_.key("locations");
    w_.begin_array();
    w_.begin_object();
    if (!f.observed_at.file.empty()) {
      location_json(infra_uri(f.observed_at.file), f.observed_at.line, f.observed_at.col);
    } else {
      location_json(artifact_uri(f.model_at), f.model_at.valid() ? f.model_at.line : 1,
                    f.model_at.valid() ? f.model_at.col : 1);
    }
    w_.end_object();
    w_.end_array();
    if (!f.observed_at.file.empty() && f.model_at.valid()) {
      w_.key("relatedLocations");
      w_.begin_array();
      w_.begin_object();
      w_.field("id", 1);
      location_json(artifact_uri(f.model_at), f.model_at.line, f.model_at.col);
      text_object("message", "the model's " + f.element +
                                 (f.model_says.empty() ? "" : " (" + f.model_says + ")"));
      w_.end_object();
      w_.end_array();
    }
    w_.key("partialFingerprints");
    w_.begin_object();
    w_.field("driftId/v1", f.code + "@" + (f.observed.empty() ? f.element : f.observed));
    w_.end_object();
    w_.key("properties");
    w_.begin_object();
    w_.field("severity", engine::severity_name(f.severity));
    w_.field("drift", true);
    w_.end_object();
    w_.end_object();
  }

  void result_json(const Threat& t, int rule_index) {
    w_.begin_object();
    w_.field("ruleId", rule_id(t));
    w_.field("ruleIndex", rule_index);
    w_.field("level", level_for(t.severity));
    std::string msg = t.title() + " (" + std::string(engine::severity_name(t.severity)) +
                      ", score " + std::to_string(t.score) + ") on " + t.target + ".";
    if (!t.description.empty()) msg += " " + t.description;
    if (!t.mitigation().empty()) msg += " Mitigation: " + t.mitigation();
    text_object("message", msg);
    w_.key("locations");
    w_.begin_array();
    w_.begin_object();
    w_.key("physicalLocation");
    w_.begin_object();
    w_.key("artifactLocation");
    w_.begin_object();
    w_.field("uri", artifact_uri(t.loc));
    w_.end_object();
    w_.key("region");
    w_.begin_object();
    w_.field("startLine", t.loc.valid() ? t.loc.line : 1);
    w_.field("startColumn", t.loc.valid() && t.loc.col > 0 ? t.loc.col : 1);
    if (t.loc.valid() && t.loc.len > 0) w_.field("endColumn", t.loc.col + t.loc.len);
    w_.end_object();
    w_.end_object();
    w_.key("logicalLocations");
    w_.begin_array();
    w_.begin_object();
    w_.field("name", t.target);
    w_.field("kind", engine::target_kind_name(t.target_kind));
    w_.end_object();
    w_.end_array();
    w_.end_object();
    w_.end_array();
    w_.key("partialFingerprints");
    w_.begin_object();
    w_.field("threatId/v1", t.id);
    w_.end_object();
    // Open and claimed threats are results to act on; the others are suppressed, with the reason.
    if (t.status != model::ThreatStatus::Open && t.status != model::ThreatStatus::Claimed) {
      std::string why = std::string(model::name(t.status));
      if (const model::Decision* d = v_.decision(t.id); d && !d->rationale.empty()) {
        why += ": " + d->rationale;
      } else if (!t.status_reason.empty()) {
        why += ": " + t.status_reason;
      }
      w_.key("suppressions");
      w_.begin_array();
      w_.begin_object();
      w_.field("kind", "external");
      w_.field("status", "accepted");
      w_.field("justification", why);
      w_.end_object();
      w_.end_array();
    }
    w_.key("properties");
    w_.begin_object();
    w_.field("threatId", t.id);
    w_.field("severity", engine::severity_name(t.severity));
    w_.field("score", t.score);
    w_.field("likelihood", t.likelihood);
    w_.field("impact", t.impact);
    w_.field("status", model::name(t.status));
    if (!t.status_reason.empty()) w_.field("statusReason", t.status_reason);
    if (!t.claim.empty()) w_.field("claim", t.claim);
    if (!t.reach().empty()) w_.field("reach", t.reach());
    w_.key("stride");
    w_.begin_array();
    for (model::Stride s : t.stride) w_.value(model::name(s));
    w_.end_array();
    w_.field_strings("controls", t.controls);
    w_.field_strings("assets", t.assets());
    if (!t.owner.empty()) w_.field("owner", t.owner);
    if (t.review_by) w_.field("reviewBy", t.review_by->str());
    w_.end_object();
    w_.end_object();
  }
};

}  // namespace

void write_sarif(const model::Model& m,
                 const engine::Analysis& a,
                 const Options& o,
                 std::ostream& out) {
  View v(m, a, o);
  base::Output text(out);
  // Model text: no control or hidden characters (clean_utf8).
  base::JsonWriter w(text, base::JsonWriter::Strings::Clean);
  SarifWriter(v, w).write();
  text += '\n';
}

std::string write_sarif(const model::Model& m, const engine::Analysis& a, const Options& o) {
  std::ostringstream out;
  write_sarif(m, a, o, out);
  return std::move(out).str();
}

}  // namespace tw::report
