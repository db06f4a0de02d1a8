// Rule webhook-signature-missing: Webhook calls are accepted without a verified signature.
// Metadata and logic; docs/rules/webhook-signature-missing.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (!is_webhook(ctx, t.index)) return std::nullopt;
  const Flow& f = ctx.flow(t.index);
  if (mtls_authenticated(f)) return Verdict::clear();
  return weak_unless_true(
      f.signed_messages, "signed",
      label(f) + " brings calls from " + label(ctx.from(t.index)) + " into " +
          label(ctx.to(t.index)) +
          ": unless the receiver verifies each message's signature, anyone who learns the "
          "endpoint can post forged events (a payment that never happened, a changed "
          "subscription)");
}
}  // namespace

const Rule& rule_webhook_signature_missing() {
  static const Rule rule{
      .id = "webhook-signature-missing",
      .title = "Webhook calls are accepted without a verified signature",
      .stride = {Stride::Spoofing, Stride::Tampering},
      .applies_to = {AppliesTo::Flow},
      .cwe = {345, 347},
      .capec = {194},
      .detection =
          "A flow over HTTP(S) from a third party's service (external entity of kind saas, "
          "payment-provider, partner, external-api or cloud-api) into a process, whose "
          "messages are not signed and verified (`signed` false; unknown counts with a lower "
          "likelihood). Mutual TLS clears it. `authenticated: true` does not: a static token "
          "in a header proves the caller knows it, not that the payload is the sender's.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Verify the provider's signature (HMAC over the raw body with a per-endpoint "
          "secret, or an asymmetric signature) before parsing, compare in constant time, "
          "reject unsigned calls, rotate the secret, and re-fetch the object from the "
          "provider's API before acting on high-value events.",
      .false_positives =
          "Callbacks that only trigger a fetch of state from the provider's authenticated API "
          "and trust nothing in the body; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/345.html",
                     "https://capec.mitre.org/data/definitions/194.html",
                     "https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/"
                     "standard-webhooks.md"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
