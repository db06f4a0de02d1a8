#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnverifiedDependency, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"flagged",
       [](ModelBuilder& b) {
         b.supply("dep", SupplyKind::Library, {"web"}).integrity_checked = false;
       },
       {"unverified-dependency@dep"}},
      {"unknown",
       [](ModelBuilder& b) { b.supply("dep", SupplyKind::Library, {"web"}); },
       {"unverified-dependency@dep"}},
      {"fixed",
       [](ModelBuilder& b) {
         b.supply("dep", SupplyKind::Library, {"web"}).integrity_checked = true;
       },
       {}},
      {"other kind",
       [](ModelBuilder& b) {
         b.supply("dep", SupplyKind::Saas, {"web"}).integrity_checked = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unverified-dependency", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
