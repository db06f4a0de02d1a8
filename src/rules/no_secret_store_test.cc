#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(NoSecretStore, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"a client certificate kept by web",
       [](ModelBuilder& b) {
         b.flow("call").authentication = FlowAuthentication::ClientCertificate;
       },
       {"no-secret-store@web"}},
      {"with a secret store",
       [](ModelBuilder& b) {
         b.flow("call").authentication = FlowAuthentication::ClientCertificate;
         b.store("vault", "secret-store", "core");
       },
       {}},
      {"platform identity",
       [](ModelBuilder& b) { b.flow("call").authentication = FlowAuthentication::Externalized; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("no-secret-store", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
