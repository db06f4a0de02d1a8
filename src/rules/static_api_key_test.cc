#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(StaticApiKey, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"api key on the web app",
       [](ModelBuilder& b) { b.comp("web").authentication = Authentication::ApiKey; },
       {"static-api-key@web"}},
      {"api key on an internal api",
       [](ModelBuilder& b) { b.comp("api").authentication = Authentication::ApiKey; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("static-api-key", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
