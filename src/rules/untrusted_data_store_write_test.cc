#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UntrustedDataStoreWrite, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web writes the db directly",
       [](ModelBuilder& b) { b.flow("direct", "web", "db", "sql-tls"); },
       {"untrusted-data-store-write@db"}},
      {"writes from the same zone",
       [](ModelBuilder& b) { b.flow("again", "api", "db", "sql-tls"); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("untrusted-data-store-write", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
