#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

struct Case {
  const char* name;
  void (*edit)(ModelBuilder&);
  std::vector<std::string> want;
};

/// The secure shop with one edit.
std::unique_ptr<Model> shop(void (*edit)(ModelBuilder&)) {
  ModelBuilder b;
  secure_shop(b);
  edit(b);
  return b.build();
}

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

}  // namespace
}  // namespace tw::rules::testing
