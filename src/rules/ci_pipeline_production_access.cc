// Rule ci-pipeline-production-access: Pipeline with unverified inputs deploys to production.
// Metadata and logic; docs/rules/ci-pipeline-production-access.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "ci-pipeline") return std::nullopt;
  int out = find_flow_out(ctx, t.index, [&](const Flow& fl, const Component&) {
    return ctx.facts.trust[fl.to.index] == Trust::Trusted;
  });
  if (out < 0) return Verdict::clear();
  // The entries' own rules carry the claims of `pinned` and `integrity_checked`.
  std::string weak;
  for (int s : ctx.facts.supply_of[t.index]) {
    const SupplyItem& item = ctx.model.supply_chain[s];
    if (!item.pinned.value_or(false) || !item.integrity_checked.value_or(false))
      weak += (weak.empty() ? "" : ", ") + item.id;
  }
  if (weak.empty()) return Verdict::clear();
  return Finding{label(c) + " deploys to " + label(ctx.to(out)) +
                     " in a trusted zone and runs unpinned or unverified inputs (" + weak +
                     "): compromising any of them compromises production",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_ci_pipeline_production_access() {
  static const Rule rule{
      .id = "ci-pipeline-production-access",
      .title = "Pipeline with unverified inputs deploys to production",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {829, 494},
      .capec = {511, 538},
      .detection =
          "A process of kind ci-pipeline with a flow into a trusted zone (it deploys) that "
          "uses supply-chain entries which are not both pinned and integrity-checked.",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Pin and verify everything the pipeline runs (actions, images, tools), separate "
          "build from deploy with signed artifacts and provenance (SLSA), and deploy with "
          "short-lived, environment-scoped credentials.",
      .false_positives =
          "Pipelines whose deploy step runs in a separate hardened system; model that "
          "system as the deploying component.",
      .references = {"https://cwe.mitre.org/data/definitions/829.html",
                     "https://cwe.mitre.org/data/definitions/494.html",
                     "https://capec.mitre.org/data/definitions/511.html",
                     "https://capec.mitre.org/data/definitions/538.html",
                     "https://slsa.dev/spec/v1.0/threats"},
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
