#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DataStoreExhaustion, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web writes uploads unthrottled",
       [](ModelBuilder& b) {
         b.store("uploads", "object-store", "dmz");
         b.flow("put", "web", "uploads", "https");
         b.comp("web").rate_limited = false;
       },
       {"data-store-exhaustion@uploads"}},
      {"throttled",
       [](ModelBuilder& b) {
         b.store("uploads", "object-store", "dmz");
         b.flow("put", "web", "uploads", "https");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("data-store-exhaustion", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
