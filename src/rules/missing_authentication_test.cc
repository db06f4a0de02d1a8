#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingAuthentication, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"no authentication on the internet-facing web app",
       [](ModelBuilder& b) { b.comp("web").authentication = Authentication::None; },
       {"missing-authentication@web"}},
      {"authentication unknown",
       [](ModelBuilder& b) { b.comp("web").authentication.reset(); },
       {"missing-authentication@web"}},
      {"entry point from the dmz without authentication",
       [](ModelBuilder& b) { b.comp("api").authentication = Authentication::None; },
       {"missing-authentication@api"}},
      {"internal process without authentication is not flagged",
       [](ModelBuilder& b) {
         b.process("batch", "worker", "core").authentication = Authentication::None;
         b.flow("feed", "api", "batch", "grpc-tls");
       },
       {}},
      {"token authentication is enough",
       [](ModelBuilder& b) { b.comp("web").authentication = Authentication::Token; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-authentication", *b.build()), c.want) << c.name;
  }
}

TEST(MissingAuthentication, SaysWhenTheFactIsUnknown) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").authentication.reset();
  EXPECT_NE(describe("missing-authentication", *b.build(), "web").find("unknown"),
            std::string::npos);
}

}  // namespace
}  // namespace tw::rules::testing
