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

TEST(IamWildcardPermission, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"no principals", [](IamBuilder&) {}, {}},
      {"named actions on named resources",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role,
                     {allow({"s3:GetObject"}, {"arn:aws:s3:::catalog/*"})});
         i.runs_as("web", "app");
       },
       {}},
      {"service-wide wildcard",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"s3:*"}, {"arn:aws:s3:::catalog"})});
         i.runs_as("web", "app");
       },
       {"iam-wildcard-permission@web"}},
      {"every resource",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"s3:GetObject"}, {"*"})});
         i.runs_as("api", "app");
       },
       {"iam-wildcard-permission@api"}},
      {"the wildcard is wholly denied",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role,
                     {allow({"s3:*"}, {"*"}), deny({"s3:*"}, {"*"}),
                      allow({"sqs:SendMessage"}, {"arn:aws:sqs:eu-west-1:1:orders"})});
         i.runs_as("api", "app");
       },
       {}},
      {"a principal the component may assume",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {allow({"dynamodb:*"}, {"*"})});
         i.assumable_by("app", "api");
       },
       {"iam-wildcard-permission@api"}},
      {"unknown permissions are undecided, not a finding",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {}).permissions.reset();
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
    EXPECT_EQ(run_rule("iam-wildcard-permission", *m), c.want) << c.name;
  }
}

TEST(IamWildcardPermission, NamesTheGrantsAndLowersReadOnlyOnes) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  IamBuilder iam(*m);
  iam.principal("auditor", PrincipalKind::Role, {allow({"ec2:Describe*"}, {"*"})});
  iam.runs_as("api", "auditor");
  iam.principal("unknown", PrincipalKind::Role, {}).permissions.reset();
  iam.runs_as("web", "unknown");
  Context ctx(*m);
  const Rule& r = *find_builtin("iam-wildcard-permission");
  Verdict v = evaluate(r, ctx, Target{AppliesTo::Process, 2});
  ASSERT_TRUE(v.weakness());
  EXPECT_EQ(v->likelihood_delta, -1);
  EXPECT_NE(v->description.find("runs as 'auditor', allowed ec2:Describe* on *"), std::string::npos)
      << v->description;
  EXPECT_EQ(evaluate(r, ctx, Target{AppliesTo::Process, 1}).kind(), Verdict::Kind::Undecided);
  EXPECT_EQ(evaluate(r, ctx, Target{AppliesTo::DataStore, 3}).kind(), Verdict::Kind::OutOfScope);
}

}  // namespace
}  // namespace tw::rules::testing
