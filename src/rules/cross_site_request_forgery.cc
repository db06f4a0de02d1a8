// Rule cross-site-request-forgery: A logged-in user's browser is made to send forged requests.
// Metadata and logic; docs/rules/cross-site-request-forgery.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c) || forwards_requests(c)) return std::nullopt;
  // Without `sessions`, how people's clients authenticate on their flows tells (flow
  // `authentication`): a session or credentials ride along on their own, a bearer token does not.
  std::optional<Sessions> sessions = c.sessions;
  if (!sessions) {
    bool cookie = false, token = false;
    for_each_human_web_flow(ctx, t.index, [&](int f) {
      const auto& a = ctx.flow(f).authentication;
      if (!a || *a == FlowAuthentication::None) return;
      if (*a == FlowAuthentication::Session || *a == FlowAuthentication::Credentials ||
          *a == FlowAuthentication::TwoFactor)
        cookie = true;
      else
        token = true;
    });
    if (cookie)
      sessions = Sessions::Cookie;
    else if (token)
      sessions = Sessions::Token;
  }
  // Bearer tokens are not attached by the browser on its own: nothing to ride on.
  if (sessions && *sessions != Sessions::Cookie) return Verdict::clear();
  if (!sessions) {
    if (!browser_facing(c)) return Verdict::undecided();
    if (c.authentication == Authentication::None) return Verdict::clear();
  }
  // Nobody's browser to ride on.
  if (c.used_by_humans == false) return Verdict::clear();
  Verdict v = weak_unless_true(
      c.csrf_protection, "csrf_protection",
      label(c) +
          " keeps users' sessions in cookies, which the browser sends with every request: a "
          "page on another site can make a logged-in user's browser submit a state-changing "
          "request in the user's name");
  if (!sessions && v.weakness()) {
    v->description += " (`sessions` is unknown: a web app usually keeps them in cookies)";
    v->likelihood_delta = -1;
  }
  // The forged request comes from the victim's own browser, which reaches intranet apps too:
  // exposure makes victims easier to find, it does not decide whether the attack works.
  if (v && !reachable_from_outside(ctx, t.index)) {
    v->description +=
        " (not reachable from a less trusted zone, but the browser of a user inside reaches it)";
    v->likelihood_delta -= 1;
  }
  return v;
}
}  // namespace

const Rule& rule_cross_site_request_forgery() {
  static const Rule rule{
      .id = "cross-site-request-forgery",
      .title = "A logged-in user's browser is made to send forged requests",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {352},
      .capec = {62},
      .detection =
          "A process that serves requests and is not known to be unused by people "
          "(`used_by_humans` not false), that keeps sessions in cookies (`sessions: cookie`; when "
          "unset, "
          "a flow people's clients send with `authentication: session`, `credentials` or "
          "`two-factor` counts as cookies and `token` as none; otherwise unknown "
          "counts with a lower likelihood on web apps, admin consoles and web servers that "
          "authenticate users) and does not protect state-changing requests against CSRF "
          "(`csrf_protection` false; unknown counts with a lower likelihood). Reach does not "
          "decide it: the forged request comes from a logged-in user's own browser, which "
          "reaches intranet apps too; an app not reachable from a less trusted zone counts "
          "with a lower likelihood.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Set session cookies SameSite=Lax or Strict, require a per-session anti-CSRF token "
          "(synchroniser or signed double-submit) on every state-changing request, never "
          "change state on GET, and check Origin/Referer on sensitive actions.",
      .false_positives =
          "Apps whose only session credential is a bearer token sent in a header by script; "
          "record `sessions: token`.",
      .references = {"https://cwe.mitre.org/data/definitions/352.html",
                     "https://capec.mitre.org/data/definitions/62.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
