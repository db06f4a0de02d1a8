#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingCloudHardening, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"a bucket in a cloud security group",
       [](ModelBuilder& b) {
         b.boundary("cloud", Trust::Trusted).type = BoundaryType::CloudProvider;
         b.boundary("sg", Trust::Trusted, "cloud").type = BoundaryType::SecurityGroup;
         b.store("files", "object-store", "sg").stores = refs({"cards"});
       },
       {"missing-cloud-hardening@files"}},
      {"nested deeper, in a plain subnet",
       [](ModelBuilder& b) {
         b.boundary("cloud", Trust::Trusted).type = BoundaryType::CloudProvider;
         b.boundary("subnet", Trust::Trusted, "cloud").type = BoundaryType::Network;
         b.store("files", "object-store", "subnet").stores = refs({"cards"});
       },
       {"missing-cloud-hardening@files"}},
      {"nothing valuable",
       [](ModelBuilder& b) {
         b.boundary("cloud", Trust::Trusted).type = BoundaryType::CloudProvider;
         b.store("files", "object-store", "cloud").stores = refs({"catalog"});
       },
       {}},
      {"on premises",
       [](ModelBuilder& b) {
         b.boundary("lan", Trust::Trusted).type = BoundaryType::Vlan;
         b.store("files", "object-store", "lan").stores = refs({"cards"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-cloud-hardening", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
