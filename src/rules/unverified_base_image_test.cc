#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnverifiedBaseImage, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"a container without a base image",
       [](ModelBuilder& b) { b.comp("api").machine = Machine::Container; },
       {"unverified-base-image@api"}},
      {"its image is declared",
       [](ModelBuilder& b) {
         b.comp("api").machine = Machine::Container;
         b.supply("api-image", SupplyKind::ContainerImage, {"api"});
       },
       {}},
      {"a virtual machine", [](ModelBuilder& b) { b.comp("api").machine = Machine::Virtual; }, {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unverified-base-image", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
