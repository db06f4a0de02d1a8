// Rule dmz-direct-database-access: Exposed process talks straight to a trusted database.
// Metadata and logic; docs/rules/dmz-direct-database-access.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Flow& f = ctx.flow(t.index);
  if (!is_data_store(ctx.to(t.index))) return std::nullopt;
  if (ctx.facts.trust[f.to.index] != Trust::Trusted) return Verdict::clear();
  if (!ctx.exposed(f.from.index) || ctx.facts.trust[f.from.index] == Trust::Trusted)
    return Verdict::clear();
  if (!any_value_at_least(ctx.model, ctx.facts.assets_at[f.to.index], Value::Critical))
    return Verdict::clear();
  return Finding{label(f) + " connects internet-exposed " + label(ctx.from(t.index)) +
                     " directly to " + label(ctx.to(t.index)) +
                     ": compromising the exposed tier yields the database credentials",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_dmz_direct_database_access() {
  static const Rule rule{
      .id = "dmz-direct-database-access",
      .title = "Exposed process talks straight to a trusted database",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Flow},
      .cwe = {653},
      .capec = {555},
      .detection =
          "A flow from an internet-exposed process outside the trusted zones straight into "
          "a data store in a trusted zone that holds assets valued critical.",
      .likelihood = 2,
      .impact = 5,
      .mitigation =
          "Put a service in the trusted zone between the exposed tier and the data (an API "
          "that authorises each request), so that compromising the exposed host does not "
          "hand over the database.",
      .false_positives = "Read-only replicas holding only data the exposed tier may serve anyway.",
      .references = {"https://cwe.mitre.org/data/definitions/653.html",
                     "https://capec.mitre.org/data/definitions/555.html"},
      .skill = Capability::Medium,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
