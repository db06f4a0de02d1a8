#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(DataStoreCredentialTheft, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: mTLS", [](ModelBuilder&) {}, {}},
      {"password, client keeps it in a file",
       [](ModelBuilder& b) {
         b.comp("db").authentication = Authentication::Password;
         b.comp("api").secrets = SecretsAt::File;
       },
       {"data-store-credential-theft@db"}},
      {"password, client's secrets unknown",
       [](ModelBuilder& b) {
         b.comp("db").authentication = Authentication::Password;
         b.comp("api").secrets.reset();
       },
       {"data-store-credential-theft@db"}},
      {"both unknown",
       [](ModelBuilder& b) {
         b.comp("db").authentication.reset();
         b.comp("api").secrets.reset();
       },
       {"data-store-credential-theft@db"}},
      {"password from a secret store: a claim",
       [](ModelBuilder& b) { b.comp("db").authentication = Authentication::Password; },
       {}},
      {"no authentication: nothing to steal",
       [](ModelBuilder& b) {
         b.comp("db").authentication = Authentication::None;
         b.comp("api").secrets = SecretsAt::Code;
       },
       {}},
      {"mTLS: no shared secret",
       [](ModelBuilder& b) { b.comp("api").secrets = SecretsAt::Code; },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("data-store-credential-theft", *shop(c.edit)), c.want) << c.name;
}

TEST(DataStoreCredentialTheft, NamesTheClientAndWhereItKeepsTheSecret) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("db").authentication = Authentication::ApiKey;
  b.comp("api").secrets = SecretsAt::Environment;
  std::string d = describe("data-store-credential-theft", *b.build(), "db");
  EXPECT_NE(d.find("'api' keeps its secrets in environment"), std::string::npos) << d;
  EXPECT_NE(d.find("`authentication: api-key`"), std::string::npos) << d;
  b.comp("api").secrets = SecretsAt::SecretStore;
  d = describe("data-store-credential-theft", *b.build(), "db");
  EXPECT_NE(d.find("`secrets: secret-store (on api)`"), std::string::npos) << d;
}

}  // namespace
}  // namespace tw::rules::testing
