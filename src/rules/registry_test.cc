// The rule library's consistency test: every built-in rule is complete (metadata, doc page,
// test beside it), ids are unique kebab-case and the registry is sorted; the library covers
// every STRIDE category and the failure-mode and supply-chain families.

#include "rules/registry.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rules/rule_doc.h"
#include "rules/test_model.h"

namespace tw::rules {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool kebab(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (c == '-' && id[i + 1] == '-') return false;
  }
  return true;
}

std::string file_stem(const std::string& id) {
  std::string s = id;
  for (char& c : s) c = c == '-' ? '_' : c;
  return s;
}

bool update_docs() {
  const char* v = std::getenv("UPDATE_DOCS");
  return v && std::string(v) == "1";
}

TEST(Registry, SortedUniqueKebabCaseIds) {
  const auto& rules = builtin_rules();
  std::set<std::string> seen;
  for (size_t i = 0; i < rules.size(); ++i) {
    EXPECT_TRUE(kebab(rules[i]->id)) << rules[i]->id;
    EXPECT_TRUE(seen.insert(rules[i]->id).second) << "duplicate id " << rules[i]->id;
    if (i > 0) {
      EXPECT_LT(rules[i - 1]->id, rules[i]->id) << "registry.cc is not sorted";
    }
  }
  EXPECT_EQ(find_builtin("missing-authentication"), find_builtin("missing-authentication"));
  EXPECT_EQ(find_builtin("no-such-rule"), nullptr);
}

TEST(Registry, EveryRuleIsComplete) {
  for (const Rule* r : builtin_rules()) {
    SCOPED_TRACE(r->id);
    EXPECT_FALSE(r->title.empty());
    EXPECT_FALSE(r->stride.empty());
    EXPECT_FALSE(r->applies_to.empty());
    EXPECT_FALSE(r->cwe.empty()) << "no CWE id";
    EXPECT_FALSE(r->capec.empty()) << "no CAPEC id";
    for (int c : r->cwe) EXPECT_GT(c, 0);
    for (int c : r->capec) EXPECT_GT(c, 0);
    EXPECT_GE(r->detection.size(), 40u) << "detection logic missing or too short";
    EXPECT_GE(r->mitigation.size(), 40u) << "mitigation missing or too short";
    EXPECT_GE(r->false_positives.size(), 20u) << "false positives missing";
    EXPECT_FALSE(r->references.empty());
    for (const auto& ref : r->references) EXPECT_EQ(ref.rfind("https://", 0), 0u) << ref;
    EXPECT_GE(r->likelihood, 1);
    EXPECT_LE(r->likelihood, 5);
    EXPECT_GE(r->impact, 1);
    EXPECT_LE(r->impact, 5);
    EXPECT_NE(r->check, nullptr);
    EXPECT_EQ(r->source, "built-in");
  }
}

TEST(Registry, EveryRuleHasItsFilesAndTest) {
  fs::path src = fs::path(TW_SOURCE_DIR) / "src" / "rules";
  std::string cmake = read(src / "CMakeLists.txt");
  for (const Rule* r : builtin_rules()) {
    SCOPED_TRACE(r->id);
    std::string stem = file_stem(r->id);
    EXPECT_TRUE(fs::exists(src / (stem + ".cc")));
    fs::path test = src / (stem + "_test.cc");
    ASSERT_TRUE(fs::exists(test)) << "no test beside the rule";
    EXPECT_NE(read(test).find("run_rule(\"" + r->id + "\""), std::string::npos)
        << "the test does not run the rule";
    EXPECT_NE(cmake.find(stem + "_test.cc"), std::string::npos) << "test not built";
  }
}

TEST(Registry, EveryRuleHasAnUpToDateDocPage) {
  fs::path docs = fs::path(TW_SOURCE_DIR) / "docs" / "rules";
  std::set<std::string> expected = {"README.md"};
  auto check = [&](const std::string& file, const std::string& want) {
    expected.insert(file);
    fs::path p = docs / file;
    if (update_docs()) {
      std::ofstream(p, std::ios::binary) << want;
      return;
    }
    ASSERT_TRUE(fs::exists(p)) << p << " is missing (run with UPDATE_DOCS=1)";
    EXPECT_EQ(read(p), want) << p << " is out of date (run with UPDATE_DOCS=1)";
  };
  for (const Rule* r : builtin_rules()) check(r->id + ".md", render_rule_markdown(*r));
  check("README.md", render_rule_index(builtin_rules()));
  for (const auto& e : fs::directory_iterator(docs)) {
    EXPECT_TRUE(expected.count(e.path().filename().string())) << e.path() << " documents no rule";
  }
}

TEST(Registry, CoversEveryStrideCategory) {
  EXPECT_GE(builtin_rules().size(), 60u);
  std::map<model::Stride, int> count;
  for (const Rule* r : builtin_rules()) {
    for (model::Stride s : r->stride) ++count[s];
  }
  for (model::Stride s : model::kAllStride) {
    EXPECT_GE(count[s], 6) << model::name(s);
  }
}

TEST(Registry, CoversFailureModesAndSupplyChain) {
  for (const char* id :
       {"fail-open-component", "fail-open-failure-mode", "dependency-without-failure-analysis",
        "unmitigated-failure-mode", "missing-backups", "unpinned-dependency",
        "unverified-dependency", "unpinned-ci-actions", "mutable-container-image",
        "unverified-container-image", "dependency-confusion", "ci-pipeline-untrusted-trigger",
        "ci-pipeline-production-access"}) {
    EXPECT_NE(find_builtin(id), nullptr) << id;
  }
}

TEST(Registry, SecureBaselineRaisesNothing) {
  testing::ModelBuilder b;
  testing::secure_shop(b);
  auto m = b.build();
  for (const Rule* r : builtin_rules()) {
    EXPECT_EQ(testing::run_rule(*r, *m), std::vector<std::string>{}) << r->id;
  }
}

}  // namespace
}  // namespace tw::rules
