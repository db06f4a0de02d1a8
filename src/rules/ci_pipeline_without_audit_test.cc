#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CiPipelineWithoutAudit, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"pipeline without audit",
       [](ModelBuilder& b) { b.process("ci", "ci-pipeline", "core").audit_log = false; },
       {"ci-pipeline-without-audit@ci"}},
      {"unknown",
       [](ModelBuilder& b) { b.process("ci", "ci-pipeline", "core"); },
       {"ci-pipeline-without-audit@ci"}},
      {"audited",
       [](ModelBuilder& b) { b.process("ci", "ci-pipeline", "core").audit_log = true; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("ci-pipeline-without-audit", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
