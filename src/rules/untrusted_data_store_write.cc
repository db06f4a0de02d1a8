// Rule untrusted-data-store-write: Data store written directly from a less trusted zone.
// Metadata and logic; docs/rules/untrusted-data-store-write.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  int f = -1;
  for (int in : ctx.facts.flows_in[t.index]) {
    if (ctx.facts.entry_point(in)) {
      f = in;
      break;
    }
  }
  if (f < 0) return Verdict::clear();
  return Finding{label(ctx.component(t.index)) + " is written directly by " + label(ctx.from(f)) +
                     " from a less trusted zone (" + label(ctx.flow(f)) +
                     "): its contents are only as trustworthy as that zone",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_untrusted_data_store_write() {
  static const Rule rule{
      .id = "untrusted-data-store-write",
      .title = "Data store written directly from a less trusted zone",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {284},
      .capec = {1},
      .detection =
          "A data store that receives a flow crossing a trust boundary inbound, i.e. a less "
          "trusted component writes to it directly instead of through a service in the "
          "store's own zone.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Put a service in the store's zone in front of it that authenticates, authorises "
          "and validates every write; deny direct network access from other zones.",
      .false_positives =
          "Stores designed as drop zones for untrusted uploads (quarantine buckets); record "
          "a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/284.html",
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
