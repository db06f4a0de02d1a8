#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DataStoreWithoutAudit, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"db without audit",
       [](ModelBuilder& b) { b.comp("db").audit_log = false; },
       {"data-store-without-audit@db"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("db").audit_log.reset(); },
       {"data-store-without-audit@db"}},
      {"a cache is rebuilt from the source",
       [](ModelBuilder& b) {
         b.comp("db").kind = "cache";
         b.comp("db").audit_log = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("data-store-without-audit", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
