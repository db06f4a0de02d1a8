#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CiPipelineUntrustedTrigger, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"pull requests trigger a deploying pipeline",
       [](ModelBuilder& b) {
         b.entity("contributor", "user", "internet");
         b.process("ci", "ci-pipeline", "dmz");
         b.flow("pr", "contributor", "ci", "https");
         b.flow("deploy", "ci", "api", "https");
       },
       {"ci-pipeline-untrusted-trigger@ci"}},
      {"only internal triggers",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "dmz");
         b.flow("deploy", "ci", "api", "https");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("ci-pipeline-untrusted-trigger", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
