#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CrossSiteRequestForgery, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: token sessions", [](ModelBuilder&) {}, {}},
      {"cookie sessions without protection",
       [](ModelBuilder& b) {
         b.comp("web").sessions = Sessions::Cookie;
         b.comp("web").csrf_protection = false;
       },
       {"cross-site-request-forgery@web"}},
      {"cookie sessions, protection unknown",
       [](ModelBuilder& b) { b.comp("web").sessions = Sessions::Cookie; },
       {"cross-site-request-forgery@web"}},
      {"a web app whose sessions are unknown",
       [](ModelBuilder& b) { b.comp("web").sessions.reset(); },
       {"cross-site-request-forgery@web"}},
      {"protected: a claim, not a weakness",
       [](ModelBuilder& b) {
         b.comp("web").sessions = Sessions::Cookie;
         b.comp("web").csrf_protection = true;
       },
       {}},
      {"an api with unknown sessions is undecided",
       [](ModelBuilder& b) { b.comp("api").sessions.reset(); },
       {}},
      {"an api on cookies, reached through the web tier",
       [](ModelBuilder& b) { b.comp("api").sessions = Sessions::Cookie; },
       {"cross-site-request-forgery@api"}},
      {"an intranet app: the victim's browser still reaches it",
       [](ModelBuilder& b) {
         b.comp("web").sessions = Sessions::Cookie;
         b.comp("web").internet_facing = false;
         b.comp("web").boundary = ref("core");
         b.comp("customer").boundary = ref("core");
       },
       {"cross-site-request-forgery@web"}},
      {"cookies, but no person uses it",
       [](ModelBuilder& b) {
         b.comp("api").sessions = Sessions::Cookie;
         b.comp("api").used_by_humans = false;
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("cross-site-request-forgery", *shop(c.edit)), c.want) << c.name;
}

TEST(CrossSiteRequestForgery, SaysWhatIsUnknownAndWhatIsClaimed) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").sessions.reset();
  std::string d = describe("cross-site-request-forgery", *b.build(), "web");
  EXPECT_NE(d.find("`sessions` is unknown"), std::string::npos) << d;
  b.comp("web").csrf_protection = true;
  d = describe("cross-site-request-forgery", *b.build(), "web");
  EXPECT_NE(d.find("unless the stated `csrf_protection: true`"), std::string::npos) << d;
  EXPECT_EQ(d.find("not reachable from a less trusted zone"), std::string::npos) << d;
}

TEST(CrossSiteRequestForgery, AnIntranetAppIsLessLikelyButStillThreatened) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").sessions = Sessions::Cookie;
  b.comp("web").internet_facing = false;
  b.comp("web").boundary = ref("core");
  b.comp("customer").boundary = ref("core");
  Verdict inside = judge("cross-site-request-forgery", *b.build(), "web");
  ASSERT_TRUE(inside.weakness());
  EXPECT_NE(
      inside->description.find("not reachable from a less trusted zone, but the browser of a user"),
      std::string::npos)
      << inside->description;
  b.comp("web").internet_facing = true;
  b.comp("web").boundary = ref("dmz");
  b.comp("customer").boundary = ref("internet");
  Verdict exposed = judge("cross-site-request-forgery", *b.build(), "web");
  ASSERT_TRUE(exposed.weakness());
  EXPECT_EQ(inside->likelihood_delta, exposed->likelihood_delta - 1);
}

}  // namespace
}  // namespace tw::rules::testing
