#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnauthenticatedEntryFlow, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"browse not authenticated",
       [](ModelBuilder& b) { b.flow("browse").authenticated = false; },
       {"unauthenticated-entry-flow@browse"}},
      {"call from the dmz not authenticated",
       [](ModelBuilder& b) { b.flow("call").authenticated = false; },
       {"unauthenticated-entry-flow@call"}},
      {"unknown, but the receiver authenticates",
       [](ModelBuilder& b) { b.flow("browse").authenticated.reset(); },
       {}},
      {"unknown, receiver unknown too",
       [](ModelBuilder& b) {
         b.flow("browse").authenticated.reset();
         b.comp("web").authentication.reset();
       },
       {"unauthenticated-entry-flow@browse"}},
      {"flow inside one zone is no entry point",
       [](ModelBuilder& b) { b.flow("query").authenticated = false; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unauthenticated-entry-flow", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
