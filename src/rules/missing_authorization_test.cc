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

TEST(MissingAuthorization, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"api without authorization",
       [](ModelBuilder& b) { b.comp("api").authorization = Authorization::None; },
       {"missing-authorization@api"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("web").authorization.reset(); },
       {"missing-authorization@web"}},
      {"unauthenticated has a different problem",
       [](ModelBuilder& b) {
         b.comp("api").authorization = Authorization::None;
         b.comp("api").authentication = Authentication::None;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-authorization", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
