#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SecretsInRepository, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: secret store", [](ModelBuilder&) {}, {}},
      {"in the repository",
       [](ModelBuilder& b) { b.comp("api").secrets = SecretsAt::Repository; },
       {"secrets-in-repository@api"}},
      {"in the code",
       [](ModelBuilder& b) { b.comp("web").secrets = SecretsAt::Code; },
       {"secrets-in-repository@web"}},
      {"environment is another rule's question",
       [](ModelBuilder& b) { b.comp("web").secrets = SecretsAt::Environment; },
       {}},
      {"unknown leaves it undecided", [](ModelBuilder& b) { b.comp("web").secrets.reset(); }, {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("secrets-in-repository", *shop(c.edit)), c.want) << c.name;
}

TEST(SecretsInRepository, ARepositoryTheTeamRunsKeepsItsHistory) {
  const Case cases[] = {
      {"a repository",
       [](ModelBuilder& b) { b.store("repo", "git-repository", "core"); },
       {"secrets-in-repository@repo"}},
      {"a hosted one outside",
       [](ModelBuilder& b) { b.entity("hosted", "git-repository", "internet"); },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("secrets-in-repository", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
