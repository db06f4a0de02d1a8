#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DmzDirectDatabaseAccess, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web queries the db",
       [](ModelBuilder& b) { b.flow("direct", "web", "db", "sql-tls").authenticated = true; },
       {"dmz-direct-database-access@direct"}},
      {"through the api",
       [](ModelBuilder& b) {

       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("dmz-direct-database-access", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
