// Rule webhook-replay: A captured webhook call is replayed.
// Metadata and logic; docs/rules/webhook-replay.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (!is_webhook(ctx, t.index)) return std::nullopt;
  const Flow& f = ctx.flow(t.index);
  if (mtls_authenticated(f)) return Verdict::clear();
  // Unsigned messages can be forged outright: webhook-signature-missing raises that.
  if (f.signed_messages == false) return std::nullopt;
  return weak_unless_true(
      f.replay_protection, "replay_protection",
      label(f) + " brings calls from " + label(ctx.from(t.index)) + " into " +
          label(ctx.to(t.index)) +
          ": a genuine signed message captured once (from a log, a proxy, a retry) and posted "
          "again repeats its effect unless its timestamp is checked and its id remembered");
}
}  // namespace

const Rule& rule_webhook_replay() {
  static const Rule rule{
      .id = "webhook-replay",
      .title = "A captured webhook call is replayed",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Flow},
      .cwe = {294},
      .capec = {60},
      .detection =
          "A webhook flow (see webhook-signature-missing) that is signed or may be (`signed` "
          "true or unknown) and whose receiver does not refuse replays (`replay_protection` "
          "false; unknown counts with a lower likelihood). Mutual TLS clears it.",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Sign the timestamp with the body, refuse messages outside a window of a few "
          "minutes, remember event ids for longer than the window and ignore repeats, and "
          "make the handlers idempotent.",
      .false_positives =
          "Handlers that are idempotent by construction (they set state to the provider's "
          "current value); record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/294.html",
                     "https://capec.mitre.org/data/definitions/60.html",
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
