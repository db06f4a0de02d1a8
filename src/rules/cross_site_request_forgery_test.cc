#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

struct Case {
  const char* name;
  void (*edit)(ModelBuilder&);
  std::vector<std::string> want;
};

TEST(CrossSiteRequestForgery, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"session cookie",
       [](ModelBuilder& b) { b.flow("browse").authentication = FlowAuthentication::Session; },
       {"cross-site-request-forgery@web"}},
      {"bearer token (suspected)",
       [](ModelBuilder& b) { b.flow("browse").authentication = FlowAuthentication::Token; },
       {"cross-site-request-forgery@web"}},
      {"no session to ride",
       [](ModelBuilder& b) { b.flow("browse").authentication = FlowAuthentication::None; },
       {}},
      {"through a load balancer",
       [](ModelBuilder& b) {
         b.process("lb", "load-balancer", "dmz");
         b.flow("in", "customer", "lb", "https").authentication = FlowAuthentication::Credentials;
         b.flow("fwd", "lb", "web", "https");
       },
       {"cross-site-request-forgery@web"}},
      {"a service caller is no person",
       [](ModelBuilder& b) {
         b.process("portal", "web-app", "dmz");
         b.flow("sso", "portal", "web", "https").authentication = FlowAuthentication::Session;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("cross-site-request-forgery", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
