#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CodeBackdooring, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"pushed to from an untrusted zone",
       [](ModelBuilder& b) {
         b.store("repo", "git-repository", "core");
         b.entity("dev", "desktop-app", "internet");
         b.flow("push", "dev", "repo", "ssh");
       },
       {"code-backdooring@repo"}},
      {"through a VPN",
       [](ModelBuilder& b) {
         b.store("repo", "git-repository", "core");
         b.entity("dev", "desktop-app", "internet");
         b.flow("push", "dev", "repo", "ssh").vpn = true;
       },
       {}},
      {"on the internet",
       [](ModelBuilder& b) { b.store("repo", "git-repository", "core").internet_facing = true; },
       {"code-backdooring@repo"}},
      {"internal only",
       [](ModelBuilder& b) { b.store("repo", "git-repository", "core").internet_facing = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("code-backdooring", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
