// Rule missing-cloud-hardening: Cloud-hosted component holding valuable data, unhardened.
// Metadata and logic; docs/rules/missing-cloud-hardening.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  const Boundary* cloud = nullptr;
  int b = c.boundary.index;
  for (size_t depth = 0; b >= 0 && depth <= ctx.model.boundaries.size() && !cloud; ++depth) {
    const Boundary& x = ctx.model.boundaries[b];
    if (x.type == BoundaryType::CloudProvider || x.type == BoundaryType::SecurityGroup) cloud = &x;
    b = x.parent.index;
  }
  if (!cloud) return std::nullopt;
  if (!any_value_at_least(ctx.model, ctx.facts.assets_at[t.index], Value::High)) {
    return std::nullopt;
  }
  return Finding{label(c) + " runs in the cloud zone '" + cloud->id +
                     "' and handles valuable data: a permissive security group, "
                     "IAM policy or service default exposes it",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_missing_cloud_hardening() {
  static const Rule rule{
      .id = "missing-cloud-hardening",
      .title = "Cloud-hosted component holding valuable data, unhardened",
      .stride = {Stride::Tampering, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {1188},
      .capec = {176},
      .detection =
          "A process or data store in a boundary of `type` cloud-provider or "
          "security-group (or nested in one) with an asset valued high or more at stake: "
          "cloud accounts, security groups and managed services need their provider's "
          "benchmark applied.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Apply the provider's CIS benchmark and best practices to the account, the "
          "network rules and each service (least-privilege IAM, no public endpoints by "
          "default, logging on, instance metadata v2), and check them continuously with a "
          "cloud posture scanner.",
      .false_positives =
          "Components whose account is managed under an audited baseline; record it as a "
          "control.",
      .references = {"https://cwe.mitre.org/data/definitions/1188.html",
                     "https://capec.mitre.org/data/definitions/176.html",
                     "https://www.cisecurity.org/cis-benchmarks"},
      .root_cause = "",
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
