#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(ServerSideRequestForgery, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web without validation calls into core",
       [](ModelBuilder& b) { b.comp("web").input_validation = false; },
       {"server-side-request-forgery@web"}},
      {"cloud api",
       [](ModelBuilder& b) {
         b.process("meta", "cloud-api", "core");
         b.flow("m", "web", "meta", "https");
         b.comp("web").input_validation.reset();
       },
       {"server-side-request-forgery@web"}},
      {"internal service",
       [](ModelBuilder& b) {
         b.comp("api").input_validation = false;
         b.process("meta", "cloud-api", "core");
         b.flow("m", "api", "meta", "https");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("server-side-request-forgery", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
