#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CiSecretsExposed, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"fork pull requests reach the pipeline",
       [](ModelBuilder& b) {
         b.asset("deploy-key", Value::Critical);
         b.entity("contributor", "user", "internet");
         b.process("ci", "ci-pipeline", "core").stores = refs({"deploy-key"});
         b.flow("pr", "contributor", "ci", "https");
       },
       {"ci-secrets-exposed@ci"}},
      {"no untrusted trigger",
       [](ModelBuilder& b) {
         b.asset("deploy-key", Value::Critical);
         b.process("ci", "ci-pipeline", "core").stores = refs({"deploy-key"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("ci-secrets-exposed", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
