// Rule open-trust-policy: Principal assumable by a wildcard of identities.
// Metadata and logic; docs/rules/open-trust-policy.md is generated from this metadata.

#include <algorithm>

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& ps = ctx.iam.of_component(t.index);
  if (ps.empty()) return std::nullopt;
  std::string found;
  TrustBreadth widest = TrustBreadth::Exact;
  for (int p : ps) {
    const Principal& pr = ctx.model.principals[p];
    std::string open;
    for (size_t i = 0; i < pr.trust.size(); ++i) {
      TrustBreadth b = ctx.iam.principals[p].trust_breadth[i];
      if (b == TrustBreadth::Exact) continue;
      widest = std::max(widest, b);
      open += (open.empty() ? "" : ", ") + describe_trust(pr.trust[i]);
    }
    if (open.empty()) continue;
    found += (found.empty() ? "" : "; ") + holds(ctx, t.index, p) + ", which " + open +
             " may assume too";
  }
  if (found.empty()) return Verdict::clear();
  return Finding{label(ctx.component(t.index)) + " " + found +
                     ": whoever matches the trust acts with the same rights, without touching "
                     "the component",
                 // Any repository of one owner needs a foothold in that owner's repositories;
                 // any ref of one repository, write access to it.
                 widest == TrustBreadth::AnyRef       ? -2
                 : widest == TrustBreadth::AnyInScope ? -1
                                                      : 0,
                 iam_assets(ctx, t.index, ps),
                 {}};
}
}  // namespace

const Rule& rule_open_trust_policy() {
  static const Rule rule{
      .id = "open-trust-policy",
      .title = "Principal assumable by a wildcard of identities",
      .stride = {Stride::Spoofing, Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::ExternalEntity, AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {863, 284},
      .capec = {21, 122},
      .detection =
          "A component that runs as, or may assume, a principal whose trust (iam.principals "
          "trust) admits identities outside the model by a wildcard: `*` with no issuer "
          "(anyone), every subject of an issuer (an OIDC trust that checks no subject), any "
          "account (`arn:aws:iam::*:...`), any repository of an organisation "
          "(`repo:acme/*:*`, one lower: it needs a foothold in one of them), or any branch, "
          "tag, pull request or environment of one repository (`repo:acme/shop:*`, two lower: "
          "it needs write access to that repository).",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Pin the trust to exact subjects: one repository and a protected branch or "
          "deployment environment (`repo:acme/shop:environment:production`), check the "
          "audience too, name accounts and roles instead of `*`, and require an external id "
          "for third parties.",
      .false_positives =
          "Trusts whose wildcard is narrowed by a condition the model does not express (an "
          "organisation id, a source account); state the exact subject instead.",
      .references = {"https://cwe.mitre.org/data/definitions/863.html",
                     "https://cwe.mitre.org/data/definitions/284.html",
                     "https://capec.mitre.org/data/definitions/21.html",
                     "https://capec.mitre.org/data/definitions/122.html",
                     "https://docs.github.com/en/actions/security-for-github-actions/"
                     "security-hardening-your-deployments/about-security-hardening-with-openid-"
                     "connect"},
      .root_cause = {},
      .vectors = kInternetBit | kSupplyChainBit | kInsiderBit,
      .skill = Capability::Low,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
