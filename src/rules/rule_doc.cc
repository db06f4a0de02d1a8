#include "rules/rule_doc.h"

#include <string>

#include "base/escape.h"
#include "rules/context.h"
#include "rules/rule_set.h"

namespace tw::rules {

std::string stride_list(const std::vector<model::Stride>& s) {
  std::string out;
  for (model::Stride x : s) out += (out.empty() ? "" : ", ") + std::string(model::name(x));
  return out;
}

std::string id_list(const char* prefix, const std::vector<int>& ids) {
  std::string out;
  for (int i : ids) out += (out.empty() ? "" : ", ") + std::string(prefix) + std::to_string(i);
  return out;
}

namespace {
std::string applies_list(const std::vector<AppliesTo>& a) {
  std::string out;
  for (AppliesTo x : a) out += (out.empty() ? "" : ", ") + std::string(applies_to_name(x));
  return out;
}

// The access classes whose adversaries can use the rule's weakness (docs/risk.md).
std::string vectors_list(const Rule& r) {
  std::string out;
  uint8_t v = rule_vectors(r);
  for (int k = 0; k < kAccessCount; ++k) {
    if (v & (1u << k)) {
      out += (out.empty() ? "" : ", ") + std::string(model::name(static_cast<model::Access>(k)));
    }
  }
  if (v & kNoAdversaryNeeded) out += " (also harmful with no adversary at all)";
  return out;
}
}  // namespace

std::string render_rule_markdown(const Rule& r) {
  // Built-in text is ours and may use Markdown; a rule pack's arrives with the model and is
  // escaped (no links, images, HTML or mentions of its own; review B13).
  bool ours = r.source == "built-in";
  auto para = [&](const std::string& s) { return ours ? s : base::md_paragraphs(s); };
  auto line = [&](const std::string& s) { return ours ? s : base::md_escape(s); };
  std::string md;
  md += "# " + r.id + "\n\n";
  md += "**" + line(r.title) + "**\n\n";
  md +=
      "<!-- Generated from the rule's metadata in src/rules/; edit it there and run the rules\n"
      "     tests with UPDATE_DOCS=1 to refresh this page. -->\n\n";
  md += "| | |\n|---|---|\n";
  md += "| STRIDE | " + stride_list(r.stride) + " |\n";
  md += "| Applies to | " + applies_list(r.applies_to) + " |\n";
  md += "| CWE | ";
  for (size_t i = 0; i < r.cwe.size(); ++i) {
    md += (i ? ", " : "") + std::string("[CWE-") + std::to_string(r.cwe[i]) +
          "](https://cwe.mitre.org/data/definitions/" + std::to_string(r.cwe[i]) + ".html)";
  }
  md += " |\n| CAPEC | ";
  for (size_t i = 0; i < r.capec.size(); ++i) {
    md += (i ? ", " : "") + std::string("[CAPEC-") + std::to_string(r.capec[i]) +
          "](https://capec.mitre.org/data/definitions/" + std::to_string(r.capec[i]) + ".html)";
  }
  md += " |\n";
  md += "| Default likelihood factor | " + std::to_string(r.likelihood) + " |\n";
  md += "| Default impact factor | " + std::to_string(r.impact) + " |\n";
  md += "| Adversaries who can use it | " + vectors_list(r) + "; capability " +
        std::string(model::name(r.skill)) + " or more |\n";
  if (!r.root_cause.empty()) md += "| Root cause | `" + r.root_cause + "` |\n";
  md += "| Threat id | `" + r.id + "@<target-id>` |\n\n";
  md += "## Detection\n\n" + para(r.detection) + "\n\n";
  md +=
      "The rated likelihood and impact start from the factors above and follow the context of\n"
      "each target (the adversaries who reach it and can use the weakness, the assets at stake\n"
      "for its STRIDE categories): see [risk rating](../risk.md). A stated fact that counters\n"
      "the weakness is a claim: the threat stays, rated lower, with status `claimed`, until a\n"
      "verified control names it.\n\n";
  md += "## Mitigation\n\n" + para(r.mitigation) + "\n\n";
  md += "## False positives\n\n" + para(r.false_positives) + "\n\n";
  md +=
      "Record a false positive with a decision on the threat id (owner and rationale). A\n"
      "`not_applicable` entry does not hide a threat a rule raised.\n\n";
  md += "## References\n\n";
  for (const std::string& ref : r.references) {
    md += ours ? "- <" + ref + ">\n" : "- " + base::md_code(ref, false) + "\n";
  }
  return md;
}

std::string render_rule_index(const std::vector<const Rule*>& rules) {
  std::string md = "# Built-in rules\n\n";
  md += "<!-- Generated from the rules' metadata; run the rules tests with UPDATE_DOCS=1. -->\n\n";
  md += std::to_string(rules.size()) +
        " rules. Each page gives the detection logic, mitigation, false positives and\n"
        "references. Custom rules: [rule packs](../rule-packs.md).\n\n";
  for (model::Stride s : model::kAllStride) {
    std::string section;
    int n = 0;
    for (const Rule* r : rules) {
      if (r->stride.empty() || r->stride.front() != s) continue;
      section += "| [" + r->id + "](" + r->id + ".md) | " + r->title + " | " +
                 applies_list(r->applies_to) + " | " + id_list("CWE-", r->cwe) + " |\n";
      ++n;
    }
    md += "## " + std::string(model::name(s)) + " (" + std::to_string(n) + ")\n\n";
    md += "| Rule | Title | Applies to | CWE |\n|---|---|---|---|\n" + section + "\n";
  }
  return md;
}

std::string render_rule_text(const Rule& r) {
  std::string t;
  t += r.id + ": " + r.title + "\n";
  t += "  stride:          " + stride_list(r.stride) + "\n";
  t += "  applies to:      " + applies_list(r.applies_to) + "\n";
  t += "  cwe:             " + id_list("CWE-", r.cwe) + "\n";
  t += "  capec:           " + id_list("CAPEC-", r.capec) + "\n";
  t += "  likelihood:      " + std::to_string(r.likelihood) + "\n";
  t += "  impact:          " + std::to_string(r.impact) + "\n";
  t += "  source:          " + r.source + "\n\n";
  t += "Detection:\n  " + r.detection + "\n\n";
  t += "Mitigation:\n  " + r.mitigation + "\n\n";
  t += "False positives:\n  " + r.false_positives + "\n\n";
  t += "References:\n";
  for (const std::string& ref : r.references) t += "  " + ref + "\n";
  return t;
}

}  // namespace tw::rules
