// Rule ci-pipeline-untrusted-trigger: CI pipeline runs on untrusted triggers.
// Metadata and logic; docs/rules/ci-pipeline-untrusted-trigger.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "ci-pipeline") return std::nullopt;
  int in = find_flow_in(ctx, t.index, [&](const Flow& fl, const Component& from) {
    return is_external(from) || ctx.facts.trust[fl.from.index] == Trust::Untrusted;
  });
  if (in < 0) return Verdict::clear();
  bool deploys = find_flow_out(ctx, t.index, [&](const Flow& fl, const Component&) {
                   return ctx.facts.trust[fl.to.index] == Trust::Trusted;
                 }) >= 0;
  if (!deploys && !any_value_at_least(ctx.model, ctx.facts.assets_at[t.index], Value::High))
    return Verdict::clear();
  return Finding{label(c) + " is triggered by " + label(ctx.from(in)) +
                     " from outside and can reach trusted systems: code in an untrusted change "
                     "runs with the pipeline's privileges",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_ci_pipeline_untrusted_trigger() {
  static const Rule rule{
      .id = "ci-pipeline-untrusted-trigger",
      .title = "CI pipeline runs on untrusted triggers",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {829},
      .capec = {511},
      .detection =
          "A process of kind ci-pipeline that receives a flow from an external entity or a "
          "component in an untrusted zone (pull requests from forks, public webhooks) and "
          "has a flow into a trusted zone or handles assets valued high or critical.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Run untrusted changes in an isolated, secret-less workflow; require maintainer "
          "approval before privileged jobs; never check out untrusted code in privileged "
          "contexts (pull_request_target).",
      .false_positives =
          "Pipelines that only lint untrusted changes in a sandbox without credentials; "
          "model that sandbox separately.",
      .references =
          {"https://cwe.mitre.org/data/definitions/829.html",
           "https://capec.mitre.org/data/definitions/511.html",
           "https://securitylab.github.com/research/github-actions-preventing-pwn-requests/"},
      .vectors = kNetworkVectors | kSupplyChainBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
