#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

/// The secure shop with a repository and a pipeline that builds from it.
void chain(ModelBuilder& b) {
  b.store("repo", "git-repository", "core");
  b.process("ci", "ci-pipeline", "core");
  b.flow("checkout", "ci", "repo", "ssh").read_only = true;
}

TEST(DeploymentWithoutChecks, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder&) {}, {}},
      {"a pipeline that deploys: it and its repository",
       [](ModelBuilder& b) {
         chain(b);
         b.flow("deploy", "ci", "api", "ssh");
       },
       {"deployment-without-checks@ci", "deployment-without-checks@repo"}},
      {"checks claimed on both",
       [](ModelBuilder& b) {
         chain(b);
         b.flow("deploy", "ci", "api", "ssh");
         b.comp("ci").deployment_checks = true;
         b.comp("repo").deployment_checks = true;
       },
       {}},
      {"checks claimed on the repository only",
       [](ModelBuilder& b) {
         chain(b);
         b.flow("deploy", "ci", "api", "ssh");
         b.comp("repo").deployment_checks = true;
       },
       {"deployment-without-checks@ci"}},
      {"publishes to a registry production pulls from",
       [](ModelBuilder& b) {
         chain(b);
         b.store("images", "container-registry", "core");
         b.flow("publish", "ci", "images", "https");
         b.flow("pull", "api", "images", "https").read_only = true;
       },
       {"deployment-without-checks@ci", "deployment-without-checks@repo"}},
      {"publishes to a registry nothing pulls from",
       [](ModelBuilder& b) {
         chain(b);
         b.store("images", "container-registry", "core");
         b.flow("publish", "ci", "images", "https");
       },
       {}},
      {"a pipeline that only reads its target",
       [](ModelBuilder& b) {
         chain(b);
         b.flow("probe", "ci", "api", "https").read_only = true;
       },
       {}},
      {"a repository no deploying pipeline reads",
       [](ModelBuilder& b) { b.store("repo", "git-repository", "core"); },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("deployment-without-checks", *shop(c.edit)), c.want) << c.name;
}

TEST(DeploymentWithoutChecks, SaysHowTheCodeReachesProduction) {
  ModelBuilder b;
  secure_shop(b);
  chain(b);
  b.flow("deploy", "ci", "api", "ssh");
  b.comp("ci").deployment_checks = false;
  const auto m = b.build();
  std::string d = describe("deployment-without-checks", *m, "ci");
  EXPECT_NE(d.find("deploys over"), std::string::npos) << d;
  EXPECT_EQ(d.find("is unknown"), std::string::npos) << d;
  d = describe("deployment-without-checks", *m, "repo");
  EXPECT_NE(d.find("feeds a pipeline that deploys"), std::string::npos) << d;
  EXPECT_NE(d.find("`deployment_checks`"), std::string::npos) << d;
}

}  // namespace
}  // namespace tw::rules::testing
