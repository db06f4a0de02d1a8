#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(BruteForceLogin, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"not rate limited",
       [](ModelBuilder& b) { b.comp("web").rate_limited = false; },
       {"brute-force-login@web"}},
      {"rate limiting unknown",
       [](ModelBuilder& b) { b.comp("web").rate_limited.reset(); },
       {"brute-force-login@web"}},
      {"token authentication has no password to guess",
       [](ModelBuilder& b) {
         b.comp("web").rate_limited = false;
         b.comp("web").authentication = Authentication::Token;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("brute-force-login", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
