#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingWaf, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"input not validated",
       [](ModelBuilder& b) { b.comp("web").input_validation = false; },
       {"missing-waf@web"}},
      {"internal api over grpc",
       [](ModelBuilder& b) { b.comp("api").input_validation = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-waf", *b.build()), c.want) << c.name;
  }
}

TEST(MissingWaf, AWafInFrontClearsIt) {
  auto run = [](bool waf) {
    ModelBuilder b;
    b.asset("cards", Value::Critical);
    b.boundary("internet", Trust::Untrusted);
    b.boundary("dmz", Trust::SemiTrusted);
    b.entity("customer", "browser", "internet");
    b.process("app", "web-app", "dmz").input_validation = false;
    if (waf) {
      b.process("waf", "waf", "dmz");
      b.flow("in", "customer", "waf", "https", {"cards"});
      b.flow("filtered", "waf", "app", "https", {"cards"});
    } else {
      b.flow("in", "customer", "app", "https", {"cards"});
    }
    return run_rule("missing-waf", *b.build());
  };
  EXPECT_EQ(run(false), std::vector<std::string>{"missing-waf@app"});
  EXPECT_EQ(run(true), std::vector<std::string>{});
}

}  // namespace
}  // namespace tw::rules::testing
