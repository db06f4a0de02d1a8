// Rule unauthenticated-queue-producer: Queue accepts messages from unauthenticated producers.
// Metadata and logic; docs/rules/unauthenticated-queue-producer.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& to = ctx.to(t.index);
  if (!is_data_store(to) || to.effective_kind() != "queue") return std::nullopt;
  if (mtls_authenticated(ctx.flow(t.index))) return Verdict::clear();
  return weak_unless_true(
      ctx.flow(t.index).authenticated, "authenticated",
      label(ctx.flow(t.index)) + " publishes to queue " + label(to) +
          " without authenticating the producer: forged messages reach every consumer");
}
}  // namespace

const Rule& rule_unauthenticated_queue_producer() {
  static const Rule rule{
      .id = "unauthenticated-queue-producer",
      .title = "Queue accepts messages from unauthenticated producers",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Flow},
      .cwe = {345},
      .capec = {148},
      .detection =
          "A flow into a data store of kind queue where the producer is not authenticated "
          "(`authenticated` false; unknown counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Authenticate producers (per-service credentials, mTLS), restrict which topics "
          "each may publish to, and sign messages whose content drives privileged actions.",
      .false_positives = "Queues reachable only inside one process or host.",
      .references = {"https://cwe.mitre.org/data/definitions/345.html",
                     "https://capec.mitre.org/data/definitions/148.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
