#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(InternetFacingInTrustedZone, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"api internet-facing in core",
       [](ModelBuilder& b) { b.comp("api").internet_facing = true; },
       {"internet-facing-in-trusted-zone@api"}},
      {"web in the dmz",
       [](ModelBuilder& b) {

       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("internet-facing-in-trusted-zone", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
