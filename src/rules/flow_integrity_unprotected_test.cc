#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(FlowIntegrityUnprotected, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"browse over http",
       [](ModelBuilder& b) { b.flow("browse").encrypted = false; },
       {"flow-integrity-unprotected@browse"}},
      {"unknown protocol and no fact",
       [](ModelBuilder& b) {
         b.flow("query").encrypted.reset();
         b.flow("query").mutual_tls.reset();
         b.flow("query").protocol = "custom";
       },
       {"flow-integrity-unprotected@query"}},
      {"same-zone flow with low-integrity data",
       [](ModelBuilder& b) {
         b.flow("query").encrypted = false;
         b.flow("query").mutual_tls = false;
         b.asset("cards").cia.integrity = Level3::Low;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("flow-integrity-unprotected", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
