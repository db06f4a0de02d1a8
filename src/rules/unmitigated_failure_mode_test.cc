#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnmitigatedFailureMode, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"db outage unmitigated",
       [](ModelBuilder& b) {
         b.asset("cards").cia.availability = Level3::High;
         b.failure_mode("disk-full", "db", Behaviour::Degraded);
       },
       {"unmitigated-failure-mode@db"}},
      {"availability not critical",
       [](ModelBuilder& b) { b.failure_mode("disk-full", "db", Behaviour::Degraded); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unmitigated-failure-mode", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
