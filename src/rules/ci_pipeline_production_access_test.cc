#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CiPipelineProductionAccess, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"deploys with unpinned actions",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "dmz");
         b.flow("deploy", "ci", "api", "https");
         b.supply("actions", SupplyKind::CiPipeline, {"ci"}).pinned = false;
       },
       {"ci-pipeline-production-access@ci"}},
      {"everything pinned and verified",
       [](ModelBuilder& b) {
         b.process("ci", "ci-pipeline", "dmz");
         b.flow("deploy", "ci", "api", "https");
         SupplyItem& s = b.supply("actions", SupplyKind::CiPipeline, {"ci"});
         s.pinned = true;
         s.integrity_checked = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("ci-pipeline-production-access", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
