// Rule sql-injection: SQL injection into a relational database.
// Metadata and logic; docs/rules/sql-injection.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  return unvalidated_query(ctx, t, "sql-database");
}
}  // namespace

const Rule& rule_sql_injection() {
  static const Rule rule{
      .id = "sql-injection",
      .title = "SQL injection into a relational database",
      .stride = {Stride::Tampering, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {89},
      .capec = {66},
      .detection =
          "A process that is internet-exposed or an entry point, has a flow to a SQL "
          "database, and does not validate input (`input_validation` false; unknown counts "
          "with a lower likelihood). Applies only to processes that serve requests, not to "
          "pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Use parameterised queries or a query builder everywhere; forbid string-built SQL "
          "with a lint rule; give the service a database user with only the rights it "
          "needs.",
      .false_positives =
          "Services that only run fixed queries with no caller-supplied values; record a "
          "decision.",
      .references = {"https://cwe.mitre.org/data/definitions/89.html",
                     "https://capec.mitre.org/data/definitions/66.html"},
      .root_cause = "input_validation",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
