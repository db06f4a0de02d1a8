#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(AdminConsoleWithoutMfa, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"admin console with passwords",
       [](ModelBuilder& b) {
         Component& a = b.process("admin", "admin-console", "core");
         a.authentication = Authentication::Password;
       },
       {"admin-console-without-mfa@admin"}},
      {"admin console, authentication unknown",
       [](ModelBuilder& b) { b.process("admin", "admin-console", "core"); },
       {"admin-console-without-mfa@admin"}},
      {"admin console with mfa",
       [](ModelBuilder& b) {
         b.process("admin", "admin-console", "core").authentication = Authentication::PasswordMfa;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("admin-console-without-mfa", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
