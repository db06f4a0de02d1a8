#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnsignedBuildArtifacts, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder&) {}, {}},
      {"a deploy, signing unknown",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.flow("deploy", "ci", "api", "ssh");
       },
       {"unsigned-build-artifacts@deploy"}},
      {"a publish to a registry, unsigned",
       [](ModelBuilder& b) {
         b.process("ci", "runner", "core");
         b.store("images", "container-registry", "core");
         b.flow("publish", "ci", "images", "https").signed_messages = false;
       },
       {"unsigned-build-artifacts@publish"}},
      {"signed with provenance: a claim",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.flow("deploy", "ci", "api", "ssh").signed_messages = true;
       },
       {}},
      {"reading the repository or a secret is no shipment",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.store("repo", "git-repository", "core");
         b.store("vault", "secret-store", "core");
         b.flow("checkout", "ci", "repo", "ssh");
         b.flow("secret", "ci", "vault", "https");
       },
       {}},
      {"read-only and local flows",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.flow("probe", "ci", "api", "https").read_only = true;
         b.flow("out", "ci", "web", "file");
       },
       {}},
      {"not a builder",
       [](ModelBuilder& b) {
         b.store("images", "container-registry", "core");
         b.flow("push", "api", "images", "https");
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("unsigned-build-artifacts", *shop(c.edit)), c.want) << c.name;
}

TEST(UnsignedBuildArtifacts, TellsAPublishFromADeploy) {
  ModelBuilder b;
  secure_shop(b);
  b.process("ci", "ci-pipeline", "core");
  b.store("images", "container-registry", "core");
  b.flow("publish", "ci", "images", "https");
  b.flow("deploy", "ci", "api", "ssh").signed_messages = false;
  const auto m = b.build();
  std::string d = describe("unsigned-build-artifacts", *m, "publish");
  EXPECT_NE(d.find("publishes to"), std::string::npos) << d;
  EXPECT_NE(d.find("`signed` is unknown"), std::string::npos) << d;
  d = describe("unsigned-build-artifacts", *m, "deploy");
  EXPECT_NE(d.find("deploys to"), std::string::npos) << d;
  EXPECT_EQ(d.find("is unknown"), std::string::npos) << d;
}

}  // namespace
}  // namespace tw::rules::testing
