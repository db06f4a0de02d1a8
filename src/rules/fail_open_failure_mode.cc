// Rule fail-open-failure-mode: Recorded fail-open failure mode without mitigation.
// Metadata and logic; docs/rules/fail-open-failure-mode.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  std::string names;
  for (int i : ctx.facts.failure_modes_of[t.index]) {
    const FailureMode& fm = ctx.model.failure_modes[i];
    if (fm.behaviour == Behaviour::FailOpen && fm.mitigated_by.empty())
      names += (names.empty() ? "" : ", ") + fm.id;
  }
  if (names.empty()) return std::nullopt;
  return Finding{label(ctx.component(t.index)) +
                     " has fail-open failure modes with no mitigating control (" + names + ")",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_fail_open_failure_mode() {
  static const Rule rule{
      .id = "fail-open-failure-mode",
      .title = "Recorded fail-open failure mode without mitigation",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {636},
      .capec = {607},
      .detection =
          "A component with a failure mode whose behaviour is fail-open and that names no "
          "mitigating control.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Change the behaviour to fail closed, or add a control (monitoring and alerting "
          "on the degraded path, compensating checks) and reference it in `mitigated_by`.",
      .false_positives =
          "Fail-open paths that expose nothing of value; record an accepted decision.",
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
