#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

struct Case {
  const char* name;
  void (*edit)(IamBuilder&);
  std::vector<std::string> want;
};

TEST(IamPrivilegeEscalation, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"no principals", [](IamBuilder&) {}, {}},
      {"data-plane rights only",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"s3:*"}, {"*"})});
         i.runs_as("api", "app");
       },
       {}},
      {"may pass roles",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role,
                     {allow({"iam:PassRole", "lambda:CreateFunction"}, {"*"})});
         i.runs_as("api", "app");
       },
       {"iam-privilege-escalation@api"}},
      {"passing one named role is left to review",
       [](IamBuilder& i) {
         i.principal("deployer", PrincipalKind::Role,
                     {allow({"iam:PassRole"}, {"arn:aws:iam::111122223333:role/app-task"})});
         i.runs_as("api", "deployer");
       },
       {}},
      {"a wildcard over IAM writes",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"iam:Put*"}, {"*"})});
         i.runs_as("web", "app");
       },
       {"iam-privilege-escalation@web"}},
      {"Google Cloud: acting as a service account",
       [](IamBuilder& i) {
         i.principal("sa", PrincipalKind::ServiceAccount,
                     {allow({"iam.serviceAccounts.actAs"}, {"projects/shop/serviceAccounts/*"})});
         i.runs_as("api", "sa");
       },
       {"iam-privilege-escalation@api"}},
      {"the escalation is denied",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"iam:*"}, {"*"}), deny({"iam:*"}, {"*"})});
         i.runs_as("api", "app");
       },
       {}},
      {"a full administrator is left to admin-rights-on-exposed-component",
       [](IamBuilder& i) {
         i.principal("admin", PrincipalKind::Role, {allow({"*"}, {"*"})});
         i.runs_as("api", "admin");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    auto m = b.build();
    IamBuilder iam(*m);
    c.edit(iam);
    EXPECT_EQ(run_rule("iam-privilege-escalation", *m), c.want) << c.name;
  }
}

TEST(IamPrivilegeEscalation, NamesTheActions) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  IamBuilder iam(*m);
  iam.principal("app", PrincipalKind::Role,
                {allow({"iam:CreatePolicyVersion", "iam:AttachRolePolicy"}, {"*"})});
  iam.runs_as("api", "app");
  EXPECT_EQ(describe("iam-privilege-escalation", *m, "api"),
            "'api' runs as 'app', allowed iam:AttachRolePolicy, iam:CreatePolicyVersion: with "
            "these it can attach policies, mint credentials or pass a stronger role to code it "
            "starts, and so make itself an administrator");
}

}  // namespace
}  // namespace tw::rules::testing
