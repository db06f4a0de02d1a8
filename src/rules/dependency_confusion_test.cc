#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DependencyConfusion, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"private and public npm mixed",
       [](ModelBuilder& b) {
         SupplyItem& p = b.supply("acme-libs", SupplyKind::Library, {"web"});
         p.ecosystem = "npm";
         p.source = "private-registry";
         p.pinned = true;
         SupplyItem& q = b.supply("npm-deps", SupplyKind::Library, {"web"});
         q.ecosystem = "npm";
         q.source = "public-registry";
         q.pinned = true;
         q.integrity_checked = true;
       },
       {"dependency-confusion@acme-libs"}},
      {"pinned with hashes",
       [](ModelBuilder& b) {
         SupplyItem& p = b.supply("acme-libs", SupplyKind::Library, {"web"});
         p.ecosystem = "npm";
         p.source = "private-registry";
         p.pinned = true;
         p.integrity_checked = true;
         SupplyItem& q = b.supply("npm-deps", SupplyKind::Library, {"web"});
         q.ecosystem = "npm";
         q.source = "public-registry";
         q.pinned = true;
         q.integrity_checked = true;
       },
       {}},
      {"different ecosystems",
       [](ModelBuilder& b) {
         SupplyItem& p = b.supply("acme-libs", SupplyKind::Library, {"web"});
         p.ecosystem = "pypi";
         p.source = "private-registry";
         SupplyItem& q = b.supply("npm-deps", SupplyKind::Library, {"web"});
         q.ecosystem = "npm";
         q.source = "public-registry";
         q.pinned = true;
         q.integrity_checked = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("dependency-confusion", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
