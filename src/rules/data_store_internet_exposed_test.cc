#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DataStoreInternetExposed, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"db internet-facing",
       [](ModelBuilder& b) { b.comp("db").internet_facing = true; },
       {"data-store-internet-exposed@db"}},
      {"customer connects directly",
       [](ModelBuilder& b) { b.flow("direct", "customer", "db", "sql-tls"); },
       {"data-store-internet-exposed@db"}},
      {"object stores have their own rule",
       [](ModelBuilder& b) {
         b.comp("db").kind = "object-store";
         b.comp("db").internet_facing = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("data-store-internet-exposed", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
