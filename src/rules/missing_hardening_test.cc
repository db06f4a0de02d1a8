#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(MissingHardening, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"a virtual machine",
       [](ModelBuilder& b) { b.comp("db").machine = Machine::Virtual; },
       {"missing-hardening@db"}},
      {"a container",
       [](ModelBuilder& b) { b.comp("web").machine = Machine::Container; },
       {"missing-hardening@web"}},
      {"serverless", [](ModelBuilder& b) { b.comp("db").machine = Machine::Serverless; }, {}},
      {"nothing valuable",
       [](ModelBuilder& b) { b.process("docs", "web-app", "dmz").machine = Machine::Virtual; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("missing-hardening", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
