// Rule sensitive-data-to-untrusted-zone: Sensitive data leaves for a third party.
// Metadata and logic; docs/rules/sensitive-data-to-untrusted-zone.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& to = ctx.to(t.index);
  if (kind_in(to, {"user", "browser", "mobile-app"})) return std::nullopt;
  if (ctx.facts.crossing[t.index] != Crossing::Outbound ||
      ctx.facts.trust[ctx.flow(t.index).to.index] != Trust::Untrusted)
    return Verdict::clear();
  auto secret = sensitive_assets(ctx.model, ctx.facts.flow_assets(t.index), Cia::Confidentiality,
                                 Value::Critical);
  std::vector<int> conf;
  for (int a : secret)
    if (ctx.model.assets[a].cia.confidentiality == Level3::High) conf.push_back(a);
  if (conf.empty()) return Verdict::clear();
  return Finding{label(ctx.flow(t.index)) + " sends " + asset_list(ctx.model, conf) + " to " +
                     label(to) +
                     " in an untrusted zone: their disclosure now depends on a third party",
                 0,
                 conf,
                 {}};
}
}  // namespace

const Rule& rule_sensitive_data_to_untrusted_zone() {
  static const Rule rule{
      .id = "sensitive-data-to-untrusted-zone",
      .title = "Sensitive data leaves for a third party",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Flow},
      .cwe = {359, 201},
      .capec = {117},
      .detection =
          "A flow that crosses a trust boundary outbound to a component in an untrusted "
          "zone that is not the user themselves (a third-party service or partner; kinds "
          "user, browser and mobile-app are excluded) and carries assets valued critical or "
          "of high confidentiality.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Send the minimum: tokenise or pseudonymise before it leaves, contractually bind "
          "the receiver (DPA), and review the third party's controls.",
      .false_positives =
          "Data the receiver must have (card data to the payment provider); accept with the "
          "contract as rationale.",
      .references = {"https://cwe.mitre.org/data/definitions/359.html",
                     "https://cwe.mitre.org/data/definitions/201.html",
                     "https://capec.mitre.org/data/definitions/117.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
