#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(FailOpenComponent, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web fails open",
       [](ModelBuilder& b) { b.comp("web").fail_mode = FailMode::Open; },
       {"fail-open-component@web"}},
      {"unknown is not flagged", [](ModelBuilder& b) { b.comp("web").fail_mode.reset(); }, {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("fail-open-component", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
