#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(LogInjection, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web logs unvalidated input",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("log", "web", "logs", "https").authenticated = true;
         b.comp("web").input_validation = false;
       },
       {"log-injection@web"}},
      {"no log store", [](ModelBuilder& b) { b.comp("web").input_validation = false; }, {}},
      {"validated",
       [](ModelBuilder& b) {
         b.store("logs", "log-store", "core");
         b.flow("log", "web", "logs", "https").authenticated = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("log-injection", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
