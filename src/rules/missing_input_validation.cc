// Rule missing-input-validation: Input from a less trusted zone is not validated.
// Metadata and logic; docs/rules/missing-input-validation.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index) && !ctx.entry_point(t.index)) return Verdict::clear();
  return weak_unless_true(
      c.input_validation, "input_validation",
      label(c) + " accepts input from a less trusted zone without validating it");
}
}  // namespace

const Rule& rule_missing_input_validation() {
  static const Rule rule{
      .id = "missing-input-validation",
      .title = "Input from a less trusted zone is not validated",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Process},
      .cwe = {20},
      .capec = {153},
      .detection =
          "A process that is internet-exposed or an entry point and does not validate input "
          "(`input_validation` false; unknown counts with a lower likelihood). Applies only to "
          "processes that serve requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Validate every input at the trust boundary against an allow-list schema (types, "
          "lengths, ranges, formats) before use.",
      .false_positives = "Pass-through proxies that do not interpret the data; record a decision.",
      .references =
          {"https://cwe.mitre.org/data/definitions/20.html",
           "https://capec.mitre.org/data/definitions/153.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html"},
      .root_cause = "input_validation",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
