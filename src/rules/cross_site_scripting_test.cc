#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(CrossSiteScripting, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"no encoding",
       [](ModelBuilder& b) { b.comp("web").output_encoding = false; },
       {"cross-site-scripting@web"}},
      {"unknown",
       [](ModelBuilder& b) { b.comp("web").output_encoding.reset(); },
       {"cross-site-scripting@web"}},
      {"an api is not a web app",
       [](ModelBuilder& b) {
         b.comp("web").kind = "api";
         b.comp("web").output_encoding = false;
       },
       {}},
      {"a custom web server people use",
       [](ModelBuilder& b) {
         b.process("site", "web-server", "core").custom_developed = true;
         b.entity("clerk", "desktop-app", "core").used_by_humans = true;
         b.flow("browse-site", "clerk", "site", "https");
       },
       {"cross-site-scripting@site"}},
      {"an off-the-shelf web server",
       [](ModelBuilder& b) {
         b.process("site", "web-server", "core").custom_developed = false;
         b.entity("clerk", "desktop-app", "core").used_by_humans = true;
         b.flow("browse-site", "clerk", "site", "https");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("cross-site-scripting", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
