#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(QueueFlooding, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web enqueues without limits",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.flow("enqueue", "web", "jobs", "amqps").authenticated = true;
         b.comp("web").rate_limited = false;
       },
       {"queue-flooding@jobs"}},
      {"rate limited producer",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.flow("enqueue", "web", "jobs", "amqps").authenticated = true;
       },
       {}},
      {"internal producer",
       [](ModelBuilder& b) {
         b.store("jobs", "queue", "core");
         b.flow("enqueue", "api", "jobs", "amqps").authenticated = true;
         b.comp("api").rate_limited = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("queue-flooding", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
