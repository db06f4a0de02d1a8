// Rule ci-identity-reaches-production: CI identity with rights in production.
// Metadata and logic; docs/rules/ci-identity-reaches-production.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& ps = ctx.iam.of_component(t.index);
  if (ps.empty()) return std::nullopt;
  const Component& c = ctx.component(t.index);
  bool pipeline = c.effective_kind() == "ci-pipeline";
  std::string found;
  bool unknown = false, narrow = true;
  for (int p : ps) {
    const Principal& pr = ctx.model.principals[p];
    if (!pipeline && pr.kind != PrincipalKind::CiIdentity) continue;
    const PrincipalFacts& f = ctx.iam.principals[p];
    if (!f.production) {
      unknown = true;
      continue;
    }
    if (!*f.production) continue;
    std::string how = f.production_via >= 0 ? " (" + ctx.iam.production_chain(p) + ")"
                      : f.production_target >= 0
                          ? " (acts on " + label(ctx.component(f.production_target)) + ")"
                          : "";
    found +=
        (found.empty() ? "" : "; ") + holds(ctx, t.index, p) + ", which reaches production" + how;
    // Exact trust and no static keys: a narrower way in, still a way into production.
    for (TrustBreadth b : f.trust_breadth) narrow = narrow && b == TrustBreadth::Exact;
    narrow = narrow && pr.long_lived_keys == false;
  }
  if (found.empty()) return unknown ? Verdict::undecided() : Verdict::clear();
  return Finding{label(c) + " " + found +
                     ": whoever can change a workflow, a build script or an action it runs, or "
                     "take over its runner, acts in production with these rights",
                 narrow ? -1 : 0,
                 iam_assets(ctx, t.index, ps),
                 {}};
}
}  // namespace

const Rule& rule_ci_identity_reaches_production() {
  static const Rule rule{
      .id = "ci-identity-reaches-production",
      .title = "CI identity with rights in production",
      .stride = {Stride::ElevationOfPrivilege, Stride::Tampering},
      .applies_to = {AppliesTo::ExternalEntity, AppliesTo::Process},
      .cwe = {269, 250},
      .capec = {233, 186},
      .detection =
          "A ci-pipeline component, or a component acting as a principal of kind ci-identity, "
          "that runs as or may assume a principal reaching production: `production: true`, "
          "`acts_on` a component in a trusted zone, or able to assume such a principal. Exact "
          "trust subjects and no long-lived keys lower the likelihood further: the concrete ways "
          "in (open trust, untrusted triggers, unpinned actions) are threats of their own rules; "
          "this one is the reach they lead to. An unknown `production` leaves the rule "
          "undecided.",
      .likelihood = 2,
      .impact = 5,
      .mitigation =
          "Deploy from a protected environment with required reviewers, trust only that "
          "environment's OIDC subject, keep build jobs (which run untrusted code) on an "
          "identity without production rights, and scope the deploy role to the resources "
          "it updates.",
      .false_positives =
          "Pipelines whose production step runs in a separate, reviewed system; model that "
          "system as the component holding the production principal.",
      .references = {"https://cwe.mitre.org/data/definitions/269.html",
                     "https://cwe.mitre.org/data/definitions/250.html",
                     "https://capec.mitre.org/data/definitions/233.html",
                     "https://capec.mitre.org/data/definitions/186.html",
                     "https://slsa.dev/spec/v1.0/threats"},
      .root_cause = {},
      .vectors = kSupplyChainBit | kInsiderBit,
      .skill = Capability::Medium,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
