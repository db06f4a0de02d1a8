#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SqlInjection, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"api without validation",
       [](ModelBuilder& b) { b.comp("api").input_validation = false; },
       {"sql-injection@api"}},
      {"validation unknown",
       [](ModelBuilder& b) { b.comp("api").input_validation.reset(); },
       {"sql-injection@api"}},
      {"internal worker is no entry point",
       [](ModelBuilder& b) {
         b.process("worker", "worker", "core").input_validation = false;
         b.flow("w", "worker", "db", "sql-tls");
       },
       {}},
      {"no database behind it",
       [](ModelBuilder& b) { b.comp("web").input_validation = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("sql-injection", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
