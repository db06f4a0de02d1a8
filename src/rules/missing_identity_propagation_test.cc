#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingIdentityPropagation, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"technical user",
       [](ModelBuilder& b) { b.flow("call").authorization = FlowAuthorization::TechnicalUser; },
       {"missing-identity-propagation@call"}},
      {"no authorization",
       [](ModelBuilder& b) { b.flow("call").authorization = FlowAuthorization::None; },
       {"missing-identity-propagation@call"}},
      {"end user identity",
       [](ModelBuilder& b) { b.flow("call").authorization = FlowAuthorization::EndUserIdentity; },
       {}},
      {"devops usage",
       [](ModelBuilder& b) {
         b.flow("call").authorization = FlowAuthorization::TechnicalUser;
         b.flow("call").usage = Usage::Devops;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-identity-propagation", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
