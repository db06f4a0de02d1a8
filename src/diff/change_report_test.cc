#include "diff/change_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tw::diff {
namespace {

ChangeReport sample() {
  ChangeReport r;
  r.before = "main (0123456789ab)";
  r.after = "working tree";
  r.git = true;
  r.model_path = "model.yaml";
  ElementChange e{"components",           "component",     "web",
                  "Web | <b>app</b>",     Change::Changed, {},
                  Place{"model.yaml", 12}};
  e.attrs.push_back({"authentication", "password+mfa", "password"});
  e.attrs.push_back({"technology", std::nullopt, "node\x1b[31m"});
  r.model.elements.push_back(e);
  r.model.elements.push_back(
      {"flows", "flow", "admin-api", "", Change::Added, {}, Place{"flows/a.yaml", 3}});
  r.model.surface.push_back({SurfaceKind::EntryPoint, "flow", "admin-api", true,
                             "admin (office, semi-trusted)", "api (private, trusted)",
                             "new flow, entry point", Place{"flows/a.yaml", 3}});
  r.model.weakened.push_back({"component", "web", "authentication", "password+mfa", "password",
                              "authentication downgraded", Place{"model.yaml", 12}});
  ThreatChange t;
  t.kind = ThreatChangeKind::New;
  t.id = "missing-authn@admin-api";
  t.title = "No authentication on admin-api";
  t.severity_after = engine::Severity::High;
  t.status_after = model::ThreatStatus::Open;
  t.score_after = 16;
  r.threats.threats.push_back(t);
  r.drift.push_back({"web", "Web", {"services/web/**"}, {"services/web/app.js"}});
  r.fail_on = engine::Severity::High;
  r.gate = {"missing-authn@admin-api"};
  return r;
}

TEST(ChangeReport, NoChange) {
  ChangeReport r;
  r.before = "a.yaml";
  r.after = "b.yaml";
  EXPECT_FALSE(r.changed());
  EXPECT_EQ(render_text(r, false), "threatwright diff: a.yaml -> b.yaml\nno change\n");
  EXPECT_NE(render_markdown(r).find("No change to the threat model."), std::string::npos);
  auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["changed"], false);
  EXPECT_EQ(j["summary_text"], "no change");
  EXPECT_TRUE(j["gate"].is_null());
}

TEST(ChangeReport, SummaryNamesEverySectionInOrder) {
  EXPECT_EQ(summary_line(sample()),
            "1 new entry point; 1 weakened security property; 1 new threat (1 open: 1 high); "
            "1 component changed without a threat-model update; model: 1 added, 0 removed, "
            "1 changed");
}

TEST(ChangeReport, TextHasNoEscapesWithoutColorAndNeutralisesUserEscapes) {
  std::string t = render_text(sample(), false);
  EXPECT_EQ(t.find('\x1b'), std::string::npos) << t;
  EXPECT_NE(t.find("gate failed: 1 new or raised open threat at or above high "
                   "(missing-authn@admin-api)"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("component web (Web) changed without a threat-model update: 1 file under "
                   "services/web/**"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("        authentication: password+mfa -> password\n"), std::string::npos);
  std::string c = render_text(sample(), true);
  EXPECT_NE(c.find("\x1b[1m"), std::string::npos);
}

TEST(ChangeReport, MarkdownSummaryFirstDetailsFoldedAndEscaped) {
  std::string m = render_markdown(sample());
  size_t summary = m.find("- 1 new entry point");
  size_t folded = m.find("<details>");
  ASSERT_NE(summary, std::string::npos) << m;
  ASSERT_NE(folded, std::string::npos);
  EXPECT_LT(summary, folded);
  EXPECT_NE(m.find("**Gate failed:**"), std::string::npos);
  EXPECT_NE(m.find("Web \\| &lt;b&gt;app&lt;/b&gt;"), std::string::npos) << m;
  EXPECT_EQ(m.find("<b>"), std::string::npos);
  EXPECT_EQ(m.find('\x1b'), std::string::npos);
}

TEST(ChangeReport, JsonShape) {
  auto j = nlohmann::json::parse(render_json(sample()));
  EXPECT_EQ(j["format"], "threatwright-diff");
  EXPECT_EQ(j["mode"], "git");
  EXPECT_EQ(j["summary"]["new_entry_points"], 1);
  EXPECT_EQ(j["gate"]["failed"], true);
  EXPECT_EQ(j["threats"][0]["severity"]["before"], nullptr);
  EXPECT_EQ(j["threats"][0]["severity"]["after"], "high");
  EXPECT_EQ(j["threats"][0]["fails_gate"], true);
  EXPECT_EQ(j["elements"][0]["attributes"][1]["before"], nullptr);
  EXPECT_EQ(j["attack_surface"][0]["from"], "admin (office, semi-trusted)");
  EXPECT_EQ(j["code_without_model"][0]["files"][0], "services/web/app.js");
}

}  // namespace
}  // namespace tw::diff
