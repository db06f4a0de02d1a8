#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DenialOfServiceAcrossBoundary, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"critical availability, rate limited (a claim)",
       [](ModelBuilder& b) { b.asset("cards").cia.availability = Level3::High; },
       {}},
      {"critical availability, no rate limit",
       [](ModelBuilder& b) {
         b.asset("cards").cia.availability = Level3::High;
         b.comp("web").rate_limited = false;
       },
       {"denial-of-service-across-boundary@web"}},
      {"redundant (a claim)",
       [](ModelBuilder& b) {
         b.asset("cards").cia.availability = Level3::High;
         b.comp("web").rate_limited.reset();
         b.comp("web").redundant = true;
       },
       {}},
      {"only devops traffic crosses",
       [](ModelBuilder& b) {
         b.asset("cards").cia.availability = Level3::High;
         b.comp("web").rate_limited = false;
         b.flow("browse").usage = Usage::Devops;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("denial-of-service-across-boundary", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
