#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnencryptedDataAtRest, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"db unencrypted",
       [](ModelBuilder& b) { b.comp("db").encrypted_at_rest = false; },
       {"unencrypted-data-at-rest@db"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("db").encrypted_at_rest.reset(); },
       {"unencrypted-data-at-rest@db"}},
      {"only public data",
       [](ModelBuilder& b) {
         b.comp("db").encrypted_at_rest = false;
         b.comp("db").stores = refs({"catalog"});
         b.flow("browse").data = refs({"catalog"});
         b.flow("call").data = refs({"catalog"});
         b.flow("query").data = refs({"catalog"});
       },
       {}},
      {"critical data under a shared key",
       [](ModelBuilder& b) { b.comp("db").encryption = Encryption::SharedKey; },
       {"unencrypted-data-at-rest@db"}},
      {"per-user keys",
       [](ModelBuilder& b) { b.comp("db").encryption = Encryption::PerUserKey; },
       {}},
      {"a process that keeps cards in clear",
       [](ModelBuilder& b) {
         b.comp("api").stores = refs({"cards"});
         b.comp("api").encrypted_at_rest = false;
       },
       {"unencrypted-data-at-rest@api"}},
      {"a process that keeps nothing",
       [](ModelBuilder& b) { b.comp("api").encrypted_at_rest = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unencrypted-data-at-rest", *b.build()), c.want) << c.name;
  }
}

TEST(UnencryptedDataAtRest, SaysWhenUnknown) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("db").encrypted_at_rest.reset();
  EXPECT_NE(
      describe("unencrypted-data-at-rest", *b.build(), "db").find("`encrypted_at_rest` is unknown"),
      std::string::npos);
}

}  // namespace
}  // namespace tw::rules::testing
