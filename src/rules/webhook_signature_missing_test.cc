#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

// The shop takes payment callbacks: psp -notify-> web.
void webhook(ModelBuilder& b) {
  b.entity("psp", "payment-provider", "internet");
  Flow& f = b.flow("notify", "psp", "web", "https", {"cards"});
  f.encrypted = true;
  f.authenticated = true;
}

TEST(WebhookSignatureMissing, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: no webhook", [](ModelBuilder&) {}, {}},
      {"unsigned",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").signed_messages = false;
       },
       {"webhook-signature-missing@notify"}},
      {"unknown (a bearer token does not sign the body)",
       [](ModelBuilder& b) { webhook(b); },
       {"webhook-signature-missing@notify"}},
      {"signed: a claim",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").signed_messages = true;
       },
       {}},
      {"mutual TLS",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").mutual_tls = true;
       },
       {}},
      {"a person's browser is no webhook",
       [](ModelBuilder& b) { b.flow("browse").signed_messages = false; },
       {}},
      {"a message queue is no webhook",
       [](ModelBuilder& b) {
         webhook(b);
         b.flow("notify").protocol = "amqps";
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("webhook-signature-missing", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
