// Export: names, UUIDs, the model document, goldens of every format, large models.
#include "export/export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/evidence.h"
#include "export/common.h"
#include "load/loader.h"

namespace tw::exports {
namespace {

TEST(SymbolicNames, EncodesAndKeepsDistinctIdsDistinct) {
  SymbolicNames s;
  EXPECT_EQ(s.name("sql-injection@orders.api"), "sql-injection--at--orders-api");
  EXPECT_EQ(s.name("a_b"), "a-b");
  EXPECT_EQ(s.name("a.b"), "a-b-2");
  EXPECT_EQ(s.name("a_b"), "a-b");  // stable
  EXPECT_EQ(s.originals().at("a-b-2"), "a.b");
}

TEST(StableUuid, IsStableVersion8AndDistinct) {
  std::string u = stable_uuid("threat", "x@y");
  EXPECT_EQ(u, stable_uuid("threat", "x@y"));
  EXPECT_NE(u, stable_uuid("threat", "x@z"));
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '8');
  EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
}

}  // namespace
}  // namespace tw::exports

// Golden files: every export format of a small model (tests/golden/export/small/model.yaml),
// byte for byte. UPDATE_GOLDEN=1 rewrites them (then read the diff).

namespace tw::exports {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Loaded {
  std::unique_ptr<model::Model> model;
  engine::Analysis analysis;
  Options options;
};

Loaded load(const char* path) {
  EXPECT_EQ(::chdir(TW_SOURCE_DIR), 0);
  load::LoadResult r = load::load_model(path);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  Loaded l;
  l.model = std::move(r.model);
  base::Date today = *base::parse_date("2026-11-26");
  engine::AnalyzeOptions ao;
  ao.today = today;
  // As the CLI does: the evidence file beside the model (none here) and manual verifications.
  auto ev = engine::read_evidence(engine::default_evidence_path(path));
  EXPECT_TRUE(ev.ok()) << ev.error().message;
  if (ev.ok()) ao.evidence = engine::control_evidence(*l.model, *ev, today);
  l.analysis = engine::analyze(*l.model, ao);
  l.options.today = today;
  l.options.tool_version = "0.1.0";
  return l;
}

class Golden : public ::testing::TestWithParam<Format> {};

TEST_P(Golden, SmallModel) {
  Loaded l = load("tests/golden/export/small/model.yaml");
  ASSERT_TRUE(l.model);
  auto text = write(GetParam(), *l.model, l.analysis, l.options);
  ASSERT_TRUE(text.ok());
  fs::path golden = fs::path(TW_SOURCE_DIR) / "tests/golden/export" /
                    ("small." + std::string(format_name(GetParam())) + ".json");
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && *update && std::string(update) != "0") {
    std::ofstream(golden, std::ios::binary) << *text;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with UPDATE_GOLDEN=1";
  if (read(golden) != *text) {
    fs::path got = fs::path(TW_BINARY_DIR) / ("golden-" + golden.filename().string());
    std::ofstream(got, std::ios::binary) << *text;
    FAIL() << golden << " differs; the output is in " << got
           << " (diff them; UPDATE_GOLDEN=1 accepts it)";
  }
}

INSTANTIATE_TEST_SUITE_P(Formats,
                         Golden,
                         ::testing::Values(Format::TmBom,
                                           Format::ThreatDragon,
                                           Format::Otm,
                                           Format::ThreatComposer,
                                           Format::CycloneDx),
                         [](const auto& info) {
                           std::string n(format_name(info.param));
                           for (char& c : n) {
                             if (c == '-') c = '_';
                           }
                           return n;
                         });

TEST(Export, FormatNamesRoundTrip) {
  for (auto n : format_names()) {
    auto f = parse_format(n);
    ASSERT_TRUE(f) << n;
    EXPECT_EQ(format_name(*f), n);
  }
  EXPECT_FALSE(parse_format("tmbom"));
}

TEST(Export, SameModelSameBytes) {
  Loaded a = load("examples/acme-shop/model.yaml");
  Loaded b = load("examples/acme-shop/model.yaml");
  for (auto n : format_names()) {
    Format f = *parse_format(n);
    EXPECT_EQ(*write(f, *a.model, a.analysis, a.options),
              *write(f, *b.model, b.analysis, b.options))
        << n;
  }
}

TEST(Export, ModelDocumentKeepsEveryFactOfTheSmallModel) {
  Loaded l = load("tests/golden/export/small/model.yaml");
  Json d = model_document(*l.model);
  EXPECT_EQ(d["components"][1]["id"], "shop.api");
  EXPECT_EQ(d["components"][1]["authentication"], "token");
  EXPECT_EQ(d["components"][1]["code"][0], "src/api/**");
  EXPECT_FALSE(d["components"][1].contains("audit_log"));  // unknown stays unknown
  EXPECT_EQ(d["flows"][1]["port"], 5432);
  EXPECT_EQ(d["boundaries"][2]["parent"], "cloud");
  EXPECT_EQ(d["decisions"][0]["review_by"], "2027-03-01");
  EXPECT_EQ(d["controls"][0]["verification"]["verified_on"], "2026-11-01");
  EXPECT_EQ(d["threats"][0]["likelihood"], 3);
  EXPECT_EQ(d["system"]["review"]["reviewers"][1], "ben");
}

// A large model with a long chain of nested boundaries: every format is written (no recursion
// over the chain, nothing quadratic) and keeps every element.
TEST(Export, LargeModelWithDeepBoundaryChain) {
  // Under AddressSanitizer (./test's sanitizer build) a third of the chain: the full one takes
  // minutes there, and 1,000 nested boundaries still overflow any recursion over the chain.
#if defined(__SANITIZE_ADDRESS__)
  const int n = 1000;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  const int n = 1000;
#else
  const int n = 3000;
#endif
#else
  const int n = 3000;
#endif
  std::string y =
      "threatwright: 1\nsystem: {name: big}\nassets:\n  - {id: a, name: A, value: high}\n";
  y += "boundaries:\n  - {id: b0, name: B0, trust: untrusted}\n";
  for (int i = 1; i < n; ++i) {
    y += "  - {id: b" + std::to_string(i) + ", name: B, trust: trusted, parent: b" +
         std::to_string(i - 1) + "}\n";
  }
  y += "components:\n";
  for (int i = 0; i < n; ++i) {
    y += "  - {id: c" + std::to_string(i) + ", type: process, kind: api, boundary: b" +
         std::to_string(i) + ", stores: [a]}\n";
  }
  y += "flows:\n";
  for (int i = 0; i < 2 * n; ++i) {
    y += "  - {id: f" + std::to_string(i) + ", from: c" + std::to_string(i % n) + ", to: c" +
         std::to_string((i * 7 + 1) % n) + ", protocol: https, data: [a]}\n";
  }
  load::LoadResult r = load::load_model_text("big.yaml", y);
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  engine::Analysis a = engine::analyze(*r.model, engine::AnalyzeOptions{});
  Options o;
  for (auto name : format_names()) {
    auto text = write(*parse_format(name), *r.model, a, o);
    ASSERT_TRUE(text.ok()) << name;
    Json j = Json::parse(*text);
    if (name == "threat-dragon") {
      EXPECT_EQ(j["detail"]["diagrams"][0]["cells"].size(), size_t(n + n + 2 * n));
      // The innermost box is nested n deep: its z-index is the highest of the boxes.
      EXPECT_EQ(j["detail"]["diagrams"][0]["cells"][n - 1]["zIndex"], -1);
    }
    if (name == "otm") {
      EXPECT_EQ(j["components"].size(), size_t(n));
    }
    if (name == "tm-bom") {
      EXPECT_EQ(j["data_flows"].size(), size_t(2 * n));
    }
  }
}

}  // namespace
}  // namespace tw::exports
