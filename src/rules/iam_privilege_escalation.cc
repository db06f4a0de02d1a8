// Rule iam-privilege-escalation: IAM rights that grant more rights.
// Metadata and logic; docs/rules/iam-privilege-escalation.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& ps = ctx.iam.of_component(t.index);
  if (ps.empty()) return std::nullopt;
  std::string found;
  bool unknown = false;
  for (int p : ps) {
    if (!ctx.model.principals[p].permissions) {
      unknown = true;
      continue;
    }
    const PrincipalFacts& f = ctx.iam.principals[p];
    // Full administrators already hold every right (admin-rights-on-exposed-component).
    if (f.full_admin || f.escalation.empty()) continue;
    std::string actions;
    for (const std::string& e : f.escalation) actions += (actions.empty() ? "" : ", ") + e;
    found += (found.empty() ? "" : "; ") + holds(ctx, t.index, p) + ", allowed " + actions;
  }
  if (found.empty()) return unknown ? Verdict::undecided() : Verdict::clear();
  return Finding{label(ctx.component(t.index)) + " " + found +
                     ": with these it can attach policies, mint credentials or pass a stronger "
                     "role to code it starts, and so make itself an administrator",
                 0,
                 iam_assets(ctx, t.index, ps),
                 {}};
}
}  // namespace

const Rule& rule_iam_privilege_escalation() {
  static const Rule rule{
      .id = "iam-privilege-escalation",
      .title = "IAM rights that grant more rights",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::ExternalEntity, AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {269, 266},
      .capec = {233, 122},
      .detection =
          "A component that runs as, or may assume, a principal that is not a full "
          "administrator but is effectively allowed (after denies) an IAM-write action that "
          "escalates privilege: attaching or writing policies (iam:AttachRolePolicy, "
          "iam:PutRolePolicy, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion), creating "
          "credentials for others (iam:CreateAccessKey, iam:CreateLoginProfile), passing roles "
          "(iam:PassRole), changing trust (iam:UpdateAssumeRolePolicy), and their Google Cloud "
          "(iam.serviceAccounts.actAs, setIamPolicy, ...) and Azure (roleAssignments/write, "
          "...) counterparts, on a wildcard of resources. Wildcard actions such as `iam:*` or "
          "`iam:Put*` count. The same actions over named resources only (iam:PassRole of one "
          "task role) are not counted: how far they lift depends on those resources.",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Remove IAM-write actions from workload roles; where a deployer must create roles, "
          "bound it with a permissions boundary or service control policy, restrict "
          "iam:PassRole to named roles with an iam:PassedToService condition, and alert on "
          "policy changes.",
      .false_positives =
          "Deployment or platform roles whose job is to manage IAM, fenced by a permissions "
          "boundary the model does not express; decide the threat with that boundary as the "
          "reason.",
      .references =
          {"https://cwe.mitre.org/data/definitions/269.html",
           "https://cwe.mitre.org/data/definitions/266.html",
           "https://capec.mitre.org/data/definitions/233.html",
           "https://capec.mitre.org/data/definitions/122.html",
           "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/"},
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
