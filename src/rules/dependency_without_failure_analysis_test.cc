#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DependencyWithoutFailureAnalysis, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"cache shared by two services, no failure mode",
       [](ModelBuilder& b) {
         b.store("sessions", "cache", "core");
         b.flow("s1", "web", "sessions", "redis-tls");
         b.flow("s2", "api", "sessions", "redis-tls");
       },
       {"dependency-without-failure-analysis@sessions"}},
      {"shared, but analysed",
       [](ModelBuilder& b) {
         b.process("reports", "worker", "core");
         b.flow("read", "reports", "api", "grpc-tls");
       },
       {}},
      {"one dependent but availability-critical data",
       [](ModelBuilder& b) {
         b.asset("orders", Value::High, Level3::Medium, Level3::High, Level3::High);
         Component& s = b.store("orders-db", "sql-database", "core");
         s.stores = refs({"orders"});
         b.flow("write", "api", "orders-db", "sql-tls");
       },
       {"dependency-without-failure-analysis@orders-db"}},
      {"one dependent, ordinary data",
       [](ModelBuilder& b) {
         Component& s = b.store("cache", "cache", "core");
         s.stores = refs({"catalog"});
         b.flow("get", "api", "cache", "redis-tls", {"catalog"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("dependency-without-failure-analysis", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
