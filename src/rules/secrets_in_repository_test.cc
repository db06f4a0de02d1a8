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

TEST(SecretsInRepository, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"a repository",
       [](ModelBuilder& b) { b.store("repo", "git-repository", "core"); },
       {"secrets-in-repository@repo"}},
      {"a hosted one outside",
       [](ModelBuilder& b) { b.entity("hosted", "git-repository", "internet"); },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("secrets-in-repository", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
