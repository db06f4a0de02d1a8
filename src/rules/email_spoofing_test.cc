#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(EmailSpoofing, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: sends no mail", [](ModelBuilder&) {}, {}},
      {"sends mail over smtp",
       [](ModelBuilder& b) {
         b.entity("relay", "saas", "internet");
         b.flow("mail", "api", "relay", "smtps");
       },
       {"email-spoofing@api"}},
      {"a password reset",
       [](ModelBuilder& b) { b.comp("web").password_reset = true; },
       {"email-spoofing@web"}},
      {"stated false without a mail flow",
       [](ModelBuilder& b) { b.comp("api").email_authentication = false; },
       {"email-spoofing@api"}},
      {"SPF, DKIM and DMARC claimed",
       [](ModelBuilder& b) {
         b.entity("relay", "saas", "internet");
         b.flow("mail", "api", "relay", "smtp");
         b.comp("api").email_authentication = true;
       },
       {}},
      {"mail it receives is not mail it sends",
       [](ModelBuilder& b) {
         b.entity("mailer", "saas", "internet");
         b.flow("mail", "mailer", "web", "smtp");
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("email-spoofing", *shop(c.edit)), c.want) << c.name;
}

TEST(EmailSpoofing, SaysHowItSendsMail) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").password_reset = true;
  b.entity("relay", "saas", "internet");
  b.flow("mail", "api", "relay", "smtps");
  const auto m = b.build();
  std::string d = describe("email-spoofing", *m, "web");
  EXPECT_NE(d.find("password-reset messages"), std::string::npos) << d;
  EXPECT_NE(d.find("`email_authentication` is unknown"), std::string::npos) << d;
  d = describe("email-spoofing", *m, "api");
  EXPECT_NE(d.find("sends mail to people over"), std::string::npos) << d;
}

}  // namespace
}  // namespace tw::rules::testing
