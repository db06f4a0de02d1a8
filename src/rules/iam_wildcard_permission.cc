// Rule iam-wildcard-permission: Wildcard IAM permission.
// Metadata and logic; docs/rules/iam-wildcard-permission.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& ps = ctx.iam.of_component(t.index);
  if (ps.empty()) return std::nullopt;
  std::string found;
  bool unknown = false, read_only = true;
  for (int p : ps) {
    if (!ctx.model.principals[p].permissions) {
      unknown = true;
      continue;
    }
    const PrincipalFacts& f = ctx.iam.principals[p];
    if (f.wildcards.empty()) continue;
    read_only = read_only && f.wildcards_read_only;
    std::string grants;
    for (size_t i = 0; i < f.wildcards.size() && i < 3; ++i) {
      grants += (i ? ", " : "") + f.wildcards[i];
    }
    if (f.wildcards.size() > 3)
      grants += ", and " + std::to_string(f.wildcards.size() - 3) + " more";
    found += (found.empty() ? "" : "; ") + holds(ctx, t.index, p) + ", allowed " + grants;
  }
  if (found.empty()) return unknown ? Verdict::undecided() : Verdict::clear();
  return Finding{label(ctx.component(t.index)) + " " + found +
                     (read_only ? " (read-only action families)" : "") +
                     ": a wildcard grants every present and future action or resource it "
                     "matches, far more than the component needs",
                 read_only ? -1 : 0,
                 iam_assets(ctx, t.index, ps),
                 {}};
}
}  // namespace

const Rule& rule_iam_wildcard_permission() {
  static const Rule rule{
      .id = "iam-wildcard-permission",
      .title = "Wildcard IAM permission",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::ExternalEntity, AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {732, 269},
      .capec = {122, 1},
      .detection =
          "A component that runs as, or may assume, a principal (iam.principals) whose "
          "effective grants (allow statements no deny statement wholly covers) have a wildcard "
          "action (`*`, `s3:*`, `s3:Put*`) or the resource `*`. Read-only action families "
          "(Get*, List*, Describe*) count with a lower likelihood. A principal without "
          "`permissions` leaves the rule undecided.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Grant the actions the component calls on the resources it uses, by name; generate "
          "the policy from access logs (e.g. IAM Access Analyzer) and review wildcards in "
          "code review with a policy linter.",
      .false_positives =
          "Actions that only accept the resource `*` (some list and describe calls) and "
          "deliberately broad read-only roles for auditors; decide them as accepted with the "
          "reason.",
      .references = {"https://cwe.mitre.org/data/definitions/732.html",
                     "https://cwe.mitre.org/data/definitions/269.html",
                     "https://capec.mitre.org/data/definitions/122.html",
                     "https://capec.mitre.org/data/definitions/1.html",
                     "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"},
      .root_cause = {},
      .vectors = 0,
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
