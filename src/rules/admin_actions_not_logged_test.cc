#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(AdminActionsNotLogged, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"console without audit",
       [](ModelBuilder& b) { b.process("admin", "admin-console", "core").audit_log = false; },
       {"admin-actions-not-logged@admin"}},
      {"unknown",
       [](ModelBuilder& b) { b.process("admin", "admin-console", "core"); },
       {"admin-actions-not-logged@admin"}},
      {"logged",
       [](ModelBuilder& b) { b.process("admin", "admin-console", "core").audit_log = true; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("admin-actions-not-logged", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
