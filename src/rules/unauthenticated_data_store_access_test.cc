#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnauthenticatedDataStoreAccess, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"query unauthenticated",
       [](ModelBuilder& b) { b.flow("query").authenticated = false; },
       {"unauthenticated-data-store-access@query"}},
      {"query authentication unknown",
       [](ModelBuilder& b) {
         b.flow("query").authenticated.reset();
         b.flow("query").mutual_tls.reset();
       },
       {"unauthenticated-data-store-access@query"}},
      {"mutual TLS authenticates the client by itself",
       [](ModelBuilder& b) { b.flow("query").authenticated.reset(); },
       {}},
      {"store holds only low-value data",
       [](ModelBuilder& b) {
         b.flow("query").authenticated = false;
         b.asset("cards").value = Value::Low;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unauthenticated-data-store-access", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
