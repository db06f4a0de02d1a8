#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(SessionHijacking, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: token sessions", [](ModelBuilder&) {}, {}},
      {"cookie sessions",
       [](ModelBuilder& b) { b.comp("web").sessions = Sessions::Cookie; },
       {"session-hijacking@web"}},
      {"a web app whose sessions are unknown",
       [](ModelBuilder& b) { b.comp("web").sessions.reset(); },
       {"session-hijacking@web"}},
      {"no sessions at all", [](ModelBuilder& b) { b.comp("web").sessions = Sessions::None; }, {}},
      {"unknown sessions without authentication",
       [](ModelBuilder& b) {
         b.comp("web").sessions.reset();
         b.comp("web").authentication = Authentication::None;
       },
       {}},
      {"an api with unknown sessions is undecided",
       [](ModelBuilder& b) { b.comp("api").sessions.reset(); },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("session-hijacking", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
