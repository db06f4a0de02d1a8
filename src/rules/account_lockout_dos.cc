// Rule account-lockout-dos: Account lockout usable to lock users out.
// Metadata and logic; docs/rules/account-lockout-dos.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  if (!c.authentication) return Verdict::undecided();
  if (!password_login(c)) return std::nullopt;
  return weak_unless_true(c.rate_limited, "rate_limited",
                          label(c) +
                              " takes password logins from the internet without rate limiting: "
                              "lockout after failed attempts lets anyone lock out any known user");
}
}  // namespace

const Rule& rule_account_lockout_dos() {
  static const Rule rule{
      .id = "account-lockout-dos",
      .title = "Account lockout usable to lock users out",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::Process},
      .cwe = {645},
      .capec = {2},
      .detection =
          "An internet-exposed process with password logins (with or without MFA) that is "
          "not rate limited (`rate_limited` false; unknown counts with a lower likelihood): "
          "lockout becomes the only brake on guessing, and anyone who knows a user name can "
          "lock that account. Applies only to processes that serve requests, not to pipelines, "
          "workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Throttle by source and add delays or CAPTCHA instead of hard lockouts; unlock "
          "automatically after a short time; alert on lockout waves.",
      .false_positives =
          "Logins without any lockout mechanism (then brute-force-login is the relevant "
          "threat).",
      .references = {"https://cwe.mitre.org/data/definitions/645.html",
                     "https://capec.mitre.org/data/definitions/2.html"},
      .root_cause = "rate_limited",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
