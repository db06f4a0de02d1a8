// Rule unpinned-ci-actions: CI pipeline steps taken from third parties by tag.
// Metadata and logic; docs/rules/unpinned-ci-actions.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const SupplyItem& s = ctx.model.supply_chain[t.index];
  if (!(s.kind == SupplyKind::CiPipeline)) return std::nullopt;
  std::string users;
  for (const Ref& u : s.used_by) users += (users.empty() ? "" : ", ") + u.id;
  return weak_unless_true(s.pinned, "pinned",
                          "supply-chain entry '" + s.id +
                              "' runs third-party CI steps by a movable tag: a compromised "
                              "upstream runs with the pipeline's secrets" +
                              (users.empty() ? std::string() : " (used by " + users + ")"));
}
}  // namespace

const Rule& rule_unpinned_ci_actions() {
  static const Rule rule{
      .id = "unpinned-ci-actions",
      .title = "CI pipeline steps taken from third parties by tag",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::SupplyChain},
      .cwe = {829},
      .capec = {538, 511},
      .detection =
          "A supply-chain entry of kind ci-pipeline (third-party CI actions, orbs, shared "
          "templates) that is not pinned to a commit or digest (`pinned` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Pin third-party actions to full commit SHAs, review updates, and restrict which "
          "actions may run (an allow-list in the CI settings).",
      .false_positives = "First-party actions from the same organisation with protected tags.",
      .references = {"https://cwe.mitre.org/data/definitions/829.html",
                     "https://capec.mitre.org/data/definitions/538.html",
                     "https://capec.mitre.org/data/definitions/511.html",
                     "https://docs.github.com/en/actions/security-guides/"
                     "security-hardening-for-github-actions"},
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
