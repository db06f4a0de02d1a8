#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingRateLimit, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web not rate limited",
       [](ModelBuilder& b) { b.comp("web").rate_limited = false; },
       {"missing-rate-limit@web"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("web").rate_limited.reset(); },
       {"missing-rate-limit@web"}},
      {"internal", [](ModelBuilder& b) { b.comp("api").rate_limited = false; }, {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-rate-limit", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
