#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingAuditLog, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web without audit",
       [](ModelBuilder& b) { b.comp("web").audit_log = false; },
       {"missing-audit-log@web"}},
      {"api unknown",
       [](ModelBuilder& b) { b.comp("api").audit_log.reset(); },
       {"missing-audit-log@api"}},
      {"internal low-value worker",
       [](ModelBuilder& b) {
         b.asset("logs", Value::Low);
         Component& w = b.process("thumbs", "worker", "core");
         w.audit_log = false;
         w.stores = refs({"logs"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-audit-log", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
