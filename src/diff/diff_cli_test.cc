// End-to-end tests of `threatwright diff`: the real binary on the before/after pairs in
// tests/diff/cases (golden output in every format; UPDATE_GOLDEN=1 rewrites it) and on git
// repositories created here.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "diff/git.h"
#include "diff/test_repo.h"

namespace tw::diff {
namespace {

namespace fs = std::filesystem;
using testing::TestRepo;

const std::string kCases = std::string(TW_SOURCE_DIR) + "/tests/diff/cases";

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun tw(const std::string& cwd, std::vector<std::string> args) {
  std::vector<std::string> argv = {"env",
                                   "-C",
                                   cwd,
                                   "NO_COLOR=1",
                                   "THREATWRIGHT_TODAY=2026-11-26",
                                   std::string(TW_BINARY_DIR) + "/threatwright",
                                   "diff"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_process(argv);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return {};
  return {r->exit_code, r->out, r->err};
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void golden(const std::string& path, const std::string& got) {
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && *update == '1') {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " missing; run with UPDATE_GOLDEN=1";
  EXPECT_EQ(got, slurp(path)) << "golden " << path << " differs; UPDATE_GOLDEN=1 rewrites it";
}

std::set<std::string> ids(const nlohmann::json& list, const std::string& prefix_key = "") {
  std::set<std::string> out;
  for (const auto& e : list) {
    std::string k = prefix_key.empty() ? "" : e[prefix_key].get<std::string>() + " ";
    out.insert(k + e["id"].get<std::string>());
  }
  return out;
}

bool has(const std::set<std::string>& s, const std::string& x) { return s.count(x) > 0; }

TEST(DiffCli, GoldenOutputForEveryFormat) {
  const std::string dir = kCases + "/admin-export";
  for (auto [format, file] : {std::pair{"text", "expected.txt"}, std::pair{"md", "expected.md"},
                              std::pair{"json", "expected.json"}}) {
    CliRun r = tw(dir, {"before/model.yaml", "after/model.yaml", "--format", format});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    golden(dir + "/" + file, r.out);
  }
}

TEST(DiffCli, AdminExportNamesSurfaceWeakeningRemovalsAndThreats) {
  CliRun r =
      tw(kCases + "/admin-export", {"before/model.yaml", "after/model.yaml", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["changed"], true);
  auto surface = ids(j["attack_surface"], "kind");
  EXPECT_TRUE(has(surface, "entry-point partner-export")) << j["attack_surface"].dump(1);
  EXPECT_TRUE(has(surface, "entry-point export-read"));
  EXPECT_TRUE(has(surface, "internet-facing export-api"));
  std::set<std::string> weak;
  for (const auto& w : j["weakened"]) {
    weak.insert(w["id"].get<std::string>() + "." + w["property"].get<std::string>());
  }
  EXPECT_EQ(weak, (std::set<std::string>{"web.authentication", "web.audit_log",
                                         "place-order.encrypted", "place-order.protocol",
                                         "mfa-login.removed", "param-queries.status"}));
  std::set<std::string> removed;
  for (const auto& e : j["elements"]) {
    if (e["change"] == "removed")
      removed.insert(e["section"].get<std::string>() + "/" + e["id"].get<std::string>());
  }
  EXPECT_EQ(removed, (std::set<std::string>{"components/session-cache", "flows/session-lookup",
                                            "controls/mfa-login", "failure_modes/db-outage"}));
  bool found = false;
  for (const auto& t : j["threats"]) {
    if (t["id"] == "bulk-export-scraping") {
      found = true;
      EXPECT_EQ(t["change"], "new");
      EXPECT_EQ(t["status"]["after"], "open");
      EXPECT_EQ(t["severity"]["after"], "critical");
    }
  }
  EXPECT_TRUE(found) << j["threats"].dump(1);
  EXPECT_GT(j["summary"]["threats_new"].get<int>(), 1) << "rules should find more than the "
                                                          "hand-written threat";
}

TEST(DiffCli, ReverseDirectionIsNoWeakening) {
  CliRun r =
      tw(kCases + "/admin-export", {"after/model.yaml", "before/model.yaml", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["weakened"].empty()) << j["weakened"].dump(1);
  bool resolved = false;
  for (const auto& t : j["threats"])
    resolved |= t["id"] == "bulk-export-scraping" && t["change"] == "resolved";
  EXPECT_TRUE(resolved);
}

TEST(DiffCli, GateExitCodes) {
  const std::string dir = kCases + "/admin-export";
  CliRun fail = tw(dir, {"before/model.yaml", "after/model.yaml", "--fail-on", "critical"});
  EXPECT_EQ(fail.code, 1) << fail.out << fail.err;
  EXPECT_NE(fail.out.find("gate failed"), std::string::npos);
  EXPECT_NE(fail.out.find("bulk-export-scraping"), std::string::npos);
  CliRun bad = tw(dir, {"before/model.yaml", "after/model.yaml", "--fail-on", "severe"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("unknown severity 'severe'"), std::string::npos);
  CliRun one = tw(dir, {"before/model.yaml"});
  EXPECT_EQ(one.code, 2);
  CliRun broken = tw(dir, {"before/model.yaml", "before/flows/storefront.yaml"});
  EXPECT_EQ(broken.code, 2);
  EXPECT_NE(broken.err.find("the new model does not load"), std::string::npos) << broken.err;
}

TEST(DiffCli, SplitModelAndItsFlatTwinAreNoChange) {
  const std::string dir = kCases + "/split-vs-flat";
  for (auto args : {std::vector<std::string>{"split/model.yaml", "flat.yaml"},
                    std::vector<std::string>{"flat.yaml", "split/model.yaml"},
                    std::vector<std::string>{"flat.yaml", "flat.yaml", "--fail-on", "info"}}) {
    CliRun r = tw(dir, args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\nno change\n"), std::string::npos) << r.out;
  }
  CliRun md = tw(dir, {"split/model.yaml", "flat.yaml", "--format", "md"});
  EXPECT_NE(md.out.find("No change to the threat model."), std::string::npos) << md.out;
}

// --- git mode ---

void copy_case(TestRepo& repo, const std::string& from, const std::string& to = "") {
  for (const auto& e : fs::recursive_directory_iterator(from)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), from).string();
    repo.write(to.empty() ? rel : to + "/" + rel, slurp(e.path().string()));
  }
}

TEST(DiffGit, IdenticalWorkingTreeIsNoChange) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before");
  repo.write("services/web/app.js", "console.log(1)\n");
  repo.commit("model");
  CliRun r = tw(repo.path(), {"--base", "HEAD", "--fail-on", "info"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nno change\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("HEAD ("), std::string::npos);
}

TEST(DiffGit, ChangeOnlyInAnIncludedFileIsSeen) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before");
  repo.commit("model");
  repo.write("flows/storefront.yaml", slurp(kCases + "/admin-export/after/flows/storefront.yaml"));
  CliRun r = tw(repo.path(), {"--base", "HEAD", "model.yaml", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mode"], "git");
  std::set<std::string> weak;
  for (const auto& w : j["weakened"]) {
    weak.insert(w["id"].get<std::string>() + "." + w["property"].get<std::string>());
  }
  EXPECT_EQ(weak, (std::set<std::string>{"place-order.encrypted", "place-order.protocol"}));
  EXPECT_TRUE(j["code_without_model"].empty());
  bool where = false;
  for (const auto& e : j["elements"]) {
    if (e["id"] == "session-lookup") {
      EXPECT_EQ(e["change"], "removed");
      EXPECT_EQ(e["where"]["file"], "flows/storefront.yaml");
      where = true;
    }
  }
  EXPECT_TRUE(where) << j["elements"].dump(1);
}

TEST(DiffGit, NewUntrackedIncludedFileAndGate) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before");
  repo.commit("model");
  // A new, untracked file matched by `include: [flows/*.yaml]`, with a critical threat.
  repo.write("flows/risky.yaml",
             "threats:\n"
             "  - id: replay-login\n"
             "    title: Login replayed\n"
             "    stride: [spoofing]\n"
             "    target: login\n"
             "    likelihood: very-high\n"
             "    impact: very-high\n");
  CliRun r = tw(repo.path(), {"--base", "HEAD", "--fail-on", "critical"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("replay-login"), std::string::npos) << r.out;
  CliRun md = tw(repo.path(), {"--base", "HEAD", "--fail-on", "critical", "--format", "md"});
  EXPECT_EQ(md.code, 1);
  EXPECT_NE(md.out.find("**Gate failed:**"), std::string::npos) << md.out;
}

TEST(DiffGit, CodeChangedWithoutModelIsFlagged) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before", "tm");
  repo.write("tm/services/web/app.js", "console.log(1)\n");
  repo.write("tm/services/orders/main.go", "package main\n");
  std::string base = repo.commit("model and code");
  repo.write("tm/services/web/app.js", "console.log(2)\n");
  repo.commit("code only");
  repo.write("tm/services/web/routes.js", "export {}\n");  // untracked, not ignored
  // CliRun from the model's folder, with the default model file name.
  CliRun r = tw(repo.abs("tm"), {"--base", base});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("component web (Storefront) changed without a threat-model update: 2 "
                       "files under tm/services/web/**"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("tm/services/web/routes.js"), std::string::npos);
  EXPECT_EQ(r.out.find("orders-api"), std::string::npos);
  // Issue 12, problem 5: a comment appended to the model no longer hides the code change,
  // and --fail-on-drift makes it fail the build.
  std::string model = slurp(repo.abs("tm/model.yaml"));
  repo.write("tm/model.yaml", model + "# reviewed\n");
  CliRun comment = tw(repo.abs("tm"), {"--base", base, "--format", "json"});
  auto j = nlohmann::json::parse(comment.out);
  ASSERT_EQ(j["code_without_model"].size(), 1u) << comment.out;
  EXPECT_EQ(j["code_without_model"][0]["component"], "web");
  EXPECT_EQ(comment.code, 0);
  CliRun gate = tw(repo.abs("tm"), {"--base", base, "--fail-on-drift"});
  EXPECT_EQ(gate.code, 1) << gate.out << gate.err;
  // A change to web's meaning in the model (a fact) is the update: the warning goes away.
  std::string updated = model;
  updated.replace(updated.find("    rate_limited: true\n    code: [services/web/**]"),
                  std::string("    rate_limited: true").size(), "    rate_limited: false");
  repo.write("tm/model.yaml", updated);
  CliRun after = tw(repo.abs("tm"), {"--base", base, "--format", "json", "--fail-on-drift"});
  j = nlohmann::json::parse(after.out);
  EXPECT_TRUE(j["code_without_model"].empty()) << after.out;
  EXPECT_EQ(after.code, 0) << after.out;
}

TEST(DiffGit, ModelThatDidNotExistAtBaseIsAllNew) {
  TestRepo repo;
  repo.write("README.md", "shop\n");
  repo.commit("initial");
  copy_case(repo, kCases + "/admin-export/before");
  CliRun r = tw(repo.path(), {"--base", "HEAD", "model.yaml", "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("does not exist at HEAD"), std::string::npos) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["removed"], 0);
  EXPECT_GT(j["summary"]["added"].get<int>(), 10);
}

TEST(DiffGit, AcceptanceThatLapsedSinceTheBaseCommit) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before");
  repo.write("decisions.yaml",
             "decisions:\n"
             "  - threat: missing-rate-limit@orders-api\n"
             "    status: accepted\n"
             "    rationale: Internal only.\n"
             "    owner: cto\n"
             "    review_by: 2026-06-01\n");
  std::string root = slurp(repo.abs("model.yaml"));
  root.replace(root.find("include: [flows/*.yaml]"), 23, "include: [flows/*.yaml, decisions.yaml]");
  repo.write("model.yaml", root);
  repo.commit("accept", "2026-03-15T12:00:00Z");  // before review_by; today is 2026-11-26
  CliRun r = tw(repo.path(), {"--base", "HEAD", "--fail-on", "info"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nno change; 1 acceptance expired\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("missing-rate-limit@orders-api: accepted until 2026-06-01 by cto"),
            std::string::npos)
      << r.out;
}

TEST(DiffGit, BadRevisionAndNotARepository) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before");
  repo.commit("model");
  CliRun r = tw(repo.path(), {"--base", "no-such-rev"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'no-such-rev' does not name a commit"), std::string::npos) << r.err;
  CliRun opt = tw(repo.path(), {"--base=--upload-pack=x"});
  EXPECT_EQ(opt.code, 2) << opt.err;
  CliRun outside = tw(kCases + "/admin-export", {"--base", "HEAD", "/tmp/none/model.yaml"});
  EXPECT_EQ(outside.code, 2);
}

TEST(DiffGit, BrokenModelAtBaseIsReported) {
  TestRepo repo;
  copy_case(repo, kCases + "/admin-export/before");
  repo.write("flows/storefront.yaml", "flows: [{id: x, from: nobody, to: web}]\n");
  repo.commit("broken");
  copy_case(repo, kCases + "/admin-export/before");
  CliRun r = tw(repo.path(), {"--base", "HEAD"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("the base (HEAD) model does not load"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("flows/storefront.yaml:1:"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tw::diff
