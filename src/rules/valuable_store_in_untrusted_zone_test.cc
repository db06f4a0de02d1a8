#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(ValuableStoreInUntrustedZone, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"db in the dmz",
       [](ModelBuilder& b) { b.comp("db").boundary = ref("dmz"); },
       {"valuable-store-in-untrusted-zone@db"}},
      {"db in no zone",
       [](ModelBuilder& b) { b.comp("db").boundary = Ref{}; },
       {"valuable-store-in-untrusted-zone@db"}},
      {"dmz cache of public data",
       [](ModelBuilder& b) { b.store("edge", "cache", "dmz").stores = refs({"catalog"}); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("valuable-store-in-untrusted-zone", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
