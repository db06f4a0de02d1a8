// Rule mixed-sensitivity-shared-runtime: Exposed and sensitive workloads on one shared runtime.
// Metadata and logic; docs/rules/mixed-sensitivity-shared-runtime.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& guests = ctx.runs_here(t.index);
  if (guests.empty()) return std::nullopt;
  int low = guests.front(), high = guests.front();
  bool exposed = false, hidden = false;
  for (int g : guests) {
    if (ctx.facts.trust[g] < ctx.facts.trust[low]) low = g;
    if (ctx.facts.trust[g] > ctx.facts.trust[high]) high = g;
    (ctx.exposed(g) ? exposed : hidden) = true;
  }
  if (ctx.facts.trust[low] == ctx.facts.trust[high] && !(exposed && hidden)) {
    return Verdict::clear();
  }
  if (ctx.facts.trust[low] == ctx.facts.trust[high]) {
    for (int g : guests) {
      if (ctx.exposed(g)) low = g;
      if (!ctx.exposed(g)) high = g;
    }
  }
  return Finding{label(ctx.component(t.index)) + " runs " + label(ctx.component(low)) + " and " +
                     label(ctx.component(high)) +
                     " side by side: escaping the less protected one, or "
                     "exhausting the host, reaches the more sensitive one",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_mixed_sensitivity_shared_runtime() {
  static const Rule rule{
      .id = "mixed-sensitivity-shared-runtime",
      .title = "Exposed and sensitive workloads on one shared runtime",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {653},
      .capec = {480},
      .detection =
          "A component that others run on (their `runs_on`) whose guests sit in zones of "
          "different trust, or of which some are internet-exposed and others are not: "
          "escaping one guest, or exhausting the host, reaches the more sensitive ones.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Run workloads of different trust on separate runtimes (hosts, clusters, node "
          "pools, accounts), or isolate them with hardware virtualisation and strict "
          "resource quotas; keep the runtime patched.",
      .false_positives =
          "Runtimes that isolate guests by hardware virtualisation and keep their "
          "management plane apart; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/653.html",
                     "https://capec.mitre.org/data/definitions/480.html"},
      .root_cause = "",
      .skill = Capability::High,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
