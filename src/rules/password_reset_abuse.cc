// Rule password-reset-abuse: The password reset flow takes over or reveals accounts.
// Metadata and logic; docs/rules/password-reset-abuse.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c) || forwards_requests(c)) return std::nullopt;
  if (c.password_reset == false) return Verdict::clear();
  if (!c.password_reset) {
    // A password login almost always comes with a way to recover the password.
    if (!c.authentication) return Verdict::undecided();
    if (!password_login(c)) return std::nullopt;
  }
  if (!reachable_from_outside(ctx, t.index)) return Verdict::clear();
  Finding f{label(c) +
                " offers a password reset: a guessable, long-lived or reusable reset token, a "
                "reset link built from the request's Host header, or answers that differ for "
                "unknown accounts let an attacker take over or enumerate accounts",
            0,
            {},
            {}};
  if (!c.password_reset) {
    f.description +=
        " (`password_reset` is unknown: a password login usually has one; set it to record "
        "the fact)";
    f.likelihood_delta = -1;
  }
  return f;
}
}  // namespace

const Rule& rule_password_reset_abuse() {
  static const Rule rule{
      .id = "password-reset-abuse",
      .title = "The password reset flow takes over or reveals accounts",
      .stride = {Stride::Spoofing, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {640, 204},
      .capec = {50},
      .detection =
          "A process that serves requests, reachable from a less trusted zone (directly or "
          "through forwarders), that offers a password reset (`password_reset: true`; unknown "
          "counts with a lower likelihood when it logs users in with a password). No single "
          "fact settles the flow's safety: record it as a control with a verification that "
          "names this threat.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Reset tokens: at least 128 random bits, single use, expiring within an hour, "
          "stored hashed, bound to the account; links built from a configured base URL, never "
          "the Host header; the same answer and timing whether the account exists or not; "
          "rate limits per account and per source; notify the user and end other sessions "
          "after a reset; no security questions.",
      .false_positives =
          "Services whose accounts are recovered only by an administrator or a federated "
          "identity provider; record `password_reset: false`.",
      .references = {"https://cwe.mitre.org/data/definitions/640.html",
                     "https://capec.mitre.org/data/definitions/50.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Forgot_Password_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
