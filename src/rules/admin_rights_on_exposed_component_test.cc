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

TEST(AdminRightsOnExposedComponent, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"no principals", [](IamBuilder&) {}, {}},
      {"the exposed web app runs as an administrator",
       [](IamBuilder& i) {
         i.principal("admin", PrincipalKind::Role, {allow({"*"}, {"*"})});
         i.runs_as("web", "admin");
       },
       {"admin-rights-on-exposed-component@web"}},
      {"an internal api runs as an administrator: not exposed",
       [](IamBuilder& i) {
         i.principal("admin", PrincipalKind::Role, {allow({"*"}, {"*"})});
         i.runs_as("api", "admin");
       },
       {}},
      {"the web app may become an administrator through a role it may assume",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"sts:AssumeRole"}, {"*"})});
         i.principal("admin", PrincipalKind::Role, {allow({"*"}, {"*"})});
         i.runs_as("web", "app");
         i.assumable_by("admin", "app");
       },
       {"admin-rights-on-exposed-component@web"}},
      {"escalation rights count as administrative",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"iam:AttachRolePolicy"}, {"*"})});
         i.runs_as("web", "app");
       },
       {"admin-rights-on-exposed-component@web"}},
      {"least privilege",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role,
                     {allow({"s3:GetObject"}, {"arn:aws:s3:::catalog/*"})});
         i.runs_as("web", "app");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    auto m = b.build();
    IamBuilder iam(*m);
    c.edit(iam);
    EXPECT_EQ(run_rule("admin-rights-on-exposed-component", *m), c.want) << c.name;
  }
}

TEST(AdminRightsOnExposedComponent, ExplainsReachAndTheChain) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  IamBuilder iam(*m);
  iam.principal("app", PrincipalKind::Role, {allow({"sts:AssumeRole"}, {"*"})});
  iam.principal("admin", PrincipalKind::Role, {allow({"*"}, {"*"})});
  iam.runs_as("web", "app");
  iam.assumable_by("admin", "app");
  EXPECT_EQ(describe("admin-rights-on-exposed-component", *m, "web"),
            "'web' is reachable by adversaries (internet -> web) and runs as 'app', which may "
            "assume admin, which is allowed every action on every resource: one "
            "code-execution, SSRF or credential-leak flaw there hands over the whole account");
}

}  // namespace
}  // namespace tw::rules::testing
