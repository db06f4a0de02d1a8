#include "diff/code_drift.h"

#include <gtest/gtest.h>

#include "engine/analysis.h"
#include "load/loader.h"

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
  auto d = find_code_drift(m, top, changed, {});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].component, "db");
  EXPECT_EQ(d[0].files, std::vector<std::string>{"db/migrations/001.sql"});
  EXPECT_EQ(d[1].component, "web");
  EXPECT_EQ(d[1].name, "Name of web");
  EXPECT_EQ(d[1].files, (std::vector<std::string>{"services/web/app.js", "services/web/lib/x.js"}));
}

TEST(CodeDrift, NotForComponentsWhoseMeaningChanged) {
  model::Model m;
  m.components.push_back(comp("web", {"services/web/**"}));
  m.components.push_back(comp("api", {"services/api/**"}));
  auto top = [](const model::Component&) { return std::string(); };
  auto d = find_code_drift(m, top, {"services/web/app.js", "services/api/main.go"}, {"web"});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].component, "api");
}

// Meaning, not text: comments and key order change nothing; a fact, a flow, a threat, a
// control naming a threat on the component or a not_applicable entry do.
TEST(CodeDrift, MeaningChangesPerComponent) {
  const std::string base = R"(threatwright: 1
system: {name: S}
assets: [{id: a, value: high}]
boundaries: [{id: net, trust: untrusted}, {id: in, trust: trusted}]
components:
  - {id: user, type: external-entity, boundary: net}
  - {id: web, type: process, kind: web-app, boundary: in, internet_facing: true, rate_limited: true}
  - {id: api, type: process, kind: api, boundary: in}
  - {id: db, type: data-store, kind: sql-database, boundary: in, stores: [a]}
flows:
  - {id: browse, from: user, to: web, protocol: https}
  - {id: call, from: web, to: api, protocol: https}
  - {id: query, from: api, to: db, protocol: sql-tls}
)";
  auto changed = [&](const std::string& after_text) {
    auto before = load::load_model_text("m.yaml", base);
    auto after = load::load_model_text("m.yaml", after_text);
    EXPECT_TRUE(before.ok() && after.ok()) << base::render_text(after.diagnostics, false);
    engine::AnalyzeOptions o;
    o.today = base::Date{2026, 11, 26};
    auto ab = engine::analyze(*before.model, o), aa = engine::analyze(*after.model, o);
    return components_changed_in_meaning(*before.model, *after.model,
                                         diff_models(*before.model, *after.model),
                                         diff_threats(ab, aa));
  };
  auto edit = [&](const std::string& from, const std::string& to) {
    std::string t = base;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  EXPECT_EQ(changed(base + "# reviewed, nothing to change\n\n"), std::vector<std::string>{});
  EXPECT_EQ(changed(edit("rate_limited: true", "rate_limited: false")),
            std::vector<std::string>{"web"});
  EXPECT_EQ(changed(edit("protocol: sql-tls", "protocol: sql")),
            (std::vector<std::string>{"api", "db"}));
  EXPECT_EQ(changed(base + "not_applicable:\n  - {target: api, stride: repudiation, because: x}\n"),
            std::vector<std::string>{"api"});
  EXPECT_EQ(changed(base + "controls:\n  - {id: c, mechanism: m, mitigates: "
                           "[missing-rate-limit@web], status: planned}\n"),
            std::vector<std::string>{"web"});
}

}  // namespace
}  // namespace tw::diff
