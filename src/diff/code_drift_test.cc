#include "diff/code_drift.h"

#include <gtest/gtest.h>

namespace tw::diff {
namespace {

model::Component comp(const std::string& id, std::vector<std::string> code) {
  model::Component c;
  c.id = id;
  c.name = "Name of " + id;
  c.code = std::move(code);
  return c;
}

TEST(RepoGlobs, RelativeToTheDeclaringFileAnchoredOrNormalised) {
  auto c = comp("web", {"services/web/**", "/lib/auth/*.go", "../../api/", "./x/../y/*.ts"});
  EXPECT_EQ(repo_globs(c, ""),
            (std::vector<std::string>{"../../api", "lib/auth/*.go", "services/web/**", "y/*.ts"}));
  EXPECT_EQ(repo_globs(c, "docs/tm"),
            (std::vector<std::string>{"api", "docs/tm/services/web/**", "docs/tm/y/*.ts",
                                      "lib/auth/*.go"}));
}

TEST(CodeDrift, FlagsComponentsWhoseCodeChangedWhileTheModelDidNot) {
  model::Model m;
  m.components.push_back(comp("web", {"services/web/**"}));
  m.components.push_back(comp("db", {"db/migrations"}));
  m.components.push_back(comp("api", {"services/api/**"}));
  m.components.push_back(comp("no-code", {}));
  auto top = [](const model::Component&) { return std::string(); };
  std::vector<std::string> changed = {"README.md", "db/migrations/001.sql", "services/web/app.js",
                                      "services/web/lib/x.js"};
  auto d = find_code_drift(m, top, changed, {"model.yaml", "flows/a.yaml"});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].component, "db");
  EXPECT_EQ(d[0].files, std::vector<std::string>{"db/migrations/001.sql"});
  EXPECT_EQ(d[1].component, "web");
  EXPECT_EQ(d[1].name, "Name of web");
  EXPECT_EQ(d[1].files, (std::vector<std::string>{"services/web/app.js", "services/web/lib/x.js"}));
}

TEST(CodeDrift, NothingWhenAModelFileChangedToo) {
  model::Model m;
  m.components.push_back(comp("web", {"services/web/**"}));
  auto top = [](const model::Component&) { return std::string(); };
  EXPECT_TRUE(find_code_drift(m, top, {"flows/a.yaml", "services/web/app.js"},
                              {"model.yaml", "flows/a.yaml"})
                  .empty());
}

}  // namespace
}  // namespace tw::diff
