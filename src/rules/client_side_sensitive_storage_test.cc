#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(ClientSideSensitiveStorage, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"browser stores cards",
       [](ModelBuilder& b) { b.comp("customer").stores = refs({"cards"}); },
       {"client-side-sensitive-storage@customer"}},
      {"browser stores public data",
       [](ModelBuilder& b) { b.comp("customer").stores = refs({"catalog"}); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("client-side-sensitive-storage", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
