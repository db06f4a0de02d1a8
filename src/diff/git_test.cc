#include "diff/git.h"

#include <gtest/gtest.h>

#include "base/diagnostic.h"
#include "diff/model_diff.h"
#include "diff/test_repo.h"
#include "load/loader.h"

namespace tw::diff {
namespace {

using testing::TestRepo;

const char* kRoot =
    "threatwright: 1\n"
    "include: [flows/*.yaml]\n"
    "system: {name: Shop}\n"
    "assets: [{id: data, name: Data, value: high, impact: Leak}]\n"
    "boundaries:\n"
    "  - {id: internet, name: Internet, trust: untrusted}\n"
    "  - {id: cloud, name: Cloud, trust: trusted}\n"
    "components:\n"
    "  - {id: user, name: User, type: external-entity, boundary: internet}\n"
    "  - {id: web, name: Web, type: process, boundary: cloud, code: [services/web/**]}\n"
    "  - {id: db, name: DB, type: data-store, boundary: cloud, code: [/db/migrations/]}\n";

const char* kFlows =
    "flows:\n"
    "  - {id: login, from: user, to: web, protocol: https, data: [data], encrypted: true}\n";

TEST(NormalizePath, Lexical) {
  EXPECT_EQ(normalize_path("a/./b//c/../d"), "a/b/d");
  EXPECT_EQ(normalize_path("/x/../../y"), "/y");
  EXPECT_EQ(normalize_path("../a/../../b"), "../../b");
  EXPECT_EQ(normalize_path("a/.."), ".");
  EXPECT_EQ(normalize_path("/"), "/");
}

TEST(RunProcess, CapturesOutputAndExitCode) {
  auto r = run_process({"sh", "-c", "printf out; printf err >&2; exit 3"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out, "out");
  EXPECT_EQ(r->err, "err");
  EXPECT_EQ(r->exit_code, 3);
  auto big = run_process({"sh", "-c", "yes | head -c 100000"}, 1000);
  EXPECT_FALSE(big.ok());
  auto missing = run_process({"threatwright-no-such-program"});
  EXPECT_FALSE(missing.ok());
}

TEST(Git, OpenOutsideARepositoryFails) {
  auto g = Git::open("/");
  EXPECT_FALSE(g.ok());
}

TEST(Git, ResolveRejectsOptionsAndUnknownRevisions) {
  TestRepo repo;
  repo.write("model.yaml", kRoot);
  std::string c = repo.commit("one");
  auto git = Git::open(repo.path());
  ASSERT_TRUE(git.ok()) << git.error().message;
  EXPECT_EQ(git->top(), repo.path());
  EXPECT_EQ(*git->resolve("HEAD"), c);
  EXPECT_FALSE(git->resolve("--output=/tmp/x").ok());
  EXPECT_FALSE(git->resolve("no-such-branch").ok());
  EXPECT_EQ(git->commit_date(c)->str(), "2026-03-15");
}

TEST(Git, RepoPath) {
  TestRepo repo;
  repo.write("model.yaml", kRoot);
  repo.commit("one");
  auto git = Git::open(repo.path());
  ASSERT_TRUE(git.ok());
  EXPECT_EQ(*git->repo_path("model.yaml", repo.path()), "model.yaml");
  EXPECT_EQ(*git->repo_path("../x/./y.yaml", repo.abs("sub")), "x/y.yaml");
  EXPECT_EQ(*git->repo_path(repo.abs("a/b"), "/elsewhere"), "a/b");
  EXPECT_FALSE(git->repo_path("../outside.yaml", repo.path()).ok());
}

TEST(GitSource, LoadsSplitModelAtRevisionWithoutCheckout) {
  TestRepo repo;
  repo.write("model.yaml", kRoot);
  repo.write("flows/web.yaml", kFlows);
  std::string c = repo.commit("model");
  // Change only the included file in the working tree.
  repo.write(
      "flows/web.yaml",
      "flows:\n"
      "  - {id: login, from: user, to: web, protocol: http, data: [data], encrypted: false}\n"
      "  - {id: query, from: web, to: db, protocol: sql, data: [data]}\n");
  auto git = Git::open(repo.path());
  ASSERT_TRUE(git.ok());
  auto src = GitSource::open(*git, c, repo.path());
  ASSERT_TRUE(src.ok()) << src.error().message;
  load::LoadOptions o;
  o.warnings = false;
  auto old = load::load_model("model.yaml", *src, o);
  ASSERT_TRUE(old.ok()) << base::render_text(old.diagnostics, false);
  ASSERT_EQ(old.model->flows.size(), 1u);
  EXPECT_EQ(old.model->flows[0].protocol, "https");
  ASSERT_EQ(old.model->sources.size(), 2u);
  EXPECT_EQ(old.model->sources[1]->path(), "flows/web.yaml");

  // The same path read from disk, from the repository's folder, is the new version.
  load::DiskSource disk;
  auto now = load::load_model(repo.abs("model.yaml"), disk, o);
  ASSERT_TRUE(now.ok()) << base::render_text(now.diagnostics, false);
  ModelDiff d = diff_models(*old.model, *now.model);
  ASSERT_EQ(d.count(Change::Added), 1u);
  ASSERT_EQ(d.count(Change::Changed), 1u);
  ASSERT_EQ(d.weakened.size(), 2u);
  EXPECT_EQ(d.weakened[0].property, "encrypted");
  EXPECT_EQ(d.weakened[1].property, "protocol");
}

TEST(GitSource, ModelInSubfolderAndRelativeToCwd) {
  TestRepo repo;
  repo.write("docs/tm/model.yaml", kRoot);
  repo.write("docs/tm/flows/a.yaml", kFlows);
  repo.write("docs/outside.yaml", "flows: []\n");
  std::string c = repo.commit("model");
  auto git = Git::open(repo.abs("docs"));
  ASSERT_TRUE(git.ok());
  auto src = GitSource::open(*git, c, repo.abs("docs"));
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(*src->canonical("tm/model.yaml"), repo.abs("docs/tm/model.yaml"));
  EXPECT_EQ(*src->glob("tm", "flows/*.yaml"), std::vector<std::string>{"tm/flows/a.yaml"});
  EXPECT_EQ(*src->glob("tm", "flows/a.yaml"), std::vector<std::string>{"tm/flows/a.yaml"});
  EXPECT_TRUE(src->glob("tm", "flows/none.yaml")->empty());
  EXPECT_EQ(*src->read("tm/flows/a.yaml", 1 << 20, ""), kFlows);
  EXPECT_FALSE(src->read("tm/flows/a.yaml", 10, "").ok());  // over the size limit
  auto missing = src->read("tm/nope.yaml", 1 << 20, "");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no such file in commit"), std::string::npos);
  load::LoadOptions o;
  o.warnings = false;
  auto r = load::load_model("tm/model.yaml", *src, o);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  EXPECT_EQ(r.model->flows.size(), 1u);

  // Scoped to the model's folder, nothing else is listed.
  auto scoped = GitSource::open(*git, c, repo.abs("docs"), "docs/tm");
  ASSERT_TRUE(scoped.ok());
  EXPECT_TRUE(scoped->read("tm/flows/a.yaml", 1 << 20, "").ok());
  EXPECT_FALSE(scoped->read("outside.yaml", 1 << 20, "").ok());
  EXPECT_TRUE(src->read("outside.yaml", 1 << 20, "").ok());
}

TEST(GitSource, IncludeEscapingTheModelFolderIsRefused) {
  TestRepo repo;
  std::string root = kRoot;
  root.replace(root.find("[flows/*.yaml]"), 14, "[../shared.yaml]");
  repo.write("tm/model.yaml", root);
  repo.write("shared.yaml", kFlows);
  std::string c = repo.commit("model");
  auto git = Git::open(repo.path());
  ASSERT_TRUE(git.ok());
  auto src = GitSource::open(*git, c, repo.path());
  ASSERT_TRUE(src.ok());
  load::LoadOptions o;
  o.warnings = false;
  auto r = load::load_model("tm/model.yaml", *src, o);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(base::render_text(r.diagnostics, false).find("[include-escape]"), std::string::npos);
}

TEST(GitSource, FollowsSymbolicLinksInsideTheTree) {
  TestRepo repo;
  repo.write("model.yaml", kRoot);
  repo.write("shared/web.yaml", kFlows);
  std::filesystem::create_directories(repo.abs("flows"));
  std::filesystem::create_symlink("../shared/web.yaml", repo.abs("flows/web.yaml"));
  std::filesystem::create_symlink("/etc/passwd", repo.abs("evil.yaml"));
  std::string c = repo.commit("links");
  auto git = Git::open(repo.path());
  ASSERT_TRUE(git.ok());
  auto src = GitSource::open(*git, c, repo.path());
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(*src->canonical("flows/web.yaml"), repo.abs("shared/web.yaml"));
  EXPECT_EQ(*src->read("flows/web.yaml", 1 << 20, ""), kFlows);
  EXPECT_FALSE(src->read("evil.yaml", 1 << 20, "").ok());
}

TEST(Git, ChangedFilesIncludeStagedUnstagedAndUntracked) {
  TestRepo repo;
  repo.write("model.yaml", kRoot);
  repo.write("services/web/app.js", "1");
  repo.write("services/web/old.js", "1");
  repo.write(".gitignore", "*.log\n");
  std::string c = repo.commit("one");
  repo.write("services/web/app.js", "2");           // unstaged
  repo.remove("services/web/old.js");               // deleted
  repo.write("services/web/new.js", "3");           // untracked
  repo.write("services/web/debug.log", "ignored");  // ignored
  repo.write("staged.txt", "s");
  repo.git({"add", "staged.txt"});
  auto git = Git::open(repo.path());
  ASSERT_TRUE(git.ok());
  auto files = git->changed_files(c);
  ASSERT_TRUE(files.ok()) << files.error().message;
  EXPECT_EQ(*files, (std::vector<std::string>{"services/web/app.js", "services/web/new.js",
                                              "services/web/old.js", "staged.txt"}));
}

}  // namespace
}  // namespace tw::diff
