#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnencryptedFlow, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"browse in cleartext",
       [](ModelBuilder& b) { b.flow("browse").encrypted = false; },
       {"unencrypted-flow@browse"}},
      {"plain sql protocol",
       [](ModelBuilder& b) {
         b.flow("query").encrypted.reset();
         b.flow("query").mutual_tls.reset();
         b.flow("query").protocol = "sql";
       },
       {"unencrypted-flow@query"}},
      {"unknown protocol",
       [](ModelBuilder& b) {
         b.flow("query").encrypted.reset();
         b.flow("query").mutual_tls.reset();
         b.flow("query").protocol = "custom";
       },
       {"unencrypted-flow@query"}},
      {"same zone, public data only",
       [](ModelBuilder& b) {
         b.flow("query").encrypted = false;
         b.flow("query").mutual_tls = false;
         b.flow("query").data = refs({"catalog"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unencrypted-flow", *b.build()), c.want) << c.name;
  }
}

TEST(UnencryptedFlow, OnlyTheSecretAssetsAreAtStake) {
  ModelBuilder b;
  secure_shop(b);
  b.flow("browse").encrypted = false;
  auto m = b.build();
  Context ctx(*m);
  auto f = evaluate(*find_builtin("unencrypted-flow"), ctx, {AppliesTo::Flow, 0});
  ASSERT_TRUE(f && f->assets);
  EXPECT_EQ(*f->assets, std::vector<int>{0});
}

}  // namespace
}  // namespace tw::rules::testing
