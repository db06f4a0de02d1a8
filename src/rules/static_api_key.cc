// Rule static-api-key: Static API key guards an internet-exposed service.
// Metadata and logic; docs/rules/static-api-key.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  if (!c.authentication) return Verdict::undecided();
  if (c.authentication != Authentication::ApiKey) return std::nullopt;
  const auto& assets = ctx.facts.assets_at[t.index];
  if (!any_value_at_least(ctx.model, assets, Value::High)) return Verdict::clear();
  return Finding{
      label(c) + " trusts a static API key from the internet for " + asset_list(ctx.model, assets) +
          ": a leaked key (logs, repositories, client apps) impersonates its owner until rotated",
      0,
      {},
      {}};
}
}  // namespace

const Rule& rule_static_api_key() {
  static const Rule rule{
      .id = "static-api-key",
      .title = "Static API key guards an internet-exposed service",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Process},
      .cwe = {287, 522},
      .capec = {560},
      .detection =
          "An internet-exposed process whose `authentication` is `api-key` and that handles "
          "assets valued high or critical. Applies only to processes that serve requests, not to "
          "pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Replace long-lived shared keys with short-lived tokens (OAuth client "
          "credentials) or mTLS; if keys stay, scope them narrowly, rotate them "
          "automatically and detect their use from new places.",
      .false_positives =
          "Keys that only unlock public, low-value data; lower the asset values or record a "
          "decision.",
      .references = {"https://cwe.mitre.org/data/definitions/287.html",
                     "https://cwe.mitre.org/data/definitions/522.html",
                     "https://capec.mitre.org/data/definitions/560.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
