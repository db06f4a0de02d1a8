#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnsignedInboundTransactions, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web keeps no log",
       [](ModelBuilder& b) { b.comp("web").audit_log = false; },
       {"unsigned-inbound-transactions@customer"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("web").audit_log.reset(); },
       {"unsigned-inbound-transactions@customer"}},
      {"low-integrity data only",
       [](ModelBuilder& b) {
         b.comp("web").audit_log = false;
         b.asset("cards").cia.integrity = Level3::Medium;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unsigned-inbound-transactions", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
