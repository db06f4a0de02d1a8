// Rule unverified-dependency: Dependencies installed without integrity checks.
// Metadata and logic; docs/rules/unverified-dependency.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const SupplyItem& s = ctx.model.supply_chain[t.index];
  if (!(s.kind == SupplyKind::Library || s.kind == SupplyKind::BuildTool)) return std::nullopt;
  std::string users;
  for (const Ref& u : s.used_by) users += (users.empty() ? "" : ", ") + u.id;
  return weak_unless_true(s.integrity_checked, "integrity_checked",
                          "supply-chain entry '" + s.id +
                              "' is installed without verifying hashes or signatures: a tampered "
                              "package or mirror goes unnoticed" +
                              (users.empty() ? std::string() : " (used by " + users + ")"));
}
}  // namespace

const Rule& rule_unverified_dependency() {
  static const Rule rule{
      .id = "unverified-dependency",
      .title = "Dependencies installed without integrity checks",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::SupplyChain},
      .cwe = {494},
      .capec = {538, 185},
      .detection =
          "A supply-chain entry of kind library or build-tool whose integrity is not "
          "verified (`integrity_checked` false; unknown counts with a lower likelihood).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Verify hashes or signatures of every downloaded package (lockfile integrity "
          "fields, Sigstore), and fetch through a proxy registry that records what was "
          "served.",
      .false_positives = "Dependencies vendored into the repository and reviewed there.",
      .references = {"https://cwe.mitre.org/data/definitions/494.html",
                     "https://capec.mitre.org/data/definitions/538.html",
                     "https://capec.mitre.org/data/definitions/185.html",
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
