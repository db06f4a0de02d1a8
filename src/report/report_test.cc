// Writer behaviour on small models with hand-built analyses: escaping, STRIDE coverage, control
// evidence, SARIF structure, CSV shape, and a 500-element model.

#include "report/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "engine/analysis.h"
#include "load/loader.h"
#include "report/document.h"
#include "report/view.h"

namespace tw::report {
namespace {

using engine::ControlEvidence;
using engine::Severity;
using model::Stride;
using model::ThreatStatus;

constexpr const char* kModel = R"yaml(threatwright: 1
system:
  name: Tiny
  owner: sec@example.com
  methodology: stride
  review: {cadence_days: 90, last_reviewed: 2026-10-01}
assets:
  - {id: data, name: Data, value: high, impact: Bad., cia: {confidentiality: high}}
boundaries:
  - {id: net, name: Internet, trust: untrusted}
  - {id: dc, name: Datacentre, trust: trusted}
components:
  - {id: user, name: "<script>alert(1)</script>", type: external-entity, kind: user, boundary: net}
  - {id: api, name: API, type: process, kind: api, boundary: dc}
  - {id: store, name: Store, type: data-store, kind: sql-database, boundary: dc, stores: [data]}
flows:
  - {id: call, from: user, to: api, protocol: https, data: [data], encrypted: true}
  - {id: save, from: api, to: store, protocol: sql, data: [data], encrypted: false}
controls:
  - id: ok-check
    name: Passing check
    mechanism: m
    status: implemented
    mitigates: []
    verification: {command: "true"}
  - id: bad-check
    name: Failing check
    mechanism: m
    status: implemented
    mitigates: []
    verification: {command: "false"}
decisions:
  - {threat: t-accepted, status: accepted, rationale: Fine for now., owner: cto, review_by: 2027-01-31}
not_applicable:
  - {target: api, stride: [repudiation], because: Stateless echo service.}
)yaml";

engine::Threat threat(std::string id,
                      std::string target,
                      engine::TargetKind kind,
                      std::vector<Stride> stride,
                      Severity sev,
                      ThreatStatus status = ThreatStatus::Open) {
  engine::Threat t;
  t.id = std::move(id);
  t.text = std::make_shared<const engine::ThreatText>(
      engine::ThreatText{"some-rule",
                         "Title of " + t.id + " <script>alert(2)</script>",
                         "Do the thing, \"properly\".",
                         {79},
                         {}});
  t.target = std::move(target);
  t.target_kind = kind;
  t.stride = std::move(stride);
  t.severity = sev;
  t.status = status;
  t.likelihood = 3;
  t.impact = 4;
  t.score = 12;
  t.inherent_score = 12;
  return t;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    load::LoadResult r = load::load_model_text("tiny/model.yaml", kModel);
    ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
    model_ = std::move(r.model);
    using engine::TargetKind;
    a_.threats.push_back(threat("t-accepted", "save", TargetKind::Flow, {Stride::DenialOfService},
                                Severity::Low, ThreatStatus::Accepted));
    a_.threats.push_back(
        threat("t-open", "api", TargetKind::Component, {Stride::Tampering}, Severity::High));
    a_.threats.back().loc = model_->components[1].loc;
    a_.threats.push_back(threat("t-spoof", "user", TargetKind::Component, {Stride::Spoofing},
                                Severity::Critical, ThreatStatus::Mitigated));
    a_.threats.back().controls = {"ok-check"};
    a_.summary.total = 3;
    a_.summary.by_severity = {{"high", 1}};
    ControlEvidence pass;
    pass.state = ControlEvidence::State::Passing;
    pass.as_of = base::parse_date("2026-11-20");
    ControlEvidence fail;
    fail.state = ControlEvidence::State::Failing;
    fail.as_of = base::parse_date("2026-11-25");
    fail.failing_since = base::parse_date("2026-11-02");
    a_.evidence = {{"ok-check", pass}, {"bad-check", fail}};
    o_.today = *base::parse_date("2026-11-26");
    o_.tool_version = "9.9.9";
  }

  std::unique_ptr<model::Model> model_;
  engine::Analysis a_;
  Options o_;
};

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST_F(ReportTest, HtmlShowsHostileNamesAsText) {
  auto html = write_html(*model_, a_, o_);
  ASSERT_TRUE(html.ok()) << html.error().message;
  // Our own script element is the only one; user text only appears escaped.
  EXPECT_EQ(count(*html, "<script"), 1u);
  EXPECT_EQ(count(*html, "alert(1)</"), 0u);
  EXPECT_GT(count(*html, "&lt;script&gt;alert(1)&lt;/script&gt;"), 1u);
  EXPECT_GT(count(*html, "&lt;script&gt;alert(2)&lt;/script&gt;"), 1u);
  // Self-contained: no URL that could be fetched.
  EXPECT_EQ(count(*html, "http://"), count(*html, "http://www.w3.org/"));
  EXPECT_EQ(count(*html, "https://"), 0u);
  EXPECT_EQ(count(*html, "src="), 0u);
  EXPECT_NE(html->find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html->find("id=\"threat-table\""), std::string::npos);
  EXPECT_NE(html->find("<svg"), std::string::npos);
}

// HTML writes its table of contents before the sections are built: doc::sections must name the
// level-2 headings that doc::build then emits, with and without the optional sections.
TEST_F(ReportTest, SectionListMatchesTheBuiltDocument) {
  auto headings = [&] {
    View v(*model_, a_, o_);
    std::vector<std::string> out;
    doc::build(v, [&](doc::Block&& b) {
      if (b.kind == doc::Block::Kind::Heading && b.level == 2) {
        out.push_back(b.text.at(0).text + "#" + b.anchor);
      }
    });
    return out;
  };
  auto listed = [&] {
    std::vector<std::string> out;
    for (const doc::SectionHead& h : doc::sections(*model_))
      out.push_back(h.title + "#" + h.anchor);
    return out;
  };
  auto plain = listed();
  EXPECT_EQ(plain, headings());
  EXPECT_EQ(std::count(plain.begin(), plain.end(), "PASTA#pasta"), 0);
  model_->pasta.present = true;
  model::AttackTree tree;
  tree.id = "steal-cards";
  tree.goal = "Steal card data";
  model_->attack_trees.push_back(tree);
  auto with_optional = listed();
  EXPECT_EQ(with_optional, headings());
  EXPECT_EQ(std::count(with_optional.begin(), with_optional.end(), "PASTA#pasta"), 1);
  EXPECT_EQ(std::count(with_optional.begin(), with_optional.end(), "Attack trees#attack-trees"), 1);
  EXPECT_EQ(doc::build(View(*model_, a_, o_)).title, doc::title(*model_));
}

TEST_F(ReportTest, StrideCoverageCells) {
  View v(*model_, a_, o_);
  auto api = v.stride_cells("api", model::ComponentType::Process);
  EXPECT_EQ(api[1].kind, StrideCell::Kind::Threats);  // tampering: t-open
  ASSERT_EQ(api[1].threats.size(), 1u);
  EXPECT_EQ(api[1].threats[0]->id, "t-open");
  EXPECT_EQ(api[2].kind, StrideCell::Kind::NotApplicable);  // declared in the model
  EXPECT_EQ(api[2].reason, "Stateless echo service.");
  EXPECT_FALSE(api[2].by_chart);
  EXPECT_EQ(api[0].kind, StrideCell::Kind::NotAnalysed);
  auto user = v.stride_cells("user", model::ComponentType::ExternalEntity);
  EXPECT_EQ(user[0].kind, StrideCell::Kind::Threats);
  EXPECT_EQ(user[1].kind, StrideCell::Kind::NotApplicable);  // tampering: chart
  EXPECT_TRUE(user[1].by_chart);
  EXPECT_EQ(user[2].kind, StrideCell::Kind::NotAnalysed);  // repudiation applies
  auto save = v.stride_cells("save", std::nullopt);
  EXPECT_EQ(save[4].kind, StrideCell::Kind::Threats);
  EXPECT_EQ(save[0].kind, StrideCell::Kind::NotApplicable);
  EXPECT_EQ(save[1].kind, StrideCell::Kind::NotAnalysed);
  EXPECT_EQ(v.worst_open_component(1), Severity::High);
  EXPECT_EQ(v.worst_open_component(0), std::nullopt);  // its only threat is mitigated
}

TEST_F(ReportTest, ControlEvidenceInWords) {
  View v(*model_, a_, o_);
  EXPECT_EQ(v.control_state(model_->controls[0]), "passing as of 2026-11-20");
  EXPECT_EQ(v.control_state(model_->controls[1]), "failing since 2026-11-02");
  std::string md = write_markdown(*model_, a_, o_);
  EXPECT_NE(md.find("passing as of 2026-11-20"), std::string::npos);
  EXPECT_NE(md.find("failing since 2026-11-02"), std::string::npos);
  EXPECT_NE(md.find("_not analysed_"), std::string::npos);
  EXPECT_NE(md.find("not applicable: Stateless echo service."), std::string::npos);
  EXPECT_NE(md.find("```mermaid\nflowchart LR\n"), std::string::npos);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(ReportTest, SarifResultsSuppressionsAndLocations) {
  o_.uri_prefix = "security/";
  auto j = nlohmann::json::parse(write_sarif(*model_, a_, o_));
  EXPECT_EQ(j["version"], "2.1.0");
  const auto& run = j["runs"][0];
  ASSERT_EQ(run["results"].size(), 3u);
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 1u);  // all three share one rule
  const auto& rule = run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule["id"], "some-rule");
  EXPECT_EQ(rule["properties"]["security-severity"], "9.5");
  EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& r : run["results"]) by_id[r["partialFingerprints"]["threatId/v1"]] = r;
  EXPECT_FALSE(by_id["t-open"].contains("suppressions"));
  EXPECT_EQ(by_id["t-open"]["level"], "error");
  EXPECT_EQ(by_id["t-accepted"]["level"], "note");
  EXPECT_EQ(by_id["t-accepted"]["suppressions"][0]["justification"], "accepted: Fine for now.");
  EXPECT_EQ(by_id["t-spoof"]["suppressions"][0]["status"], "accepted");
  const auto& loc = by_id["t-open"]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "security/model.yaml");
  EXPECT_EQ(loc["region"]["startLine"], model_->components[1].loc.line);
}

TEST_F(ReportTest, CsvRegister) {
  std::string csv = write_csv(*model_, a_, o_);
  EXPECT_EQ(count(csv, "\r\n"), 4u);  // header + 3 threats
  EXPECT_EQ(csv.rfind("id,title,stride,target,", 0), 0u);
  EXPECT_NE(csv.find("\"Do the thing, \"\"properly\"\".\""), std::string::npos);
  EXPECT_NE(csv.find(",accepted,,,,,Fine for now.,,CWE-79,"), std::string::npos) << csv;
}

TEST_F(ReportTest, JsonHasAnalysisAndSections) {
  auto j = nlohmann::json::parse(write_json(*model_, a_, o_));
  EXPECT_EQ(j["threats"].size(), 3u);
  EXPECT_EQ(j["sections"]["components"].size(), 3u);
  EXPECT_EQ(j["sections"]["components"][1]["stride"]["repudiation"]["status"], "not-applicable");
  EXPECT_EQ(j["sections"]["controls"][1]["evidence"]["summary"], "failing since 2026-11-02");
  EXPECT_EQ(j["sections"]["flows"][0]["crossing"], "inbound");
}

TEST_F(ReportTest, DiagramsDrawDfdNotation) {
  std::string dot = write_dot(*model_, a_, o_);
  EXPECT_NE(dot.find("subgraph cluster_b0"), std::string::npos);
  EXPECT_NE(dot.find("SIDES=\"TB\""), std::string::npos);              // open-ended data store
  EXPECT_NE(dot.find("style=\"rounded,filled\""), std::string::npos);  // process
  EXPECT_NE(dot.find("penwidth=2.4"), std::string::npos);              // the crossing flow
  EXPECT_NE(dot.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  std::string mmd = write_mermaid(*model_, a_, o_);
  EXPECT_NE(mmd.find("n0 ==>|"), std::string::npos);
  EXPECT_NE(mmd.find("n2[(\"Store\")]"), std::string::npos);
  auto svg = write_svg(*model_, a_, o_);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(svg->find("<script"), std::string::npos);
  EXPECT_NE(svg->find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(ReportLarge, FiveHundredElements) {
  // 25 zones of 20 components, chained flows inside a zone and one flow between zones.
  std::string y =
      "threatwright: 1\nsystem: {name: Big, owner: o, methodology: stride}\n"
      "assets:\n  - {id: a, name: A, value: medium, impact: x}\nboundaries:\n";
  for (int b = 0; b < 25; ++b) {
    y += "  - {id: z" + std::to_string(b) + ", name: Zone " + std::to_string(b) +
         ", trust: " + (b % 3 == 0 ? "untrusted" : "trusted") + "}\n";
  }
  y += "components:\n";
  for (int c = 0; c < 500; ++c) {
    const char* type = c % 7 == 0 ? "data-store" : c % 5 == 0 ? "external-entity" : "process";
    y += "  - {id: c" + std::to_string(c) + ", name: Component number " + std::to_string(c) +
         ", type: " + type + ", boundary: z" + std::to_string(c / 20) + "}\n";
  }
  y += "flows:\n";
  for (int c = 1; c < 500; ++c) {
    int from = c % 20 == 0 ? c - 20 : c - 1;
    y += "  - {id: f" + std::to_string(c) + ", from: c" + std::to_string(from) + ", to: c" +
         std::to_string(c) + ", protocol: https, data: [a]}\n";
  }
  load::LoadResult r = load::load_model_text("big.yaml", y);
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  engine::Analysis a;
  Options o;
  std::string md = write_markdown(*r.model, a, o);
  // Markdown on GitHub gets the per-boundary overview, which Mermaid can render.
  EXPECT_NE(md.find("The model is large"), std::string::npos);
  size_t start = md.find("```mermaid");
  size_t end = md.find("```", start + 3);
  EXPECT_LT(end - start, 10000u);
  // Every diagram format follows the same rule: an overview of the 25 zones (+ "no boundary").
  auto overview = write_svg(*r.model, a, o);
  ASSERT_TRUE(overview.ok()) << overview.error().message;
  EXPECT_EQ(count(*overview, "class=\"node\""), 26u);
  EXPECT_NE(write_mermaid(*r.model, a, o).find("%% The model is large"), std::string::npos);
  // --full draws every element, with compact labels.
  o.full_diagram = true;
  std::string dot = write_dot(*r.model, a, o);
  EXPECT_EQ(dot.find("<BR/><FONT POINT-SIZE=\"8\">a</FONT>"), std::string::npos);  // compact
  auto svg = write_svg(*r.model, a, o);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(count(*svg, "class=\"node\""), 500u);
}

// The review's B11 model: 2,000 components, 4,000 flows, 10 nested boundaries. A full layout
// took 252 s for SVG and over a minute for HTML; the overview keeps both bounded (timings:
// bench/README.md), and the HTML report still lists every element.
std::string nested_model(int components, int flows, int boundaries) {
  std::string y =
      "threatwright: 1\nsystem: {name: Nested, owner: o, methodology: stride}\n"
      "assets:\n  - {id: a, name: A, value: medium, impact: x}\nboundaries:\n";
  for (int b = 0; b < boundaries; ++b) {
    y += "  - {id: b" + std::to_string(b) + ", name: Level " + std::to_string(b) +
         ", trust: " + (b % 2 ? "trusted" : "untrusted") +
         (b ? ", parent: b" + std::to_string(b - 1) : std::string()) + "}\n";
  }
  y += "components:\n";
  for (int c = 0; c < components; ++c) {
    y += "  - {id: c" + std::to_string(c) + ", name: Part " + std::to_string(c) +
         ", type: process, boundary: b" + std::to_string(c % boundaries) + "}\n";
  }
  y += "flows:\n";
  for (int f = 0; f < flows; ++f) {
    int from = f % components, to = (f * 7 + 1) % components;
    if (to == from) to = (to + 1) % components;
    y += "  - {id: f" + std::to_string(f) + ", from: c" + std::to_string(from) + ", to: c" +
         std::to_string(to) + ", protocol: https, data: [a]}\n";
  }
  return y;
}

TEST(ReportLarge, TwoThousandComponentsInNestedBoundariesGetAnOverview) {
  load::LoadResult r = load::load_model_text("nested.yaml", nested_model(2000, 4000, 10));
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  engine::Analysis a = engine::analyze(*r.model, engine::AnalyzeOptions{});
  Options o;
  auto svg = write_svg(*r.model, a, o);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(count(*svg, "class=\"node\""), 11u) << "10 boundaries and 'no boundary'";
  EXPECT_EQ(count(*svg, "class=\"cluster\""), 9u) << "each boundary that holds another";
  EXPECT_NE(svg->find("The model is large (2000 components, 4000 flows)"), std::string::npos);
  std::string dot = write_dot(*r.model, a, o);
  EXPECT_EQ(dot.find("c1999"), std::string::npos) << "no element nodes in the overview";
  auto html = write_html(*r.model, a, o);
  ASSERT_TRUE(html.ok()) << html.error().message;
  EXPECT_NE(html->find("<strong>Overview.</strong> The model is large"), std::string::npos);
  std::set<std::string> anchors;  // every id="..." of the page, collected in one pass
  for (size_t at = html->find(" id=\""); at != std::string::npos;
       at = html->find(" id=\"", at + 1)) {
    size_t start = at + 5;
    anchors.insert(html->substr(start, html->find('"', start) - start));
  }
  for (int c = 0; c < 2000; ++c) {
    ASSERT_TRUE(anchors.count("el-c" + std::to_string(c))) << "component c" << c << " is listed";
  }
  for (int f = 0; f < 4000; ++f) {
    ASSERT_TRUE(anchors.count("el-f" + std::to_string(f))) << "flow f" << f << " is listed";
  }
  ASSERT_FALSE(a.threats.empty());
  for (const engine::Threat& t : a.threats) {
    ASSERT_TRUE(anchors.count("t-" + t.id)) << "threat " << t.id << " is listed";
  }
  std::string md = write_markdown(*r.model, a, o);
  EXPECT_NE(md.find("The model is large (2000 components, 4000 flows)"), std::string::npos);
}

// Too many top-level boundaries for a boundary overview: zones by trust level.
TEST(ReportLarge, ManyTopLevelBoundariesGroupByTrust) {
  std::string y =
      "threatwright: 1\nsystem: {name: Flat, owner: o, methodology: stride}\n"
      "assets:\n  - {id: a, name: A, value: medium, impact: x}\nboundaries:\n";
  for (int b = 0; b < 300; ++b) {
    y += "  - {id: b" + std::to_string(b) + ", trust: " + (b % 2 ? "trusted" : "untrusted") + "}\n";
  }
  y += "components:\n";
  for (int c = 0; c < 600; ++c) {
    y += "  - {id: c" + std::to_string(c) + ", type: process, boundary: b" + std::to_string(c / 2) +
         "}\n";
  }
  load::LoadResult r = load::load_model_text("flat.yaml", y);
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  engine::Analysis a;
  Options o;
  auto svg = write_svg(*r.model, a, o);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(count(*svg, "class=\"node\""), 4u) << "untrusted, semi-trusted, trusted, none";
  EXPECT_NE(svg->find("untrusted zones"), std::string::npos);
}

}  // namespace
}  // namespace tw::report
