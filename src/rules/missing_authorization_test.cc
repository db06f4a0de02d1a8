#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingAuthorization, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"api without authorization",
       [](ModelBuilder& b) { b.comp("api").authorization = Authorization::None; },
       {"missing-authorization@api"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("web").authorization.reset(); },
       {"missing-authorization@web"}},
      {"unauthenticated has a different problem",
       [](ModelBuilder& b) {
         b.comp("api").authorization = Authorization::None;
         b.comp("api").authentication = Authentication::None;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-authorization", *b.build()), c.want) << c.name;
  }
}

TEST(MissingAuthorization, MultiTenancyRaisesTheLikelihood) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("api").authorization.reset();
  Verdict single = judge("missing-authorization", *b.build(), "api");
  b.comp("api").multi_tenant = true;
  Verdict multi = judge("missing-authorization", *b.build(), "api");
  ASSERT_TRUE(single.weakness());
  ASSERT_TRUE(multi.weakness());
  EXPECT_EQ(single->likelihood_delta, -1);  // unknown authorisation
  EXPECT_EQ(multi->likelihood_delta, 0);
  EXPECT_NE(multi->description.find("every tenant's users"), std::string::npos)
      << multi->description;
}

}  // namespace
}  // namespace tw::rules::testing
