// Rule email-spoofing: Mail in the system's name can be forged.
// Metadata and logic; docs/rules/email-spoofing.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!is_process(c)) return std::nullopt;
  int mail = find_flow_out(ctx, t.index, [](const Flow& f, const Component&) {
    const std::string& p = f.effective_protocol();
    return p == "smtp" || p == "smtps";
  });
  bool reset = c.password_reset == true;
  // Setting the fact at all says the component sends mail.
  if (mail < 0 && !reset && !c.email_authentication) return std::nullopt;
  std::string how = mail >= 0 ? "sends mail to people over " + label(ctx.flow(mail))
                    : reset   ? "sends password-reset messages to people (by e-mail, usually)"
                              : "sends mail to people";
  return weak_unless_true(
      c.email_authentication, "email_authentication",
      label(c) + " " + how +
          " in the system's name without stated sender authentication (SPF, DKIM, an enforcing "
          "DMARC policy): anyone can send mail that looks like it, so a forged reset link or "
          "notification phishes its users");
}
}  // namespace

const Rule& rule_email_spoofing() {
  static const Rule rule{
      .id = "email-spoofing",
      .title = "Mail in the system's name can be forged",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {290, 345},
      .capec = {98, 195},
      .detection =
          "A process that sends mail to people: it has a flow over smtp or smtps, offers a "
          "password reset (`password_reset: true`, whose links usually go by e-mail), or states "
          "`email_authentication` at all; and does not claim that the mail it sends passes "
          "SPF, DKIM and an enforcing DMARC policy (`email_authentication` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Publish SPF for every host that sends in the domain's name, sign outgoing mail with "
          "DKIM (also at the mail provider), publish DMARC with p=quarantine or p=reject once "
          "reports are clean, and cover parked domains with a reject policy; tell users which "
          "messages the system never sends (it never asks for a password). Then record "
          "`email_authentication: true`.",
      .false_positives =
          "Resets and notifications sent only by SMS or in the app: record a not-applicable "
          "entry for spoofing on the component with that reason.",
      .references = {"https://cwe.mitre.org/data/definitions/290.html",
                     "https://capec.mitre.org/data/definitions/98.html",
                     "https://www.rfc-editor.org/rfc/rfc7489"},
      .root_cause = "",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
