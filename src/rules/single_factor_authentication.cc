// Rule single-factor-authentication: Internet-exposed login with a password only.
// Metadata and logic; docs/rules/single-factor-authentication.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

// A flow a person's client starts towards `c` (directly, or into a forwarder in front of it)
// whose stated method is a single factor; -1 if none.
int single_factor_human_flow(const Context& ctx, int c) {
  auto single = [&](int f) {
    const auto& a = ctx.flow(f).authentication;
    return a && *a != FlowAuthentication::None && *a != FlowAuthentication::TwoFactor &&
           *a != FlowAuthentication::Externalized;
  };
  for (int f : ctx.facts.flows_in[c]) {
    if (!ctx.valid_flow(f)) continue;
    const Component& from = ctx.from(f);
    if (used_by_people(from)) {
      if (single(f)) return f;
    } else if (forwards_requests(from)) {
      for (int g : ctx.facts.flows_in[ctx.flow(f).from.index]) {
        if (ctx.valid_flow(g) && used_by_people(ctx.from(g)) && single(g)) return g;
      }
    }
  }
  return -1;
}

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!is_external(c)) {
    int f = single_factor_human_flow(ctx, t.index);
    const auto& assets = ctx.facts.assets_at[t.index];
    if (f >= 0 && any_value_at_least(ctx.model, assets, Value::High)) {
      return Finding{label(c) + " lets people in from " + label(ctx.from(f)) + " with " +
                         std::string(name(*ctx.flow(f).authentication)) + " alone (" +
                         label(ctx.flow(f)) + ") and handles " + asset_list(ctx.model, assets) +
                         ": one stolen factor is enough",
                     0,
                     {},
                     {}};
    }
  }
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
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {308},
      .capec = {600, 560},
      .detection =
          "An internet-exposed process with `authentication: password` (no second factor) "
          "that handles assets valued high or critical. Applies only to processes that serve "
          "requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies). Also a process or data store "
          "handling such assets that people reach from their own client (`used_by_humans`, or "
          "a browser or user; directly or through one forwarder) on a flow whose stated "
          "`authentication` is one factor (credentials, session, token or client-certificate; "
          "two-factor and externalized clear it).",
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
