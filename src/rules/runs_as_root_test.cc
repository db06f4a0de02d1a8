#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(RunsAsRoot, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web as root",
       [](ModelBuilder& b) { b.comp("web").runs_as_root = true; },
       {"runs-as-root@web"}},
      {"db as root",
       [](ModelBuilder& b) { b.comp("db").runs_as_root = true; },
       {"runs-as-root@db"}},
      {"unknown is not flagged", [](ModelBuilder& b) { b.comp("web").runs_as_root.reset(); }, {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("runs-as-root", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
