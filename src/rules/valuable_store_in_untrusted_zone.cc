// Rule valuable-store-in-untrusted-zone: Valuable data stored outside a trusted zone.
// Metadata and logic; docs/rules/valuable-store-in-untrusted-zone.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (ctx.facts.trust[t.index] == Trust::Trusted) return Verdict::clear();
  std::vector<int> hot;
  for (int a : ctx.facts.assets_at[t.index]) {
    const Asset& x = ctx.model.assets[a];
    if (x.value == Value::Critical ||
        (x.value == Value::High && x.cia.confidentiality == Level3::High))
      hot.push_back(a);
  }
  if (hot.empty()) return Verdict::clear();
  std::string zone = c.boundary.id.empty() ? "no declared zone"
                                           : "zone '" + c.boundary.id + "' (" +
                                                 std::string(name(ctx.facts.trust[t.index])) + ")";
  return Finding{label(c) + " holds " + asset_list(ctx.model, hot) + " in " + zone +
                     ": one compromise in that zone reaches it",
                 0,
                 hot,
                 {}};
}
}  // namespace

const Rule& rule_valuable_store_in_untrusted_zone() {
  static const Rule rule{
      .id = "valuable-store-in-untrusted-zone",
      .title = "Valuable data stored outside a trusted zone",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {668},
      .capec = {150},
      .detection =
          "A data store in an untrusted or semi-trusted zone (or in no zone) that holds "
          "assets valued critical, or valued high with high confidentiality.",
      .likelihood = 2,
      .impact = 5,
      .mitigation =
          "Move the store into a trusted zone reachable only through its service, or reduce "
          "what it holds (tokenise, keep only references).",
      .false_positives =
          "Edge caches holding only data that is public anyway (lower the asset values).",
      .references = {"https://cwe.mitre.org/data/definitions/668.html",
                     "https://capec.mitre.org/data/definitions/150.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
