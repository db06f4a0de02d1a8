// Rule data-store-internet-exposed: Database reachable from the internet.
// Metadata and logic; docs/rules/data-store-internet-exposed.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!is_database(c) && c.effective_kind() != "queue") return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  return Finding{label(c) + " (" + c.effective_kind() +
                     ") is reachable from the internet: scanners find it within hours and try "
                     "default credentials and known exploits",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_data_store_internet_exposed() {
  static const Rule rule{
      .id = "data-store-internet-exposed",
      .title = "Database reachable from the internet",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {668},
      .capec = {1},
      .detection =
          "A data store of kind sql-database, nosql-database, cache or queue that is "
          "internet-facing or receives a flow straight from an untrusted zone.",
      .likelihood = 4,
      .impact = 5,
      .mitigation =
          "Keep databases on private networks reachable only from their services; use a "
          "bastion or private link for administration.",
      .false_positives =
          "Managed databases exposed only through a provider's authenticated private "
          "endpoint; set `internet_facing: false`.",
      .references = {"https://cwe.mitre.org/data/definitions/668.html",
                     "https://capec.mitre.org/data/definitions/1.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
