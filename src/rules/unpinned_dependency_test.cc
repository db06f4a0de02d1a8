#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnpinnedDependency, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"flagged",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::Library, {"web"}).pinned = false; },
       {"unpinned-dependency@dep"}},
      {"unknown",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::Library, {"web"}); },
       {"unpinned-dependency@dep"}},
      {"fixed",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::Library, {"web"}).pinned = true; },
       {}},
      {"other kind",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::Saas, {"web"}).pinned = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unpinned-dependency", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
