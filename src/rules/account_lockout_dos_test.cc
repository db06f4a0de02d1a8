#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(AccountLockoutDos, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"not rate limited",
       [](ModelBuilder& b) { b.comp("web").rate_limited = false; },
       {"account-lockout-dos@web"}},
      {"oauth has no local password",
       [](ModelBuilder& b) {
         b.comp("web").rate_limited = false;
         b.comp("web").authentication = Authentication::Oauth;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("account-lockout-dos", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
