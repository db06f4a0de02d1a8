// Rule data-store-exhaustion: Data store can be filled by exposed writers.
// Metadata and logic; docs/rules/data-store-exhaustion.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (ctx.component(t.index).effective_kind() == "queue") return std::nullopt;
  const Component* limited = nullptr;
  for (int f : ctx.facts.flows_in[t.index]) {
    int from = ctx.flow(f).from.index;
    const Component& p = ctx.component(from);
    if (!is_process(p) || !ctx.exposed(from)) continue;
    if (p.rate_limited.value_or(false)) {
      limited = &p;
      continue;
    }
    return weak_unless_true(
        p.rate_limited, "rate_limited",
        label(ctx.component(t.index)) + " is written by internet-exposed " + label(p) +
            ", which is not rate limited: storage or connections can be exhausted");
  }
  if (!limited) return Verdict::clear();
  return claimed(label(ctx.component(t.index)) + " is written by internet-exposed " +
                     label(*limited) + ": storage or connections could be exhausted",
                 "rate_limited: true (on " + limited->id + ")");
}
}  // namespace

const Rule& rule_data_store_exhaustion() {
  static const Rule rule{
      .id = "data-store-exhaustion",
      .title = "Data store can be filled by exposed writers",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {400},
      .capec = {130},
      .detection =
          "A data store (not a queue, which has its own rule) written by an "
          "internet-exposed process that is not rate limited (`rate_limited` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Rate-limit and quota the writers, cap sizes of what one user can store, and "
          "alert on storage growth.",
      .false_positives = "Append-only stores with enforced per-tenant quotas.",
      .references = {"https://cwe.mitre.org/data/definitions/400.html",
                     "https://capec.mitre.org/data/definitions/130.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
