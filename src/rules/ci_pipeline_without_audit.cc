// Rule ci-pipeline-without-audit: CI/CD pipeline runs are not audited.
// Metadata and logic; docs/rules/ci-pipeline-without-audit.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "ci-pipeline") return std::nullopt;
  return weak_unless_true(c.audit_log, "audit_log",
                          label(c) +
                              " builds and deploys without an audit trail: a malicious run cannot "
                              "be traced to who triggered it");
}
}  // namespace

const Rule& rule_ci_pipeline_without_audit() {
  static const Rule rule{
      .id = "ci-pipeline-without-audit",
      .title = "CI/CD pipeline runs are not audited",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::Process},
      .cwe = {778},
      .capec = {268},
      .detection =
          "A process of kind ci-pipeline without an audit log (`audit_log` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Keep an immutable record of every pipeline run: who triggered it, which commit, "
          "which secrets were used, and what was deployed where (CI audit log export).",
      .false_positives =
          "Hosted CI whose audit log is enabled by the vendor; set `audit_log: true`.",
      .references = {"https://cwe.mitre.org/data/definitions/778.html",
                     "https://capec.mitre.org/data/definitions/268.html"},
      .root_cause = "audit_log",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
