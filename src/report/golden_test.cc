// Golden files: every report and diagram format on the bundled example and on the hostile-name
// fixture, byte for byte. UPDATE_GOLDEN=1 rewrites them (then read the diff).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/analysis.h"
#include "engine/evidence.h"
#include "load/loader.h"
#include "report/report.h"

namespace tw::report {
namespace {

namespace fs = std::filesystem;

struct Case {
  const char* name;
  const char* model;  ///< relative to the source tree
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const Case kCases[] = {
    {"acme-shop", "examples/acme-shop/model.yaml"},
    {"hostile", "tests/golden/report/hostile/model.yaml"},
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Golden : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    // Paths as a user in the repository root would give them, on every machine.
    ASSERT_EQ(::chdir(TW_SOURCE_DIR), 0);
    const Case& c = GetParam();
    load::LoadResult r = load::load_model(c.model);
    ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
    model_ = std::move(r.model);
    base::Date today = *base::parse_date("2026-11-26");
    engine::AnalyzeOptions ao;
    ao.today = today;
    auto ev = engine::read_evidence(engine::default_evidence_path(c.model));
    ASSERT_TRUE(ev.ok()) << ev.error().message;
    ao.evidence = engine::control_evidence(*model_, *ev, today);
    analysis_ = engine::analyze(*model_, ao);
    options_.today = today;
    options_.tool_version = "0.1.0";
  }

  void check(const std::string& ext, const std::string& actual) {
    fs::path golden = fs::path(TW_SOURCE_DIR) / "tests/golden/report" /
                      (std::string(GetParam().name) + "." + ext);
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update && *update && std::string(update) != "0") {
      std::ofstream(golden, std::ios::binary) << actual;
      return;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with UPDATE_GOLDEN=1";
    std::string expected = read(golden);
    if (expected != actual) {
      fs::path got = fs::path(TW_BINARY_DIR) / ("golden-" + golden.filename().string());
      std::ofstream(got, std::ios::binary) << actual;
      FAIL() << golden << " differs; the output is in " << got
             << " (diff them; UPDATE_GOLDEN=1 accepts it)";
    }
  }

  std::unique_ptr<model::Model> model_;
  engine::Analysis analysis_;
  Options options_;
};

TEST_P(Golden, Markdown) { check("md", write_markdown(*model_, analysis_, options_)); }

TEST_P(Golden, Html) {
  auto html = write_html(*model_, analysis_, options_);
  ASSERT_TRUE(html.ok()) << html.error().message;
  check("html", *html);
}

TEST_P(Golden, Sarif) { check("sarif", write_sarif(*model_, analysis_, options_)); }
TEST_P(Golden, Csv) { check("csv", write_csv(*model_, analysis_, options_)); }
TEST_P(Golden, Json) { check("json", write_json(*model_, analysis_, options_)); }
TEST_P(Golden, Dot) { check("dot", write_dot(*model_, analysis_, options_)); }
TEST_P(Golden, Mermaid) { check("mmd", write_mermaid(*model_, analysis_, options_)); }

TEST_P(Golden, Svg) {
  auto svg = write_svg(*model_, analysis_, options_);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  check("svg", *svg);
}

TEST_P(Golden, Deterministic) {
  for (auto f : {ReportFormat::Markdown, ReportFormat::Html, ReportFormat::Sarif, ReportFormat::Csv,
                 ReportFormat::Json}) {
    auto a = write_report(f, *model_, analysis_, options_);
    auto b = write_report(f, *model_, analysis_, options_);
    ASSERT_TRUE(a.ok() && b.ok());
    if (*a != *b) {
      std::ofstream(fs::path(TW_BINARY_DIR) / "determinism-1.out", std::ios::binary) << *a;
      std::ofstream(fs::path(TW_BINARY_DIR) / "determinism-2.out", std::ios::binary) << *b;
      ADD_FAILURE() << "two runs differ; see determinism-{1,2}.out in " << TW_BINARY_DIR;
    }
  }
  for (auto f : {DiagramFormat::Dot, DiagramFormat::Svg, DiagramFormat::Mermaid}) {
    auto a = write_diagram(f, *model_, analysis_, options_);
    auto b = write_diagram(f, *model_, analysis_, options_);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
  }
}

/// The DOT is also accepted by the Graphviz command-line tool, as users will run it.
TEST_P(Golden, DotRendersWithGraphvizBinary) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "no dot binary";
  fs::path dir = fs::path(TW_BINARY_DIR) / "report-test";
  fs::create_directories(dir);
  fs::path in = dir / (std::string(GetParam().name) + ".dot");
  fs::path out = dir / (std::string(GetParam().name) + ".dot.svg");
  std::ofstream(in, std::ios::binary) << write_dot(*model_, analysis_, options_);
  std::string cmd = "dot -Tsvg '" + in.string() + "' -o '" + out.string() + "' 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string svg = read(out);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("class=\"cluster\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Examples,
                         Golden,
                         ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) {
                           std::string n = i.param.name;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace tw::report
