// Rule spoofable-external-entity: External entity whose identity is never verified.
// Metadata and logic; docs/rules/spoofable-external-entity.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  bool any = false, unknown = false, claim = false;
  for (int f : ctx.facts.flows_out[t.index]) {
    const Flow& fl = ctx.flow(f);
    if (ctx.facts.trust[fl.to.index] == Trust::Untrusted) continue;
    if (mtls_authenticated(fl)) return Verdict::clear();
    any = true;
    claim = claim || fl.authenticated.value_or(false);
    unknown = unknown || !fl.authenticated;
  }
  if (!any) return Verdict::clear();
  std::string what = label(c) + " sends data into the system";
  if (claim) return claimed(what + "; another party could pose as it", "authenticated: true");
  Finding f{
      what + " but none of its flows authenticates it: another party can pose as it", 0, {}, {}};
  if (unknown) {
    f.description += " (some flows' `authenticated` is unknown)";
    f.likelihood_delta = -1;
  }
  return f;
}
}  // namespace

const Rule& rule_spoofable_external_entity() {
  static const Rule rule{
      .id = "spoofable-external-entity",
      .title = "External entity whose identity is never verified",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::ExternalEntity},
      .cwe = {290},
      .capec = {151},
      .detection =
          "An external entity that sends flows into zones other than untrusted ones, where "
          "none of those flows authenticates the sender (`authenticated` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Give the entity an identity the system checks on every flow: user login, signed "
          "webhooks (HMAC with a per-partner secret), or mTLS for partners.",
      .false_positives =
          "Anonymous visitors of public content; record a false-positive decision on the "
          "threat id.",
      .references = {"https://cwe.mitre.org/data/definitions/290.html",
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
