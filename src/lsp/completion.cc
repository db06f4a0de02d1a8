#include "lsp/completion.h"

#include <algorithm>

#include "lsp/position.h"
#include "model/vocabulary.h"

namespace tw::lsp {

namespace {

using model::Kind;

// The keys of each mapping, as load/builder.cc reads them. completion_test checks that the
// loader accepts every one of them.
struct KeySet {
  std::string_view where;  ///< the path joined by '.', items of a list section by its name
  std::vector<std::string_view> keys;
};

const std::vector<KeySet>& key_sets() {
  static const std::vector<KeySet> k = {
      {"",
       {"threatwright", "include", "rules", "system", "assets", "adversaries", "boundaries",
        "components", "flows", "supply_chain", "controls", "threats", "decisions", "failure_modes",
        "not_applicable", "pasta", "attack_trees", "kinds", "protocols"}},
      {"system", {"name", "description", "owner", "methodology", "review"}},
      {"system.review", {"cadence_days", "last_reviewed", "reviewers"}},
      {"assets", {"id", "name", "description", "value", "impact", "cia"}},
      {"assets.cia", {"confidentiality", "integrity", "availability"}},
      {"adversaries", {"id", "name", "description", "access", "capability", "motivation"}},
      {"boundaries", {"id", "name", "description", "trust", "parent"}},
      {"components",
       {"id",
        "name",
        "description",
        "type",
        "kind",
        "boundary",
        "technology",
        "internet_facing",
        "authentication",
        "authorization",
        "input_validation",
        "output_encoding",
        "audit_log",
        "rate_limited",
        "runs_as_root",
        "fail_mode",
        "stores",
        "encrypted_at_rest",
        "backups",
        "code"}},
      {"flows",
       {"id", "name", "description", "from", "to", "protocol", "data", "returns", "encrypted",
        "authenticated", "mutual_tls", "port"}},
      {"supply_chain",
       {"id", "name", "description", "kind", "ecosystem", "used_by", "pinned", "integrity_checked",
        "source", "version"}},
      {"controls",
       {"id", "name", "description", "mechanism", "mitigates", "owner", "status", "verification"}},
      {"controls.verification",
       {"command", "expect", "max_age_days", "timeout_seconds", "manual", "evidence",
        "verified_on"}},
      {"controls.verification.expect", {"exit_code", "stdout_matches"}},
      {"threats",
       {"id", "title", "description", "stride", "target", "adversary", "assets", "vector",
        "likelihood", "impact", "mitigation", "cwe", "capec"}},
      {"decisions",
       {"threat", "status", "rationale", "owner", "review_by", "likelihood", "impact"}},
      {"failure_modes",
       {"id", "component", "scenario", "behaviour", "security_impact", "description",
        "mitigated_by"}},
      {"not_applicable", {"target", "stride", "because"}},
      {"pasta", {"objectives", "scope", "threat_intelligence", "vulnerabilities"}},
      {"pasta.objectives", {"id", "statement", "compliance", "impact_if_failed"}},
      {"pasta.scope", {"out_of_scope", "in_scope"}},
      {"pasta.scope.out_of_scope", {"item", "because"}},
      {"pasta.threat_intelligence", {"id", "source", "summary", "relevant_to", "adversaries"}},
      {"pasta.vulnerabilities", {"id", "target", "cwe", "cve", "source", "status", "description"}},
      {"attack_trees", {"id", "goal", "adversary", "root", "description"}},
      {"kinds", {"id", "base", "description"}},
      {"protocols", {"id", "base", "description"}},
      {"attack_trees.node",
       {"id", "step", "description", "target", "threat", "cost", "difficulty", "mitigated_by",
        "any", "all"}},
  };
  return k;
}

// Attack tree nodes nest without end: attack_trees.root(.any|.all)* is one kind of mapping.
std::string where_of(const std::vector<std::string>& path) {
  if (path.size() >= 2 && path[0] == "attack_trees") {
    bool node = true;
    for (size_t i = 1; i < path.size(); ++i) {
      const std::string& p = path[i];
      if (i == 1 ? p != "root" : (p != "any" && p != "all")) node = false;
    }
    if (node) return "attack_trees.node";
  }
  std::string out;
  for (const auto& p : path) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == '@';
}

// A line's shape: its indent, the column of its key after any "- " markers, the key (if the
// line is "key:" or "key: value") and whether it opens list items.
struct Shape {
  size_t indent = 0, key_col = 0;
  bool dash = false, blank = true;
  std::string key;
  std::string_view after;  ///< the text after "key:"
};

Shape shape(std::string_view line) {
  Shape s;
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] == '#') return s;
  s.blank = false;
  s.indent = i;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    s.dash = true;
    i = line.find_first_not_of(' ', i + 1);
    if (i == std::string_view::npos) {
      i = line.size();
      break;
    }
  }
  s.key_col = i;
  size_t j = i;
  if (j < line.size() && (line[j] == '"' || line[j] == '\'')) {
    char q = line[j];
    size_t e = line.find(q, j + 1);
    if (e != std::string_view::npos && e + 1 < line.size() + 1 && line.substr(e + 1, 1) == ":") {
      s.key = std::string(line.substr(j + 1, e - j - 1));
      s.after = line.substr(e + 2);
    }
    return s;
  }
  while (j < line.size() && line[j] != ':' && line[j] != ' ' && line[j] != '#') ++j;
  if (j < line.size() && line[j] == ':' && (j + 1 == line.size() || line[j + 1] == ' ')) {
    s.key = std::string(line.substr(i, j - i));
    s.after = line.substr(j + 1);
  }
  return s;
}

bool empty_value(std::string_view after) {
  size_t i = after.find_first_not_of(' ');
  return i == std::string_view::npos || after[i] == '#';
}

}  // namespace

CompletionContext completion_context(std::string_view text, uint32_t line_no, size_t byte) {
  CompletionContext ctx;
  std::string_view line = line_at(text, line_no);
  std::string_view before = line.substr(0, std::min(byte, line.size()));
  // The word being typed.
  size_t w = before.size();
  while (w > 0 && is_key_char(before[w - 1])) --w;
  ctx.prefix = std::string(before.substr(w));

  Shape cur = shape(before);
  size_t limit;  // parents are less indented than this
  bool value = false;
  std::string value_key;
  if (cur.blank) {
    // An empty line: a key of the mapping at the cursor's column.
    limit = before.size();
  } else if (!cur.key.empty()) {
    value = true;  // "key: partial" (or "key: [a, partial")
    value_key = cur.key;
    limit = cur.key_col;
  } else {
    limit = cur.key_col;
    // "- partial" under a list key, or "[a, partial" continuing a flow list: a value.
    if (before.find_first_of("[,") != std::string_view::npos) value = true;
  }
  std::vector<std::string> parents;
  bool list_item = cur.dash && cur.key.empty();
  for (uint32_t l = line_no; l-- > 0 && limit > 0;) {
    Shape s = shape(line_at(text, l));
    if (s.blank) continue;
    if (s.indent >= limit) continue;
    if (s.key_col < limit && !s.key.empty()) {
      if (!empty_value(s.after) && parents.empty() && !value && !list_item) {
        // "key: value" less indented than us: we are under a finished key; nothing sensible.
        limit = s.indent;
        continue;
      }
      parents.push_back(s.key);
    }
    limit = s.indent;
  }
  std::reverse(parents.begin(), parents.end());
  if (value) {
    if (!value_key.empty()) parents.push_back(value_key);
    ctx.what = CompletionContext::What::Value;
  } else if (list_item && !parents.empty() && !keys_at(parents).empty() &&
             parents.back() != "any" && parents.back() != "all") {
    // "- " starting an item of a section whose items are mappings: a key of the item.
    ctx.what = CompletionContext::What::Key;
  } else if (list_item && !parents.empty()) {
    ctx.what = CompletionContext::What::Value;
  } else {
    ctx.what = CompletionContext::What::Key;
  }
  if (list_item && (parents.empty() || parents.back() == "any" || parents.back() == "all")) {
    ctx.what = CompletionContext::What::Key;
  }
  ctx.path = std::move(parents);
  return ctx;
}

std::vector<std::string_view> keys_at(const std::vector<std::string>& path) {
  std::string where = where_of(path);
  for (const auto& ks : key_sets()) {
    if (ks.where == where) return ks.keys;
  }
  return {};
}

ValueSpec values_at(const std::vector<std::string>& path) {
  ValueSpec v;
  if (path.empty()) return v;
  const std::string& key = path.back();
  std::vector<std::string> parent(path.begin(), path.end() - 1);
  std::string where = where_of(parent);
  auto words = [&](const std::vector<std::string_view>& n) { v.words = n; };
  static const std::vector<std::string_view> kBool = {"true", "false"};
  static const std::vector<std::string_view> kBoolKeys = {
      "internet_facing",  "input_validation", "output_encoding",   "audit_log",
      "rate_limited",     "runs_as_root",     "encrypted_at_rest", "backups",
      "encrypted",        "authenticated",    "mutual_tls",        "pinned",
      "integrity_checked"};
  if (std::find(kBoolKeys.begin(), kBoolKeys.end(), key) != kBoolKeys.end()) {
    words(kBool);
  } else if (key == "type") {
    words(model::names<model::ComponentType>());
  } else if (key == "value") {
    words(model::names<model::Value>());
  } else if (key == "confidentiality" || key == "integrity" || key == "availability" ||
             key == "cost" || key == "difficulty") {
    words(model::names<model::Level3>());
  } else if (key == "access") {
    words(model::names<model::Access>());
  } else if (key == "capability") {
    words(model::names<model::Capability>());
  } else if (key == "trust") {
    words(model::names<model::Trust>());
  } else if (key == "authentication") {
    words(model::names<model::Authentication>());
  } else if (key == "authorization") {
    words(model::names<model::Authorization>());
  } else if (key == "fail_mode") {
    words(model::names<model::FailMode>());
  } else if (key == "behaviour") {
    words(model::names<model::Behaviour>());
  } else if (key == "methodology") {
    words(model::names<model::Methodology>());
  } else if (key == "stride") {
    words(model::names<model::Stride>());
  } else if ((key == "kind" && where == "components") || (key == "base" && where == "kinds")) {
    static const std::vector<std::string_view> kinds = [] {
      std::vector<std::string_view> out;
      for (const auto& k : model::builtin_kinds()) out.push_back(k.id);
      return out;
    }();
    words(kinds);
  } else if ((key == "protocol" && where == "flows") || (key == "base" && where == "protocols")) {
    static const std::vector<std::string_view> protocols = [] {
      std::vector<std::string_view> out;
      for (const auto& p : model::builtin_protocols()) out.push_back(p.id);
      return out;
    }();
    words(protocols);
  } else if (key == "ecosystem" && where == "supply_chain") {
    words(model::builtin_ecosystems());
  } else if (key == "kind" && where == "supply_chain") {
    words(model::names<model::SupplyKind>());
  } else if (key == "status" && where == "controls") {
    words(model::names<model::ControlStatus>());
  } else if (key == "status" && where == "pasta.vulnerabilities") {
    words(model::names<model::VulnStatus>());
  } else if (key == "status" && where == "decisions") {
    for (std::string_view n : model::names<model::ThreatStatus>()) {
      if (n != "claimed" && n != "not-applicable" && n != "not_applicable") v.words.push_back(n);
    }
  } else if (key == "from" || key == "to" || key == "used_by" || key == "component") {
    v.kinds = {Kind::Component};
  } else if (key == "target" || key == "relevant_to") {
    v.kinds = {Kind::Component, Kind::Flow};
  } else if (key == "boundary" || key == "parent") {
    v.kinds = {Kind::Boundary};
  } else if (key == "stores" || key == "data" || key == "returns" || key == "assets") {
    v.kinds = {Kind::Asset};
  } else if (key == "adversary" || key == "adversaries") {
    v.kinds = {Kind::Adversary};
  } else if (key == "mitigated_by") {
    v.kinds = {Kind::Control};
  } else if (key == "mitigates" || key == "threat") {
    v.threat_ids = true;
    v.kinds = {Kind::Threat};
  }
  return v;
}

}  // namespace tw::lsp
