#include "rules/rule_pack.h"

#include <algorithm>

#include "base/file.h"
#include "base/glob.h"
#include "base/text.h"
#include "load/loader.h"
#include "load/reader.h"
#include "load/yaml_node.h"
#include "rules/condition.h"

namespace tw::rules {

namespace {

using load::MapReader;
using load::Node;

bool kebab_case(std::string_view id) {
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z') || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i + 1] == '-')) return false;
  }
  return true;
}

/// Where offset `offset` of a scalar's text sits in the source. Exact for single-line plain
/// and quoted scalars and for block scalars; otherwise the scalar's own position.
base::Loc loc_in_scalar(const base::SourceFile& file, const Node* n, size_t offset, size_t len) {
  base::Loc at = load::loc_of(file, n);
  at.len = static_cast<uint32_t>(std::max<size_t>(1, len));
  std::string_view text = n->text;
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
  size_t k = static_cast<size_t>(std::count(text.begin(), text.begin() + line_start, '\n'));
  std::string_view segment = text.substr(line_start, text.find('\n', line_start) - line_start);
  // The scalar's first line: at its column (after a quote); later lines: a block scalar.
  for (uint32_t line :
       {n->line + static_cast<uint32_t>(k), n->line + 1 + static_cast<uint32_t>(k)}) {
    std::string_view src = file.line_text(line);
    size_t from = line == n->line ? (n->col > 0 ? n->col - 1 : 0) : 0;
    size_t pos = src.find(segment, from);
    if (pos == std::string_view::npos || segment.empty()) continue;
    at.line = line;
    at.col = static_cast<uint32_t>(pos + (offset - line_start) + 1);
    return at;
  }
  return load::loc_of(file, n);
}

void report(base::Diagnostics& diags,
            const base::SourceFile& file,
            const Node* n,
            const ConditionError& e,
            std::string_view code) {
  auto& d = diags.error(std::string(code), loc_in_scalar(file, n, e.offset, e.length), e.message);
  d.hint = e.hint;
}

void read_rule(load::BuildContext& ctx,
               const base::SourceFile& file,
               const Node* node,
               RuleSet& rules,
               base::Diagnostics& diags) {
  size_t errors = diags.error_count();
  MapReader r(ctx, node, "rule",
              {"id", "title", "stride", "applies_to", "when", "description", "cwe", "capec",
               "detection", "likelihood", "impact", "mitigation", "false_positives", "references"});
  if (!r.ok()) return;
  auto rule = std::make_shared<Rule>();
  rule->source = file.path();
  rule->loc = r.loc();
  rule->id = r.str("id", true);
  if (!rule->id.empty() && !kebab_case(rule->id)) {
    diags.error("bad-rule-id", r.loc_of("id"), "rule id '" + rule->id + "' is not kebab-case")
        .hint = "use lower-case words joined by '-', e.g. 'acme-missing-waf'";
  }
  rule->title = r.str("title", true);
  rule->stride = r.strides("stride", true);
  for (const std::string& a : r.strings("applies_to")) {
    if (auto k = parse_applies_to(a)) {
      if (!rule->applies(*k)) rule->applies_to.push_back(*k);
    } else {
      auto& d = diags.error("bad-value", r.loc_of("applies_to"),
                            "'" + a +
                                "' is not an element kind (external-entity | process | "
                                "data-store | flow | supply-chain)");
      std::string dym = base::did_you_mean(
          a, {"external-entity", "process", "data-store", "flow", "supply-chain"});
      if (!dym.empty()) d.hint = "did you mean '" + dym + "'?";
    }
  }
  if (!r.get("applies_to")) r.missing("applies_to");
  rule->cwe = r.ints("cwe");
  rule->capec = r.ints("capec");
  rule->detection = r.str("detection", true);
  rule->mitigation = r.str("mitigation", true);
  rule->false_positives = r.str("false_positives", true);
  rule->references = r.strings("references");
  for (std::string_view key : {"cwe", "capec", "references"}) {
    if (!r.get(key)) r.missing(key);
  }
  rule->likelihood = r.rating("likelihood").value_or(3);
  rule->impact = r.rating("impact").value_or(3);
  rule->description = r.str("description");
  if (diags.error_count() != errors || rule->applies_to.empty()) return;
  ConditionError err;
  const Node* when = r.get("when");
  if (!when) {
    r.missing("when");
    return;
  }
  if (!when->is_scalar()) {
    diags.error("wrong-type", ctx.loc(when),
                std::string("'when' must be a condition text, not ") + when->describe());
    return;
  }
  rule->condition = compile_condition(when->text, rule->applies_to, err);
  if (!rule->condition) {
    report(diags, file, when, err, "bad-condition");
    return;
  }
  if (const Node* desc = r.get("description"); desc && desc->is_scalar()) {
    if (!check_template(desc->text, rule->applies_to, err)) {
      report(diags, file, desc, err, "bad-template");
      return;
    }
  }
  rules.add(std::move(rule), diags);
}

}  // namespace

void add_rule_pack_text(const std::string& path,
                        std::string text,
                        RuleSet& rules,
                        base::Diagnostics& diags) {
  auto file = std::make_shared<base::SourceFile>(path, std::move(text));
  rules.keep(file);
  load::Arena arena;
  load::Limits limits;
  uint64_t budget = limits.max_nodes;
  const Node* top = load::parse_yaml(*file, arena, limits, budget, diags);
  if (!top) return;
  load::BuildContext ctx{file.get(), &diags};
  MapReader r(ctx, top, "rule pack", {"threatwright-rules", "rules"});
  if (!r.ok()) return;
  if (auto v = r.integer("threatwright-rules", 1, 1000)) {
    if (*v != 1) {
      diags
          .error("unsupported-version", r.loc_of("threatwright-rules"),
                 "rule-pack format version " + std::to_string(*v) + " is not supported")
          .hint = "this threatwright reads version 1";
    }
  } else if (!r.get("threatwright-rules")) {
    r.missing("threatwright-rules");
  }
  const Node* list = r.get("rules");
  if (!list) {
    r.missing("rules");
    return;
  }
  if (!list->is_seq()) {
    diags.error("wrong-type", ctx.loc(list),
                std::string("'rules' must be a list, not ") + list->describe());
    return;
  }
  for (size_t i = 0; i < list->count; ++i) read_rule(ctx, *file, list->item(i), rules, diags);
}

void add_rule_pack_file(const std::string& path,
                        const base::Loc& from,
                        RuleSet& rules,
                        base::Diagnostics& diags) {
  load::Limits limits;
  auto text = base::read_file(path, limits.max_file_bytes, base::folder_of(path));
  if (!text) {
    diags.error("unreadable-rule-pack", from,
                "cannot read rule pack '" + path + "': " + text.error().message);
    return;
  }
  add_rule_pack_text(path, std::move(*text), rules, diags);
}

void load_rule_packs(const model::Model& model,
                     const std::vector<std::string>& dirs,
                     RuleSet& rules,
                     base::Diagnostics& diags) {
  for (const std::string& dir : dirs) {
    std::vector<std::string> files;
    for (const char* pattern : {"*.yaml", "*.yml"}) {
      auto found = base::expand_glob(dir, pattern);
      if (!found) {
        diags.error("unreadable-rule-pack", {},
                    "cannot read rules directory '" + dir + "': " + found.error().message);
        break;
      }
      files.insert(files.end(), found->begin(), found->end());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) add_rule_pack_file(f, {}, rules, diags);
  }
  for (const model::RuleFile& f : model.rule_files) add_rule_pack_file(f.path, f.loc, rules, diags);
}

}  // namespace tw::rules
