// Rule single-factor-authentication: Internet-exposed login with a password only.
// Metadata and logic; docs/rules/single-factor-authentication.md is generated from this metadata.

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
  const auto& assets = ctx.facts.assets_at[t.index];
  if (!any_value_at_least(ctx.model, assets, Value::High)) return Verdict::clear();
  std::string what = label(c) + " accepts passwords from the internet and handles " +
                     asset_list(ctx.model, assets);
  if (c.authentication == Authentication::PasswordMfa)
    return claimed(what + "; a stolen or stuffed password alone would be a full account takeover",
                   "authentication: password+mfa");
  return Finding{label(c) + " accepts a password alone from the internet and handles " +
                     asset_list(ctx.model, assets) +
                     ": a stolen or stuffed password is a full account takeover",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_single_factor_authentication() {
  static const Rule rule{
      .id = "single-factor-authentication",
      .title = "Internet-exposed login with a password only",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {308},
      .capec = {600, 560},
      .detection =
          "An internet-exposed process with `authentication: password` (no second factor) "
          "that handles assets valued high or critical. Applies only to processes that serve "
          "requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Add a second factor (TOTP, WebAuthn/passkeys) for every account that can reach "
          "high-value assets; at minimum for administrators and for risky actions.",
      .false_positives =
          "Low-value accounts whose compromise exposes no high-value asset; the rule "
          "already ignores processes whose assets are all below high.",
      .references = {"https://cwe.mitre.org/data/definitions/308.html",
                     "https://capec.mitre.org/data/definitions/600.html",
                     "https://capec.mitre.org/data/definitions/560.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Multifactor_Authentication_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
