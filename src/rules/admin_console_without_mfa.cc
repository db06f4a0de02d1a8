// Rule admin-console-without-mfa: Administrative console without strong authentication.
// Metadata and logic; docs/rules/admin-console-without-mfa.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "admin-console") return std::nullopt;
  if (strong_authentication(c))
    return claimed(label(c) +
                       " is an administrative console; one phished or guessed credential "
                       "would grant administrator rights",
                   "authentication: " + std::string(name(*c.authentication)));
  if (!c.authentication)
    return Finding{
        label(c) + " is an administrative console and its `authentication` is unknown", -1, {}, {}};
  return Finding{label(c) + " is an administrative console protected only by " +
                     std::string(name(*c.authentication)) +
                     ": one phished or guessed credential grants administrator rights",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_admin_console_without_mfa() {
  static const Rule rule{
      .id = "admin-console-without-mfa",
      .title = "Administrative console without strong authentication",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {308},
      .capec = {600, 560},
      .detection =
          "A process of kind `admin-console` whose `authentication` is not one of "
          "password+mfa, mtls or client-certificate (unknown counts with a lower "
          "likelihood).",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Require phishing-resistant MFA (WebAuthn) or client certificates for every "
          "administrator, behind single sign-on with short sessions.",
      .false_positives =
          "Break-glass consoles reachable only from a physically controlled network; "
          "document that with a decision.",
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
