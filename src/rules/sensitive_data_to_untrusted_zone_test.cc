#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SensitiveDataToUntrustedZone, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"cards to a processor",
       [](ModelBuilder& b) {
         b.process("processor", "payment-provider", "internet");
         b.flow("charge", "api", "processor", "https", {"cards"});
       },
       {"sensitive-data-to-untrusted-zone@charge"}},
      {"only low-confidentiality data",
       [](ModelBuilder& b) {
         b.process("processor", "payment-provider", "internet");
         b.flow("charge", "api", "processor", "https", {"catalog"});
       },
       {}},
      {"to the customer is not a third party",
       [](ModelBuilder& b) { b.flow("receipt", "web", "customer", "https", {"cards"}); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("sensitive-data-to-untrusted-zone", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
