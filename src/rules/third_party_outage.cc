// Rule third-party-outage: Depends on a third party with no failure plan.
// Metadata and logic; docs/rules/third-party-outage.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (ctx.has_failure_analysis(t.index)) return Verdict::clear();
  int f = find_flow_out(ctx, t.index, [&](const Flow& fl, const Component& to) {
    return ctx.facts.trust[fl.to.index] == Trust::Untrusted &&
           (!is_external(to) ||
            kind_in(to, {"payment-provider", "cloud-api", "saas", "identity-provider"}));
  });
  if (f < 0) return Verdict::clear();
  return Finding{label(c) + " calls " + label(ctx.to(f)) +
                     " outside its control and has no recorded failure mode: an outage there "
                     "becomes an outage here",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_third_party_outage() {
  static const Rule rule{
      .id = "third-party-outage",
      .title = "Depends on a third party with no failure plan",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::Process},
      .cwe = {755},
      .capec = {607},
      .detection =
          "A process with a flow to a component in an untrusted zone that is not an "
          "external entity acting as a client (a third-party API, payment provider, cloud "
          "API), with no failure mode recorded for the process.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Decide and record what the process does when the third party is down or slow: "
          "timeouts, circuit breakers, queues for retry, a degraded mode; monitor the "
          "dependency.",
      .false_positives = "Fire-and-forget notifications whose loss is harmless; record a decision.",
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
