#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(PhysicalDeviceTampering, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"sensor in the field",
       [](ModelBuilder& b) {
         b.boundary("field", Trust::Untrusted);
         b.process("sensor", "iot-device", "field").encrypted_at_rest = false;
       },
       {"physical-device-tampering@sensor"}},
      {"unknown storage",
       [](ModelBuilder& b) {
         b.boundary("field", Trust::Untrusted);
         b.entity("sensor", "iot-device", "field");
       },
       {"physical-device-tampering@sensor"}},
      {"encrypted",
       [](ModelBuilder& b) {
         b.boundary("field", Trust::Untrusted);
         b.process("sensor", "iot-device", "field").encrypted_at_rest = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("physical-device-tampering", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
