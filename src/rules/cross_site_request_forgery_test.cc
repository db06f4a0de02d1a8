#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

struct Case {
  const char* name;
  void (*edit)(ModelBuilder&);
  std::vector<std::string> want;
};

/// The secure shop with one edit.
std::unique_ptr<Model> shop(void (*edit)(ModelBuilder&)) {
  ModelBuilder b;
  secure_shop(b);
  edit(b);
  return b.build();
}

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
      {"unreachable from outside",
       [](ModelBuilder& b) {
         b.comp("web").sessions = Sessions::Cookie;
         b.comp("web").internet_facing = false;
         b.comp("web").boundary = ref("core");
         b.comp("customer").boundary = ref("core");
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
}

}  // namespace
}  // namespace tw::rules::testing
