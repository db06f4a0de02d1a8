// Rule fail-open-component: Component fails open.
// Metadata and logic; docs/rules/fail-open-component.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!c.fail_mode) return Verdict::undecided();
  if (c.fail_mode != FailMode::Open) return Verdict::clear();
  return Finding{
      label(c) + " fails open: an attacker who makes a dependency unavailable bypasses its checks",
      0,
      {},
      {}};
}
}  // namespace

const Rule& rule_fail_open_component() {
  static const Rule rule{
      .id = "fail-open-component",
      .title = "Component fails open",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {636},
      .capec = {607},
      .detection =
          "A process whose `fail_mode` is `open`: when a dependency it needs for a security "
          "decision (identity provider, policy service, WAF) is unavailable it lets "
          "requests through.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Fail closed for security decisions; if availability forces a degraded mode, "
          "restrict it to low-risk operations and alert on it.",
      .false_positives =
          "Components whose failing-open path only affects non-security features; record a "
          "decision.",
      .references = {"https://cwe.mitre.org/data/definitions/636.html",
                     "https://capec.mitre.org/data/definitions/607.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
