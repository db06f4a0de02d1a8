// Rule queue-flooding: Queue can be flooded by exposed producers.
// Metadata and logic; docs/rules/queue-flooding.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (ctx.component(t.index).effective_kind() != "queue") return std::nullopt;
  const Component* limited = nullptr;
  for (int f : ctx.facts.flows_in[t.index]) {
    int from = ctx.flow(f).from.index;
    if (!ctx.exposed(from) && ctx.facts.trust[from] != Trust::Untrusted) continue;
    const Component& p = ctx.component(from);
    if (p.rate_limited.value_or(false)) {
      limited = &p;
      continue;
    }
    return weak_unless_true(
        p.rate_limited, "rate_limited",
        label(ctx.component(t.index)) + " receives messages from exposed producer " + label(p) +
            " without rate limiting: a flood of messages starves the consumers");
  }
  if (!limited) return Verdict::clear();
  return claimed(label(ctx.component(t.index)) + " receives messages from exposed producer " +
                     label(*limited) + ": a flood of messages could starve the consumers",
                 "rate_limited: true (on " + limited->id + ")");
}
}  // namespace

const Rule& rule_queue_flooding() {
  static const Rule rule{
      .id = "queue-flooding",
      .title = "Queue can be flooded by exposed producers",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {770},
      .capec = {125},
      .detection =
          "A data store of kind queue with a producer that is internet-exposed (or in an "
          "untrusted zone) and not rate limited (`rate_limited` false; unknown counts with "
          "a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Bound the queue (max length, TTL, per-producer quotas), rate-limit the "
          "producers, and shed load with back-pressure rather than unbounded growth.",
      .false_positives =
          "Queues with bounded length and a dead-letter policy; record that in a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/770.html",
                     "https://capec.mitre.org/data/definitions/125.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
