#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnauthenticatedLogIngestion, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"unauthenticated shipping",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("ship", "api", "logs", "syslog").authenticated = false;
       },
       {"unauthenticated-log-ingestion@ship"}},
      {"unknown",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("ship", "api", "logs", "https");
       },
       {"unauthenticated-log-ingestion@ship"}},
      {"authenticated",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("ship", "api", "logs", "https").authenticated = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unauthenticated-log-ingestion", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
