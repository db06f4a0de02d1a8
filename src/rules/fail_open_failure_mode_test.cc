#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(FailOpenFailureMode, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"idp outage lets users in",
       [](ModelBuilder& b) { b.failure_mode("idp-down", "web", Behaviour::FailOpen); },
       {"fail-open-failure-mode@web"}},
      {"mitigated",
       [](ModelBuilder& b) {
         b.failure_mode("idp-down", "web", Behaviour::FailOpen).mitigated_by = refs({"failover"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("fail-open-failure-mode", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
