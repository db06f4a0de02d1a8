#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingBackups, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"db without backups",
       [](ModelBuilder& b) { b.comp("db").backups = false; },
       {"missing-backups@db"}},
      {"unknown", [](ModelBuilder& b) { b.comp("db").backups.reset(); }, {"missing-backups@db"}},
      {"a cache",
       [](ModelBuilder& b) {
         b.comp("db").kind = "cache";
         b.comp("db").backups = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-backups", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
