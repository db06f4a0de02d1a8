#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingInputValidation, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web without validation",
       [](ModelBuilder& b) { b.comp("web").input_validation = false; },
       {"missing-input-validation@web"}},
      {"api unknown",
       [](ModelBuilder& b) { b.comp("api").input_validation.reset(); },
       {"missing-input-validation@api"}},
      {"internal process",
       [](ModelBuilder& b) {
         b.process("batch", "worker", "core").input_validation = false;
         b.flow("j", "api", "batch", "amqps");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-input-validation", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
