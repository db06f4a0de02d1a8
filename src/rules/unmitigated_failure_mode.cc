// Rule unmitigated-failure-mode: Failure mode without a mitigating control.
// Metadata and logic; docs/rules/unmitigated-failure-mode.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (max_cia(ctx.model, ctx.facts.assets_at[t.index], Cia::Availability) != Level3::High)
    return Verdict::clear();
  std::string names;
  for (int i : ctx.facts.failure_modes_of[t.index]) {
    const FailureMode& fm = ctx.model.failure_modes[i];
    if (fm.behaviour == Behaviour::FailOpen || !fm.mitigated_by.empty()) continue;
    names += (names.empty() ? "" : ", ") + fm.id;
  }
  if (names.empty()) return std::nullopt;
  return Finding{label(ctx.component(t.index)) +
                     " has failure modes without a mitigating control (" + names +
                     ") and handles data that must stay available",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_unmitigated_failure_mode() {
  static const Rule rule{
      .id = "unmitigated-failure-mode",
      .title = "Failure mode without a mitigating control",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {755},
      .capec = {607},
      .detection =
          "A process or data store with a recorded failure mode (fail-closed or degraded; "
          "fail-open has its own rule) that names no mitigating control, while the "
          "component handles assets of high availability.",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Add and reference a control that limits the outage (redundancy, failover, health "
          "alerts, runbooks) in the failure mode's `mitigated_by`.",
      .false_positives =
          "Outages the business accepts; record an accepted decision with an owner and "
          "review date.",
      .references = {"https://cwe.mitre.org/data/definitions/755.html",
                     "https://capec.mitre.org/data/definitions/607.html"},
      .vectors = kNetworkVectors | kNoAdversaryNeeded,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
