#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MixedSensitivitySharedRuntime, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"dmz and core on one host",
       [](ModelBuilder& b) {
         b.process("host", "runtime", "core");
         b.comp("web").runs_on = ref("host");
         b.comp("api").runs_on = ref("host");
       },
       {"mixed-sensitivity-shared-runtime@host"}},
      {"only core workloads",
       [](ModelBuilder& b) {
         b.process("host", "runtime", "core");
         b.comp("api").runs_on = ref("host");
         b.comp("db").runs_on = ref("host");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("mixed-sensitivity-shared-runtime", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
