// Rule mutable-container-image: Container image referenced by a mutable tag.
// Metadata and logic; docs/rules/mutable-container-image.md is generated from this metadata.

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
  return weak_unless_true(
      s.pinned, "pinned",
      "supply-chain entry '" + s.id +
          "' is referenced by a mutable tag: whoever can push that tag decides what runs" +
          (users.empty() ? std::string() : " (used by " + users + ")"));
}
}  // namespace

const Rule& rule_mutable_container_image() {
  static const Rule rule{
      .id = "mutable-container-image",
      .title = "Container image referenced by a mutable tag",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::SupplyChain},
      .cwe = {494},
      .capec = {538},
      .detection =
          "A supply-chain entry of kind container-image that is not pinned by digest "
          "(`pinned` false; unknown counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Reference images by digest (image@sha256:...), rebuild on a schedule, and "
          "promote digests through environments.",
      .false_positives =
          "Images built in the same pipeline and referenced by the digest it produced.",
      .references = {"https://cwe.mitre.org/data/definitions/494.html",
                     "https://capec.mitre.org/data/definitions/538.html",
                     "https://slsa.dev/spec/v1.0/threats"},
      .root_cause = "pinned",
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
