// Rule missing-rate-limit: Internet-exposed process without rate limiting.
// Metadata and logic; docs/rules/missing-rate-limit.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  return weak_unless_true(
      c.rate_limited, "rate_limited",
      label(c) + " is internet-exposed without rate limiting: a single client can exhaust it");
}
}  // namespace

const Rule& rule_missing_rate_limit() {
  static const Rule rule{
      .id = "missing-rate-limit",
      .title = "Internet-exposed process without rate limiting",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::Process},
      .cwe = {770},
      .capec = {125},
      .detection =
          "An internet-exposed process that is not rate limited (`rate_limited` false; "
          "unknown counts with a lower likelihood). Applies only to processes that serve requests, "
          "not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Limit requests per client and globally at the edge (API gateway, WAF, load "
          "balancer), with quotas for expensive operations and autoscaling limits.",
      .false_positives =
          "Processes behind a CDN or gateway that enforces limits; model the gateway and "
          "mark this process not internet-facing.",
      .references = {"https://cwe.mitre.org/data/definitions/770.html",
                     "https://capec.mitre.org/data/definitions/125.html"},
      .root_cause = "rate_limited",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
