// Rule brute-force-login: Password login without rate limiting.
// Metadata and logic; docs/rules/brute-force-login.md is generated from this metadata.

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
                              " accepts password logins from the internet without rate limiting: "
                              "passwords can be guessed or stuffed at machine speed");
}
}  // namespace

const Rule& rule_brute_force_login() {
  static const Rule rule{
      .id = "brute-force-login",
      .title = "Password login without rate limiting",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {307},
      .capec = {49, 16},
      .detection =
          "An internet-exposed process that authenticates with a password (with or without "
          "MFA) and is not `rate_limited` (false, or unknown with a lower likelihood). Applies "
          "only to processes that serve requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Throttle failed logins per account and per source (exponential back-off, CAPTCHA "
          "after a few failures), alert on spikes, and check passwords against breach "
          "corpora.",
      .false_positives =
          "Login handled by a separate identity provider that enforces its own throttling: "
          "model the IdP and its flows instead.",
      .references =
          {"https://cwe.mitre.org/data/definitions/307.html",
           "https://capec.mitre.org/data/definitions/49.html",
           "https://capec.mitre.org/data/definitions/16.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html"},
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
