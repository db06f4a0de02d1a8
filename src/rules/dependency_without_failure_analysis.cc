// Rule dependency-without-failure-analysis: Critical dependency without a failure analysis.
// Metadata and logic; docs/rules/dependency-without-failure-analysis.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (ctx.has_failure_analysis(t.index)) return Verdict::clear();
  int deps = ctx.facts.dependents[t.index];
  bool avail = max_cia(ctx.model, ctx.facts.assets_at[t.index], Cia::Availability) == Level3::High;
  if (deps < 2 && !(deps >= 1 && avail)) return Verdict::clear();
  return Finding{label(c) + " is a dependency of " + std::to_string(deps) +
                     " component(s) and has no recorded failure mode: nobody has decided what its "
                     "callers do when it fails",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_dependency_without_failure_analysis() {
  static const Rule rule{
      .id = "dependency-without-failure-analysis",
      .title = "Critical dependency without a failure analysis",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {755},
      .capec = {607},
      .detection =
          "A process or data store that at least two distinct components depend on (flows "
          "into it), or that one component depends on while it handles assets of high "
          "availability, and for which no failure mode is recorded.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Record a failure mode: what happens to its callers when it is down or slow (fail "
          "closed, degrade, queue), how it is detected, and the control that limits the "
          "outage.",
      .false_positives =
          "Components whose outage is already analysed under another element's failure "
          "mode; record a false-positive decision on the threat id with that reason.",
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
