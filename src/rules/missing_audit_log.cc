// Rule missing-audit-log: Security-relevant actions are not audit-logged.
// Metadata and logic; docs/rules/missing-audit-log.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (kind_in(c, {"admin-console", "ci-pipeline"})) return std::nullopt;
  const auto& assets = ctx.facts.assets_at[t.index];
  if (!ctx.exposed(t.index) && !any_value_at_least(ctx.model, assets, Value::High))
    return Verdict::clear();
  return weak_unless_true(c.audit_log, "audit_log",
                          label(c) +
                              " keeps no audit log of the actions it performs: users can deny what "
                              "they did and incidents cannot be reconstructed");
}
}  // namespace

const Rule& rule_missing_audit_log() {
  static const Rule rule{
      .id = "missing-audit-log",
      .title = "Security-relevant actions are not audit-logged",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::Process},
      .cwe = {778},
      .capec = {268},
      .detection =
          "A process (other than admin consoles and CI pipelines, which have their own "
          "rules) that is internet-exposed or handles assets valued high or critical, and "
          "keeps no audit log (`audit_log` false; unknown counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Record who did what, when and from where for every security-relevant action, in "
          "a log store the process cannot rewrite, with clock-synchronised timestamps.",
      .false_positives =
          "Stateless processes whose every action is logged by the next hop; record a "
          "decision naming it.",
      .references = {"https://cwe.mitre.org/data/definitions/778.html",
                     "https://capec.mitre.org/data/definitions/268.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html"},
      .root_cause = "audit_log",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
