#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(PasswordResetAbuse, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: no reset flow", [](ModelBuilder&) {}, {}},
      {"a reset flow",
       [](ModelBuilder& b) { b.comp("web").password_reset = true; },
       {"password-reset-abuse@web"}},
      {"password login, reset unknown",
       [](ModelBuilder& b) { b.comp("web").password_reset.reset(); },
       {"password-reset-abuse@web"}},
      {"mTLS service, reset unknown: no password to reset",
       [](ModelBuilder& b) { b.comp("api").password_reset.reset(); },
       {}},
      {"a reset flow behind the web tier is still reachable",
       [](ModelBuilder& b) { b.comp("api").password_reset = true; },
       {"password-reset-abuse@api"}},
      {"unreachable from outside",
       [](ModelBuilder& b) {
         b.comp("web").password_reset = true;
         b.comp("web").internet_facing = false;
         b.comp("web").boundary = ref("core");
         b.comp("customer").boundary = ref("core");
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("password-reset-abuse", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
