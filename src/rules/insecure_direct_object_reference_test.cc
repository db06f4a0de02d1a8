#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(InsecureDirectObjectReference, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder&) {}, {}},
      {"role checks only",
       [](ModelBuilder& b) { b.comp("api").object_authorization = false; },
       {"insecure-direct-object-reference@api"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("web").object_authorization.reset(); },
       {"insecure-direct-object-reference@web"}},
      {"ownership authorisation is a claim",
       [](ModelBuilder& b) {
         b.comp("api").object_authorization.reset();
         b.comp("api").authorization = Authorization::Ownership;
       },
       {}},
      {"ownership contradicted by the object fact",
       [](ModelBuilder& b) {
         b.comp("api").object_authorization = false;
         b.comp("api").authorization = Authorization::Ownership;
       },
       {"insecure-direct-object-reference@api"}},
      {"no authorisation at all is missing-authorization's",
       [](ModelBuilder& b) {
         b.comp("api").object_authorization = false;
         b.comp("api").authorization = Authorization::None;
       },
       {}},
      {"only low-value data",
       [](ModelBuilder& b) {
         b.comp("api").object_authorization = false;
         b.asset("cards").value = Value::Low;
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("insecure-direct-object-reference", *shop(c.edit)), c.want) << c.name;
}

TEST(InsecureDirectObjectReference, MultiTenancyRaisesTheLikelihood) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("api").object_authorization = false;
  Verdict single = judge("insecure-direct-object-reference", *b.build(), "api");
  b.comp("api").multi_tenant = true;
  Verdict multi = judge("insecure-direct-object-reference", *b.build(), "api");
  ASSERT_TRUE(single.weakness());
  ASSERT_TRUE(multi.weakness());
  EXPECT_EQ(multi->likelihood_delta, single->likelihood_delta + 1);
  EXPECT_NE(multi->description.find("multi-tenant"), std::string::npos) << multi->description;
  EXPECT_EQ(single->description.find("multi-tenant"), std::string::npos);
  // A claim stays a claim: tenancy does not turn it into a weakness.
  b.comp("api").object_authorization = true;
  EXPECT_FALSE(judge("insecure-direct-object-reference", *b.build(), "api").weakness());
}

}  // namespace
}  // namespace tw::rules::testing
