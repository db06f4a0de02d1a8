#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SensitiveDataInLogs, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"cards in logs",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("ship", "api", "logs", "https", {"cards"}).authenticated = true;
       },
       {"sensitive-data-in-logs@ship"}},
      {"only public data",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("ship", "api", "logs", "https", {"catalog"}).authenticated = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("sensitive-data-in-logs", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
