#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnauthenticatedQueueProducer, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"unauthenticated producer",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.flow("enqueue", "api", "jobs", "amqps").authenticated = false;
       },
       {"unauthenticated-queue-producer@enqueue"}},
      {"unknown",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.flow("enqueue", "api", "jobs", "amqps");
       },
       {"unauthenticated-queue-producer@enqueue"}},
      {"authenticated",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.flow("enqueue", "api", "jobs", "amqps").authenticated = true;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unauthenticated-queue-producer", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
