// Rule ci-secrets-exposed: CI secrets reachable by untrusted code.
// Metadata and logic; docs/rules/ci-secrets-exposed.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "ci-pipeline") return std::nullopt;
  std::vector<int> conf;
  for (int a : ctx.facts.assets_at[t.index])
    if (ctx.model.assets[a].cia.confidentiality == Level3::High) conf.push_back(a);
  if (conf.empty()) return Verdict::clear();
  int f = find_flow_in(ctx, t.index, [&](const Flow& fl, const Component& from) {
    return is_external(from) || ctx.facts.trust[fl.from.index] == Trust::Untrusted;
  });
  if (f < 0) return Verdict::clear();
  return Finding{label(c) + " holds " + asset_list(ctx.model, conf) + " and runs on input from " +
                     label(ctx.from(f)) + ": untrusted code in a build can read the secrets",
                 0,
                 conf,
                 {}};
}
}  // namespace

const Rule& rule_ci_secrets_exposed() {
  static const Rule rule{
      .id = "ci-secrets-exposed",
      .title = "CI secrets reachable by untrusted code",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {522},
      .capec = {37},
      .detection =
          "A process of kind ci-pipeline that handles assets of high confidentiality "
          "(deploy keys, tokens) and receives a flow from an untrusted zone or an external "
          "entity (pull requests from forks, webhooks).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Never expose secrets to builds of untrusted changes: separate untrusted and "
          "privileged workflows, use short-lived OIDC credentials scoped per environment, "
          "and require approval for runs from outside contributors.",
      .false_positives =
          "Pipelines where untrusted triggers run in a sandbox without secrets; model that "
          "sandbox as its own component.",
      .references =
          {"https://cwe.mitre.org/data/definitions/522.html",
           "https://capec.mitre.org/data/definitions/37.html",
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
