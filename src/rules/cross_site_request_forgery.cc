// Rule cross-site-request-forgery: Cross-site request forgery against a logged-in user.
// Metadata and logic; docs/rules/cross-site-request-forgery.md is generated from this metadata.

#include <algorithm>

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!kind_in(c,
               {"web-app", "web-server", "admin-console", "identity-provider", "auth-service"})) {
    return std::nullopt;
  }
  // The worst flow a person's client starts: cookie-borne > token > unknown > none.
  int worst = -1, rank = 0;
  for_each_human_web_flow(ctx, t.index, [&](int f) {
    const Flow& fl = ctx.flow(f);
    int r = 1;  // unknown method
    if (fl.authentication) {
      r = *fl.authentication == FlowAuthentication::None    ? 0
          : *fl.authentication == FlowAuthentication::Token ? 2
                                                            : 3;
    } else if (fl.authenticated == false) {
      r = 0;
    }
    if (r > rank || worst < 0) {
      rank = std::max(rank, r);
      worst = f;
    }
  });
  if (worst < 0 || rank == 0) return Verdict::clear();
  if (rank == 1) return Verdict::undecided();
  Finding found{label(c) + " acts on requests people send from " + label(ctx.from(worst)) + " (" +
                    label(ctx.flow(worst)) +
                    "): a page on another site can make their browser send a "
                    "state-changing request with their credentials",
                0,
                {},
                {}};
  if (rank == 2) {
    found.likelihood_delta = -1;
    found.description += " (suspected: only if the token is kept in a cookie)";
  }
  return found;
}
}  // namespace

const Rule& rule_cross_site_request_forgery() {
  static const Rule rule{
      .id = "cross-site-request-forgery",
      .title = "Cross-site request forgery against a logged-in user",
      .stride = {Stride::Spoofing, Stride::Tampering},
      .applies_to = {AppliesTo::Process},
      .cwe = {352},
      .capec = {62},
      .detection =
          "A web application (kind web-app, web-server, admin-console, identity-provider "
          "or auth-service) that people reach over a web protocol from their own client "
          "(a component with `used_by_humans: true`, or a browser or user), directly or "
          "through one forwarder, on a flow whose `authentication` the browser sends by "
          "itself (session, credentials, client-certificate, two-factor, externalized). A "
          "bearer `token` is suspected (it is only at risk when kept in a cookie); `none` "
          "has no session to ride; an unknown method leaves the rule undecided.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Protect state-changing requests with anti-CSRF tokens or the double-submit "
          "pattern, mark session cookies SameSite=Lax or Strict, check Origin or Referer, "
          "and never change state on GET.",
      .false_positives =
          "Applications that authenticate with a token sent in a header by script, never "
          "a cookie; record the method as `authentication: token` and the threat stays "
          "suspected only.",
      .references = {"https://cwe.mitre.org/data/definitions/352.html",
                     "https://capec.mitre.org/data/definitions/62.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html"},
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
