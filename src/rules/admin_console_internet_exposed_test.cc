#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(AdminConsoleInternetExposed, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"public admin",
       [](ModelBuilder& b) {
         Component& a = b.process("admin", "admin-console", "dmz");
         a.internet_facing = true;
       },
       {"admin-console-internet-exposed@admin"}},
      {"private admin",
       [](ModelBuilder& b) { b.process("admin", "admin-console", "core").internet_facing = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("admin-console-internet-exposed", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
