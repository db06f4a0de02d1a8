// Rule unauthenticated-data-store-access: Data store accepts unauthenticated connections.
// Metadata and logic; docs/rules/unauthenticated-data-store-access.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& to = ctx.to(t.index);
  if (!is_data_store(to) || kind_in(to, {"queue", "log-store"})) return std::nullopt;
  if (!any_value_at_least(ctx.model, ctx.facts.assets_at[ctx.flow(t.index).to.index], Value::High))
    return Verdict::clear();
  if (mtls_authenticated(ctx.flow(t.index))) return Verdict::clear();
  return weak_unless_true(ctx.flow(t.index).authenticated, "authenticated",
                          label(ctx.flow(t.index)) + " reaches data store " + label(to) +
                              " without authenticating the client: whoever reaches the store's "
                              "port can read and write as that client");
}
}  // namespace

const Rule& rule_unauthenticated_data_store_access() {
  static const Rule rule{
      .id = "unauthenticated-data-store-access",
      .title = "Data store accepts unauthenticated connections",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Flow},
      .cwe = {306},
      .capec = {151},
      .detection =
          "A flow into a data store (other than a queue or a log store, which have their "
          "own rules) that holds assets valued high or critical, where the sender is not "
          "authenticated (`authenticated` false, or unknown with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Give every client of the data store its own credentials (IAM roles, mTLS, "
          "per-service database users) and disable anonymous or shared access.",
      .false_positives =
          "Embedded stores reachable only in-process; model them as part of the process "
          "instead.",
      .references = {"https://cwe.mitre.org/data/definitions/306.html",
                     "https://capec.mitre.org/data/definitions/151.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
