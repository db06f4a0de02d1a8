#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnpinnedCiActions, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"flagged",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::CiPipeline, {"web"}).pinned = false; },
       {"unpinned-ci-actions@dep"}},
      {"unknown",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::CiPipeline, {"web"}); },
       {"unpinned-ci-actions@dep"}},
      {"fixed",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::CiPipeline, {"web"}).pinned = true; },
       {}},
      {"other kind",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::Saas, {"web"}).pinned = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unpinned-ci-actions", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
