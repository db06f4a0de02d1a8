// Rule sensitive-data-in-logs: Sensitive data written to logs.
// Metadata and logic; docs/rules/sensitive-data-in-logs.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& to = ctx.to(t.index);
  if (to.effective_kind() != "log-store") return std::nullopt;
  std::vector<int> conf;
  for (int a : ctx.facts.flow_assets(t.index))
    if (ctx.model.assets[a].cia.confidentiality == Level3::High) conf.push_back(a);
  if (conf.empty()) return Verdict::clear();
  return Finding{label(ctx.flow(t.index)) + " ships " + asset_list(ctx.model, conf) +
                     " into log store " + label(to) + ", which is rarely protected like the source",
                 0,
                 conf,
                 {}};
}
}  // namespace

const Rule& rule_sensitive_data_in_logs() {
  static const Rule rule{
      .id = "sensitive-data-in-logs",
      .title = "Sensitive data written to logs",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Flow},
      .cwe = {532},
      .capec = {215},
      .detection =
          "A flow into a data store of kind log-store that carries assets of high "
          "confidentiality.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Log identifiers, not secrets: mask or drop sensitive fields before shipping, and "
          "restrict and expire access to the log store.",
      .false_positives =
          "Logs stores with the same protection as the source data; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/532.html",
                     "https://capec.mitre.org/data/definitions/215.html"},
      .vectors = kInsiderBit | kAdjacentNetworkBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
