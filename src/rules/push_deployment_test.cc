#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(PushDeployment, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"the pipeline pushes",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.flow("deploy", "ci", "api", "ssh");
       },
       {"push-deployment@deploy"}},
      {"read-only",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.flow("deploy", "ci", "api", "ssh").read_only = true;
       },
       {}},
      {"publishing to a registry",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.store("images", "container-registry", "core");
         b.flow("publish", "ci", "images", "https");
       },
       {}},
      {"a local build output",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "core");
         b.flow("out", "ci", "api", "file");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("push-deployment", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
