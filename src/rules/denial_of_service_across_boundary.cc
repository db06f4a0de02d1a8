// Rule denial-of-service-across-boundary: Availability-critical component reachable across a
// boundary. Metadata and logic; docs/rules/denial-of-service-across-boundary.md is generated from
// this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (forwards_requests(c)) return std::nullopt;
  if (max_cia(ctx.model, ctx.facts.assets_at[t.index], Cia::Availability) != Level3::High) {
    return std::nullopt;
  }
  int found = -1;
  bool open = false;
  for (int f : ctx.facts.flows_in[t.index]) {
    if (!ctx.valid_flow(f)) continue;
    const Flow& fl = ctx.flow(f);
    if (fl.usage == Usage::Devops) continue;
    const Component& from = ctx.from(f);
    bool across = ctx.facts.crosses(f) || (forwards_requests(from) && ctx.exposed(fl.from.index));
    if (!across) continue;
    bool shielded = fl.vpn == true || fl.ip_filtered == true;
    if (found < 0 || (open == false && !shielded)) {
      found = f;
      open = !shielded;
    }
  }
  if (found < 0) return Verdict::clear();
  std::string what = label(c) + " holds data whose availability is critical and takes " +
                     label(ctx.flow(found)) + " from across a trust boundary" +
                     (open ? "" : " (through a VPN or an IP filter)") +
                     ": flooding it stops what depends on it";
  if (c.rate_limited == true) return claimed(std::move(what), "rate_limited: true");
  if (c.redundant == true) return claimed(std::move(what), "redundant: true");
  return weak_unless_true(c.rate_limited, "rate_limited", std::move(what));
}
}  // namespace

const Rule& rule_denial_of_service_across_boundary() {
  static const Rule rule{
      .id = "denial-of-service-across-boundary",
      .title = "Availability-critical component reachable across a boundary",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {400},
      .capec = {125},
      .detection =
          "A process or data store (not a forwarder) with an asset at stake whose "
          "availability need is high, that receives a business flow (`usage` not devops) "
          "crossing a trust boundary, or requests forwarded from the internet. Flows "
          "through a VPN or an IP filter count only when no other does. `rate_limited: "
          "true` or `redundant: true` on the component are claims; unknown counts with a "
          "lower likelihood.",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Throttle and set quotas per client, keep maintenance routes behind a VPN or an "
          "IP filter, run the component redundantly behind a load balancer, and cap the "
          "cost of each request.",
      .false_positives =
          "Components whose operations are cheap and bounded, so that flooding them costs "
          "the attacker more than the defender.",
      .references =
          {"https://cwe.mitre.org/data/definitions/400.html",
           "https://capec.mitre.org/data/definitions/125.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Denial_of_Service_Cheat_Sheet.html"},
      .root_cause = "rate_limited",
      .skill = Capability::Low,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
