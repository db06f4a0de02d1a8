#pragma once
// Test helper: a scratch git repository in a temporary folder, removed afterwards.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "diff/git.h"

namespace tw::diff::testing {

class TestRepo {
 public:
  TestRepo() {
    auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        std::filesystem::temp_directory_path() / ("tw_diff_" + std::to_string(::getpid()) + "_" +
                                                  info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
    path_ = std::filesystem::canonical(path_);
    git({"init", "-q"});
  }
  ~TestRepo() { std::filesystem::remove_all(path_); }

  std::string path() const { return path_.string(); }
  std::string abs(const std::string& rel) const { return (path_ / rel).string(); }

  void write(const std::string& rel, const std::string& text) {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
  }
  void remove(const std::string& rel) { std::filesystem::remove(path_ / rel); }

  /// Runs git in the repository; fails the test when git fails. Returns stdout.
  std::string git(std::vector<std::string> args) {
    std::vector<std::string> argv = {"git",
                                     "-C",
                                     path(),
                                     "-c",
                                     "user.name=Test",
                                     "-c",
                                     "user.email=test@example.com",
                                     "-c",
                                     "commit.gpgsign=false",
                                     "-c",
                                     "init.defaultBranch=main",
                                     "-c",
                                     "core.autocrlf=false"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run_process(argv);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return "";
    EXPECT_EQ(r->exit_code, 0) << "git " << args[0] << ": " << r->err;
    return r->out;
  }

  /// Stages everything and commits; returns the commit id.
  std::string commit(const std::string& message, const std::string& date = "2026-03-15T12:00:00Z") {
    git({"add", "-A"});
    std::vector<std::string> args = {"commit", "-q", "-m", message, "--date", date};
    // The committer date is what diff uses for the base day.
    setenv("GIT_COMMITTER_DATE", date.c_str(), 1);
    git(args);
    unsetenv("GIT_COMMITTER_DATE");
    std::string head = git({"rev-parse", "HEAD"});
    return head.substr(0, head.find('\n'));
  }

 private:
  std::filesystem::path path_;
};

}  // namespace tw::diff::testing
