#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SpoofableExternalEntity, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"customer flows unauthenticated",
       [](ModelBuilder& b) { b.flow("browse").authenticated = false; },
       {"spoofable-external-entity@customer"}},
      {"unknown",
       [](ModelBuilder& b) { b.flow("browse").authenticated.reset(); },
       {"spoofable-external-entity@customer"}},
      {"entity that only receives data",
       [](ModelBuilder& b) {
         b.entity("auditor", "user", "internet");
         b.flow("report", "web", "auditor", "https").authenticated = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("spoofable-external-entity", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
