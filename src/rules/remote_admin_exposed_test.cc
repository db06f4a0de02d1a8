#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(RemoteAdminExposed, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"ssh from the internet",
       [](ModelBuilder& b) {
         b.entity("ops", "user", "internet");
         b.flow("shell", "ops", "web", "ssh");
       },
       {"remote-admin-exposed@shell"}},
      {"rdp by port",
       [](ModelBuilder& b) {
         b.entity("ops", "user", "internet");
         b.flow("desk", "ops", "api", "tcp").port = 3389;
       },
       {"remote-admin-exposed@desk"}},
      {"ssh inside", [](ModelBuilder& b) { b.flow("shell", "web", "api", "ssh"); }, {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("remote-admin-exposed", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
