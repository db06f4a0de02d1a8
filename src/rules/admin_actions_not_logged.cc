// Rule admin-actions-not-logged: Administrator actions are not logged.
// Metadata and logic; docs/rules/admin-actions-not-logged.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "admin-console") return std::nullopt;
  return weak_unless_true(c.audit_log, "audit_log",
                          label(c) +
                              " lets administrators act without an audit log: abuse of "
                              "administrator rights leaves no trace");
}
}  // namespace

const Rule& rule_admin_actions_not_logged() {
  static const Rule rule{
      .id = "admin-actions-not-logged",
      .title = "Administrator actions are not logged",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::Process},
      .cwe = {778},
      .capec = {268},
      .detection =
          "A process of kind admin-console without an audit log (`audit_log` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Log every administrative action with the administrator's identity, the target "
          "and the before/after values to an append-only store outside the console's "
          "control; review the log.",
      .false_positives = "Consoles that are read-only; record a decision.",
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
