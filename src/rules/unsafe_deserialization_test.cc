#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnsafeDeserialization, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"worker consumes a queue",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.process("worker", "worker", "core").input_validation = false;
         b.flow("consume", "jobs", "worker", "amqps");
       },
       {"unsafe-deserialization@worker"}},
      {"grpc from the dmz",
       [](ModelBuilder& b) { b.comp("api").input_validation = false; },
       {"unsafe-deserialization@api"}},
      {"validated",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.process("worker", "worker", "core").input_validation = true;
         b.flow("consume", "jobs", "worker", "amqps");
       },
       {}},
      {"accepts serialised objects",
       [](ModelBuilder& b) {
         b.comp("web").data_formats = {DataFormat::Serialization};
         b.comp("web").input_validation = false;
       },
       {"unsafe-deserialization@web"}},
      {"accepts json",
       [](ModelBuilder& b) {
         b.comp("web").data_formats = {DataFormat::Json};
         b.comp("web").input_validation = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unsafe-deserialization", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
