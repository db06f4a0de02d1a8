#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(ThirdPartyOutage, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"api calls a payment provider",
       [](ModelBuilder& b) {
         b.entity("psp", "payment-provider", "internet");
         b.flow("charge", "api", "psp", "https");
         b.process("api2", "api", "core");
         b.flow("charge2", "api2", "psp", "https");
       },
       {"third-party-outage@api2"}},
      {"reply to the customer is not a dependency",
       [](ModelBuilder& b) {
         b.process("mailer", "worker", "core");
         b.flow("reply", "mailer", "customer", "https");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("third-party-outage", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
