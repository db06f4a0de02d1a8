// Rule unguarded-internet-access: Trusted component reached straight from an untrusted zone.
// Metadata and logic; docs/rules/unguarded-internet-access.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (is_external(c) || forwards_requests(c)) return std::nullopt;
  if (ctx.facts.trust[t.index] != Trust::Trusted) return std::nullopt;
  if (!any_value_at_least(ctx.model, ctx.facts.assets_at[t.index], Value::High)) {
    return std::nullopt;
  }
  int f = find_flow_in(ctx, t.index, [&](const Flow& fl, const Component&) {
    return fl.vpn != true && !process_local(fl) &&
           ctx.facts.trust[fl.from.index] == Trust::Untrusted;
  });
  if (f < 0) return Verdict::clear();
  return Finding{label(c) + " sits in a trusted zone and takes " + label(ctx.flow(f)) +
                     " straight from " + label(ctx.from(f)) +
                     " in an untrusted zone: nothing in between filters or "
                     "absorbs an attack",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_unguarded_internet_access() {
  static const Rule rule{
      .id = "unguarded-internet-access",
      .title = "Trusted component reached straight from an untrusted zone",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {501},
      .capec = {1},
      .detection =
          "A process or data store (not a forwarder) in a trusted zone with an asset "
          "valued high or more at stake, that takes a network flow (not file, ipc or stdio) "
          "straight from a component in an untrusted zone, not through a VPN (`vpn` not true): no "
          "reverse proxy, "
          "gateway or DMZ hop filters what arrives.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Put a guarding component in front (a reverse proxy, an API gateway, a bastion "
          "host for administration, a store-and-forward host for files) in a less trusted "
          "zone, or require a VPN.",
      .false_positives =
          "Flows that a filtering component in the same zone already guards but the model "
          "does not show; add that component.",
      .references = {"https://cwe.mitre.org/data/definitions/501.html",
                     "https://capec.mitre.org/data/definitions/1.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Attack_Surface_Analysis_Cheat_Sheet.html"},
      .root_cause = "",
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
