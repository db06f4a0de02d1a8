#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(LdapInjection, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"api looks users up unvalidated",
       [](ModelBuilder& b) {
         b.store("dir", "directory", "core");
         b.flow("lookup", "api", "dir", "ldaps");
         b.comp("api").input_validation = false;
       },
       {"ldap-injection@api"}},
      {"validated (a claim)",
       [](ModelBuilder& b) {
         b.store("dir", "directory", "core");
         b.flow("lookup", "api", "dir", "ldaps");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("ldap-injection", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
