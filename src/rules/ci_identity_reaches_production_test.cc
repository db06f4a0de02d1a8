#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

constexpr const char* kGitHub = "https://token.actions.githubusercontent.com";

struct Case {
  const char* name;
  void (*edit)(IamBuilder&);
  std::vector<std::string> want;
};

TEST(CiIdentityReachesProduction, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"no principals", [](IamBuilder&) {}, {}},
      {"the pipeline deploys to a store in the trusted zone",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::Role, {allow({"rds:*"}, {"*"})});
         i.acts_on("deploy", "db");
         i.runs_as("ci", "deploy");
       },
       {"ci-identity-reaches-production@ci"}},
      {"production: true, through a role the CI identity may assume",
       [](IamBuilder& i) {
         i.principal("gha", PrincipalKind::CiIdentity, {allow({"sts:AssumeRole"}, {"*"})});
         i.principal("prod", PrincipalKind::Role, {}).production = true;
         i.assumable_by("prod", "gha");
         i.runs_as("ci", "gha");
       },
       {"ci-identity-reaches-production@ci"}},
      {"a staging-only identity",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::CiIdentity, {}).production = false;
         i.runs_as("ci", "deploy");
       },
       {}},
      {"a production role held by a service that is no pipeline",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {}).production = true;
         i.runs_as("api", "app");
       },
       {}},
      {"a ci-identity principal on any component counts",
       [](IamBuilder& i) {
         i.principal("bot", PrincipalKind::CiIdentity, {}).production = true;
         i.runs_as("api", "bot");
       },
       {"ci-identity-reaches-production@api"}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    b.process("ci", "ci-pipeline", "");
    auto m = b.build();
    IamBuilder iam(*m);
    c.edit(iam);
    EXPECT_EQ(run_rule("ci-identity-reaches-production", *m), c.want) << c.name;
  }
}

TEST(CiIdentityReachesProduction, NarrowTrustLowersTheLikelihoodAndUnknownIsUndecided) {
  ModelBuilder b;
  secure_shop(b);
  b.process("ci", "ci-pipeline", "");
  b.process("ci2", "ci-pipeline", "");
  auto m = b.build();
  IamBuilder iam(*m);
  Principal& d = iam.principal("deploy", PrincipalKind::CiIdentity, {}, false);
  d.production = true;
  iam.trust("deploy", "repo:acme/shop:environment:production", kGitHub);
  iam.runs_as("ci", "deploy");
  iam.principal("unknown", PrincipalKind::CiIdentity, {});
  iam.runs_as("ci2", "unknown");
  Context ctx(*m);
  const Rule& r = *find_builtin("ci-identity-reaches-production");
  Verdict v = evaluate(r, ctx, Target{AppliesTo::Process, m->find("ci")->index});
  ASSERT_TRUE(v.weakness());
  EXPECT_EQ(v->likelihood_delta, -1);
  EXPECT_EQ(evaluate(r, ctx, Target{AppliesTo::Process, m->find("ci2")->index}).kind(),
            Verdict::Kind::Undecided);
}

}  // namespace
}  // namespace tw::rules::testing
