// Rule session-hijacking: A fixed or stolen session cookie acts as its user.
// Metadata and logic; docs/rules/session-hijacking.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c) || forwards_requests(c)) return std::nullopt;
  if (c.sessions && *c.sessions != Sessions::Cookie) return Verdict::clear();
  if (!c.sessions) {
    if (!browser_facing(c)) return Verdict::undecided();
    if (c.authentication == Authentication::None) return Verdict::clear();
  }
  if (!reachable_from_outside(ctx, t.index)) return Verdict::clear();
  Finding f{label(c) +
                " keeps users' sessions in cookies: a session id set before login (fixation), "
                "or one read by script, sent over plain HTTP or left valid after logout, acts "
                "as its user until it expires",
            0,
            {},
            {}};
  if (!c.sessions) {
    f.description += " (`sessions` is unknown: a web app usually keeps them in cookies)";
    f.likelihood_delta = -1;
  }
  return f;
}
}  // namespace

const Rule& rule_session_hijacking() {
  static const Rule rule{
      .id = "session-hijacking",
      .title = "A fixed or stolen session cookie acts as its user",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {384, 614, 1004, 613},
      .capec = {61, 593},
      .detection =
          "A process that serves requests, reachable from a less trusted zone (directly or "
          "through forwarders), that keeps sessions in cookies (`sessions: cookie`; unknown "
          "counts with a lower likelihood on web apps, admin consoles and web servers that "
          "authenticate users). No single fact settles session handling: record it as a "
          "control with a verification that names this threat.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Issue a new session id at login and at every privilege change; mark the cookie "
          "Secure, HttpOnly and SameSite, scoped to its host (__Host- prefix); expire sessions "
          "after idle and absolute timeouts and invalidate them server-side at logout and "
          "password change. Verify with a test that replays an old session id.",
      .false_positives =
          "Apps that authenticate every request with a bearer token sent by script; record "
          "`sessions: token`.",
      .references = {"https://cwe.mitre.org/data/definitions/384.html",
                     "https://capec.mitre.org/data/definitions/61.html",
                     "https://capec.mitre.org/data/definitions/593.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Session_Management_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
