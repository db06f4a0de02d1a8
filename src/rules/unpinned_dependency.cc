// Rule unpinned-dependency: Dependency versions are not pinned.
// Metadata and logic; docs/rules/unpinned-dependency.md is generated from this metadata.

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
  return weak_unless_true(
      s.pinned, "pinned",
      "supply-chain entry '" + s.id +
          "' is not pinned: the next build may pull a new, possibly malicious, release" +
          (users.empty() ? std::string() : " (used by " + users + ")"));
}
}  // namespace

const Rule& rule_unpinned_dependency() {
  static const Rule rule{
      .id = "unpinned-dependency",
      .title = "Dependency versions are not pinned",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::SupplyChain},
      .cwe = {829},
      .capec = {538},
      .detection =
          "A supply-chain entry of kind library or build-tool that is not pinned to exact "
          "versions (`pinned` false; unknown counts with a lower likelihood).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Pin exact versions with a lockfile committed to the repository, update through "
          "reviewed pull requests (Dependabot/Renovate), and install with the lockfile "
          "enforced (npm ci, pip --require-hashes).",
      .false_positives =
          "Internal libraries built from the same repository; model them as part of the "
          "component.",
      .references = {"https://cwe.mitre.org/data/definitions/829.html",
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
