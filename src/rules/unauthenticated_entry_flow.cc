// Rule unauthenticated-entry-flow: Unauthenticated flow into a more trusted zone.
// Metadata and logic; docs/rules/unauthenticated-entry-flow.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Flow& f = ctx.flow(t.index);
  if (!is_process(ctx.to(t.index))) return std::nullopt;
  if (!ctx.facts.entry_point(t.index) || mtls_authenticated(f)) return Verdict::clear();
  const Component& to = ctx.to(t.index);
  std::string enters = label(f) + " enters a more trusted zone at " + label(to);
  if (f.authenticated.value_or(false))
    return claimed(enters + "; anyone who can send it could pose as the sender",
                   "authenticated: true");
  if (!f.authenticated) {
    if (to.authentication && *to.authentication != Authentication::None)
      return claimed(
          enters + "; anyone who can send it could pose as the sender",
          "authentication: " + std::string(name(*to.authentication)) + " (on " + to.id + ")");
    return Finding{
        enters +
            " and neither the flow's `authenticated` nor the receiver's `authentication` is known",
        -1,
        {},
        {}};
  }
  return Finding{enters + " from " + label(ctx.from(t.index)) +
                     " without authenticating the sender: anyone who can send it can pose as that "
                     "sender",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_unauthenticated_entry_flow() {
  static const Rule rule{
      .id = "unauthenticated-entry-flow",
      .title = "Unauthenticated flow into a more trusted zone",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Flow},
      .cwe = {287},
      .capec = {151},
      .detection =
          "A flow that crosses a trust boundary inbound (from a less to a more trusted "
          "zone) into a process, where the sender is not authenticated: `authenticated: "
          "false`, or unknown while the receiving process has no authentication either.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Authenticate the sender of every flow that enters a more trusted zone (user "
          "session or token, service mTLS or signed requests) and reject unauthenticated "
          "traffic at the boundary.",
      .false_positives =
          "Public endpoints meant for anonymous use; record a decision with the reason.",
      .references = {"https://cwe.mitre.org/data/definitions/287.html",
                     "https://capec.mitre.org/data/definitions/151.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
