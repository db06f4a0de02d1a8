// Rule unauthenticated-log-ingestion: Log store accepts entries from anyone.
// Metadata and logic; docs/rules/unauthenticated-log-ingestion.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& to = ctx.to(t.index);
  if (to.effective_kind() != "log-store") return std::nullopt;
  if (mtls_authenticated(ctx.flow(t.index))) return Verdict::clear();
  return weak_unless_true(ctx.flow(t.index).authenticated, "authenticated",
                          label(ctx.flow(t.index)) + " writes to log store " + label(to) +
                              " without authenticating the source: anyone on the network can forge "
                              "or flood audit entries");
}
}  // namespace

const Rule& rule_unauthenticated_log_ingestion() {
  static const Rule rule{
      .id = "unauthenticated-log-ingestion",
      .title = "Log store accepts entries from anyone",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::Flow},
      .cwe = {117, 345},
      .capec = {93},
      .detection =
          "A flow into a data store of kind log-store where the sender is not authenticated "
          "(`authenticated` false; unknown counts with a lower likelihood).",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Authenticate log shippers (mTLS or per-source tokens) and tag each entry with "
          "the authenticated source, so entries cannot be forged in another service's name.",
      .false_positives = "Log stores on the same host as their only writer.",
      .references = {"https://cwe.mitre.org/data/definitions/117.html",
                     "https://cwe.mitre.org/data/definitions/345.html",
                     "https://capec.mitre.org/data/definitions/93.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
