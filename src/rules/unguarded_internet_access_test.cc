#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnguardedInternetAccess, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"straight into the core",
       [](ModelBuilder& b) { b.flow("direct", "customer", "api", "https", {"cards"}); },
       {"unguarded-internet-access@api"}},
      {"through a VPN",
       [](ModelBuilder& b) { b.flow("direct", "customer", "api", "https", {"cards"}).vpn = true; },
       {}},
      {"into the dmz is guarded by design",
       [](ModelBuilder& b) { b.comp("web").internet_facing = true; },
       {}},
      {"reading an untrusted file",
       [](ModelBuilder& b) { b.flow("read", "customer", "api", "file", {"cards"}); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unguarded-internet-access", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
