#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DataStoreUnauthorizedAccess, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: mTLS", [](ModelBuilder&) {}, {}},
      {"no authentication",
       [](ModelBuilder& b) { b.comp("db").authentication = Authentication::None; },
       {"data-store-unauthorized-access@db"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("db").authentication.reset(); },
       {"data-store-unauthorized-access@db"}},
      {"a password is a claim",
       [](ModelBuilder& b) { b.comp("db").authentication = Authentication::Password; },
       {}},
      {"only low-value data",
       [](ModelBuilder& b) {
         b.comp("db").authentication = Authentication::None;
         b.comp("db").stores = refs({"catalog"});
         b.flow("query").data = refs({"catalog"});
         b.flow("call").data = refs({"catalog"});
         b.flow("browse").data = refs({"catalog"});
       },
       {}},
      {"valuable but public: nothing to read",
       [](ModelBuilder& b) {
         b.comp("db").authentication = Authentication::None;
         b.asset("cards").cia.confidentiality = Level3::Low;
       },
       {}},
      {"nothing queries it",
       [](ModelBuilder& b) {
         b.store("orphan", "sql-database", "core").authentication = Authentication::None;
       },
       {}},
      {"results drawn as a flow out of the store count",
       [](ModelBuilder& b) {
         Component& s = b.store("logs", "log-store", "core");
         s.authentication = Authentication::None;
         b.flow("results", "logs", "api", "https");
       },
       {"data-store-unauthorized-access@logs"}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("data-store-unauthorized-access", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
