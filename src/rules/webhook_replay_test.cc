#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

void webhook(ModelBuilder& b) {
  b.entity("psp", "saas", "internet");
  Flow& f = b.flow("notify", "psp", "web", "https", {"cards"});
  f.encrypted = true;
  f.signed_messages = true;
}

TEST(WebhookReplay, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: no webhook", [](ModelBuilder&) {}, {}},
      {"signed, replays accepted",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").replay_protection = false;
       },
       {"webhook-replay@notify"}},
      {"signed, unknown", [](ModelBuilder& b) { webhook(b); }, {"webhook-replay@notify"}},
      {"replays refused: a claim",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").replay_protection = true;
       },
       {}},
      {"unsigned is webhook-signature-missing's",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").signed_messages = false;
         b.flow("notify").replay_protection = false;
       },
       {}},
      {"mutual TLS",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").mutual_tls = true;
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("webhook-replay", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
