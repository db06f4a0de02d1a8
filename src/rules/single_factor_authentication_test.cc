#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SingleFactorAuthentication, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"password only on the web app",
       [](ModelBuilder& b) { b.comp("web").authentication = Authentication::Password; },
       {"single-factor-authentication@web"}},
      {"password only, but only low-value assets",
       [](ModelBuilder& b) {
         b.comp("web").authentication = Authentication::Password;
         b.asset("cards").value = Value::Low;
       },
       {}},
      {"password on an internal process is not internet-exposed",
       [](ModelBuilder& b) { b.comp("api").authentication = Authentication::Password; },
       {}},
      {"an operator's password to the database",
       [](ModelBuilder& b) {
         b.entity("admin", "browser", "core");
         b.flow("dba", "admin", "db", "ssh").authentication = FlowAuthentication::Credentials;
       },
       {"single-factor-authentication@db"}},
      {"an operator with a second factor",
       [](ModelBuilder& b) {
         b.entity("admin", "browser", "core");
         b.flow("dba", "admin", "db", "ssh").authentication = FlowAuthentication::TwoFactor;
       },
       {}},
      {"a service is no person",
       [](ModelBuilder& b) { b.flow("query").authentication = FlowAuthentication::Credentials; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("single-factor-authentication", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
