#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(PublicObjectStore, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"public bucket with cards",
       [](ModelBuilder& b) {
         Component& s = b.store("bucket", "object-store", "core");
         s.internet_facing = true;
         s.stores = refs({"cards"});
       },
       {"public-object-store@bucket"}},
      {"anonymous access",
       [](ModelBuilder& b) {
         Component& s = b.store("bucket", "object-store", "core");
         s.authentication = Authentication::None;
         s.stores = refs({"cards"});
       },
       {"public-object-store@bucket"}},
      {"public bucket of public files",
       [](ModelBuilder& b) {
         Component& s = b.store("bucket", "object-store", "core");
         s.internet_facing = true;
         s.stores = refs({"catalog"});
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("public-object-store", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
