// Rule unverified-container-image: Container image signature not verified.
// Metadata and logic; docs/rules/unverified-container-image.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const SupplyItem& s = ctx.model.supply_chain[t.index];
  if (!(s.kind == SupplyKind::ContainerImage)) return std::nullopt;
  std::string users;
  for (const Ref& u : s.used_by) users += (users.empty() ? "" : ", ") + u.id;
  return weak_unless_true(s.integrity_checked, "integrity_checked",
                          "supply-chain entry '" + s.id +
                              "' is deployed without verifying its signature or provenance" +
                              (users.empty() ? std::string() : " (used by " + users + ")"));
}
}  // namespace

const Rule& rule_unverified_container_image() {
  static const Rule rule{
      .id = "unverified-container-image",
      .title = "Container image signature not verified",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::SupplyChain},
      .cwe = {494, 345},
      .capec = {538},
      .detection =
          "A supply-chain entry of kind container-image whose signature or provenance is "
          "not verified at deploy time (`integrity_checked` false; unknown counts with a "
          "lower likelihood).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Sign images in CI (Sigstore cosign) and enforce signature and provenance "
          "verification in the cluster's admission controller.",
      .false_positives =
          "Air-gapped registries where only the build system can push; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/494.html",
                     "https://cwe.mitre.org/data/definitions/345.html",
                     "https://capec.mitre.org/data/definitions/538.html",
                     "https://slsa.dev/spec/v1.0/threats"},
      .root_cause = "integrity_checked",
      .vectors = kSupplyChainBit | kInsiderBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
