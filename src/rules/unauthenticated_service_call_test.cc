#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnauthenticatedServiceCall, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"call without authentication or mtls",
       [](ModelBuilder& b) {
         b.flow("call").authenticated = false;
         b.flow("call").mutual_tls = false;
       },
       {"unauthenticated-service-call@call"}},
      {"call facts unknown",
       [](ModelBuilder& b) {
         b.flow("call").authenticated.reset();
         b.flow("call").mutual_tls.reset();
       },
       {"unauthenticated-service-call@call"}},
      {"mtls alone is enough", [](ModelBuilder& b) { b.flow("call").authenticated.reset(); }, {}},
      // mutual_tls: true with authenticated: false contradicts itself (the loader warns): the
      // explicit false wins.
      {"mtls contradicted",
       [](ModelBuilder& b) { b.flow("call").authenticated = false; },
       {"unauthenticated-service-call@call"}},
      {"same zone is not cross-zone",
       [](ModelBuilder& b) {
         b.flow("query").authenticated = false;
         b.flow("query").mutual_tls = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unauthenticated-service-call", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
