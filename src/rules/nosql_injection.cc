// Rule nosql-injection: NoSQL injection into a document or key-value store.
// Metadata and logic; docs/rules/nosql-injection.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  return unvalidated_query(ctx, t, "nosql-database");
}
}  // namespace

const Rule& rule_nosql_injection() {
  static const Rule rule{
      .id = "nosql-injection",
      .title = "NoSQL injection into a document or key-value store",
      .stride = {Stride::Tampering, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {943},
      .capec = {676},
      .detection =
          "A process that is internet-exposed or an entry point, has a flow to a NoSQL "
          "database, and does not validate input (`input_validation` false; unknown counts "
          "with a lower likelihood). Applies only to processes that serve requests, not to "
          "pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Pass user data only as values (never as query operators or JSON fragments), "
          "validate types against a schema, and disable server-side JavaScript in the "
          "store.",
      .false_positives = "Stores accessed only by key with typed values; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/943.html",
                     "https://capec.mitre.org/data/definitions/676.html"},
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
