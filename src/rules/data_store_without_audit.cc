// Rule data-store-without-audit: Changes to valuable data are not audited.
// Metadata and logic; docs/rules/data-store-without-audit.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() == "cache" || c.effective_kind() == "log-store") return std::nullopt;
  const auto& assets = ctx.facts.assets_at[t.index];
  if (!any_value_at_least(ctx.model, assets, Value::High) &&
      max_cia(ctx.model, assets, Cia::Integrity) != Level3::High)
    return Verdict::clear();
  return weak_unless_true(c.audit_log, "audit_log",
                          label(c) + " holds " + asset_list(ctx.model, assets) +
                              " but records no audit trail of changes: altered or deleted records "
                              "cannot be attributed");
}
}  // namespace

const Rule& rule_data_store_without_audit() {
  static const Rule rule{
      .id = "data-store-without-audit",
      .title = "Changes to valuable data are not audited",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {778},
      .capec = {268},
      .detection =
          "A data store holding assets valued high or critical, or of high integrity, "
          "without an audit log of changes (`audit_log` false; unknown counts with a lower "
          "likelihood).",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Enable the store's audit or change log (database audit plugin, object-store "
          "access logs, CDC to an append-only store) and ship it off the store's host.",
      .false_positives = "Caches and derived data that can be rebuilt from an audited source.",
      .references = {"https://cwe.mitre.org/data/definitions/778.html",
                     "https://capec.mitre.org/data/definitions/268.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html"},
      .root_cause = "audit_log",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
