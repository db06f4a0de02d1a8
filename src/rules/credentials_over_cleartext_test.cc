#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CredentialsOverCleartext, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"browse over http",
       [](ModelBuilder& b) {
         b.flow("browse").protocol = "http";
         b.flow("browse").encrypted.reset();
       },
       {"credentials-over-cleartext@browse"}},
      {"encrypted false",
       [](ModelBuilder& b) { b.flow("browse").encrypted = false; },
       {"credentials-over-cleartext@browse"}},
      {"mtls receiver has no bearer credential",
       [](ModelBuilder& b) {
         b.flow("call").encrypted = false;
         b.flow("call").mutual_tls = false;
       },
       {}},
      {"unknown encryption is not flagged here",
       [](ModelBuilder& b) {
         b.flow("browse").protocol = "custom";
         b.flow("browse").encrypted.reset();
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("credentials-over-cleartext", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
