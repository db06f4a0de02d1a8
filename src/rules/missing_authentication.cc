// Rule missing-authentication: Reachable process without authentication.
// Metadata and logic; docs/rules/missing-authentication.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index) && !ctx.entry_point(t.index)) return Verdict::clear();
  std::string where =
      ctx.exposed(t.index) ? "internet-exposed" : "an entry point from a less trusted zone";
  if (!c.authentication) {
    return Finding{label(c) + " is " + where +
                       " and its `authentication` is unknown: anyone who reaches it may be able to "
                       "act as any user",
                   -1,
                   {},
                   {}};
  }
  if (*c.authentication != Authentication::None) {
    return claimed(label(c) + " is " + where + "; anyone who reaches it could act as any user",
                   "authentication: " + std::string(name(*c.authentication)));
  }
  return Finding{label(c) + " is " + where +
                     " and requires no authentication: anyone who reaches it can act as any user",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_missing_authentication() {
  static const Rule rule{
      .id = "missing-authentication",
      .title = "Reachable process without authentication",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {306},
      .capec = {115},
      .detection =
          "A process that is internet-exposed or receives a flow from a less trusted zone "
          "(an entry point) and whose `authentication` is `none`. When `authentication` is "
          "not set, the threat is still raised with a lower likelihood and says the fact is "
          "unknown. Applies only to processes that serve requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 4,
      .impact = 4,
      .mitigation =
          "Require authentication on every request that reaches the process from a less "
          "trusted zone (OAuth/OIDC tokens for users, mTLS or signed tokens for services) "
          "and deny by default.",
      .false_positives =
          "Deliberately public, read-only endpoints (a marketing site, a public catalogue) "
          "need no authentication: record a false-positive decision on the threat id with "
          "the reason.",
      .references =
          {"https://cwe.mitre.org/data/definitions/306.html",
           "https://capec.mitre.org/data/definitions/115.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
