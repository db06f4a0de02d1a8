#include "base/glob.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tw::base {
namespace {

TEST(Glob, Match) {
  EXPECT_TRUE(glob_match("flows/*.yaml", "flows/a.yaml"));
  EXPECT_FALSE(glob_match("flows/*.yaml", "flows/sub/a.yaml"));
  EXPECT_TRUE(glob_match("services/web/**", "services/web/a/b/c.js"));
  EXPECT_TRUE(glob_match("**/*.yaml", "a.yaml"));
  EXPECT_TRUE(glob_match("**/*.yaml", "x/y/a.yaml"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "a/c"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[!a-c]x", "bx"));
  EXPECT_FALSE(glob_match("*.yaml", "a.yml"));
}

TEST(Glob, ExpandSortsAndRecurses) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "tw_glob_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "f" / "sub");
  for (auto p : {"f/b.yaml", "f/a.yaml", "f/sub/c.yaml", "f/x.txt"}) std::ofstream(dir / p) << "x";
  auto flat = expand_glob(dir.string(), "f/*.yaml");
  ASSERT_TRUE(flat.ok());
  ASSERT_EQ(flat->size(), 2u);
  EXPECT_EQ((*flat)[0], (dir / "f/a.yaml").string());
  auto deep = expand_glob(dir.string(), "f/**/*.yaml");
  ASSERT_TRUE(deep.ok());
  EXPECT_EQ(deep->size(), 3u);
  fs::remove_all(dir);
}

// The matcher agrees with a plain backtracking reference on every pattern/path pair of a
// small alphabet (so the linear rewrite keeps the meaning of '*', '**', '**/', '?', classes).
bool reference(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.substr(0, 3) == "**/") {
    if (reference(p.substr(3), s)) return true;
    for (size_t k = 0; k < s.size(); ++k) {
      if (s[k] == '/' && reference(p.substr(3), s.substr(k + 1))) return true;
    }
    return false;
  }
  if (p.substr(0, 2) == "**") {
    for (size_t k = 0; k <= s.size(); ++k) {
      if (reference(p.substr(2), s.substr(k))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (size_t k = 0; k <= s.size(); ++k) {
      if (reference(p.substr(1), s.substr(k))) return true;
      if (k < s.size() && s[k] == '/') return false;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?') return s[0] != '/' && reference(p.substr(1), s.substr(1));
  return p[0] == s[0] && reference(p.substr(1), s.substr(1));
}

TEST(Glob, MatchesLikeTheBacktrackingReference) {
  const char alphabet[] = {'a', 'b', '/', '*', '?'};
  std::vector<std::string> patterns = {""}, paths = {""};
  for (int len = 1; len <= 4; ++len) {
    std::vector<std::string> grown;
    for (const std::string& p : patterns) {
      if (p.size() + 1 != static_cast<size_t>(len)) continue;
      for (char c : alphabet) grown.push_back(p + c);
    }
    patterns.insert(patterns.end(), grown.begin(), grown.end());
  }
  for (int len = 1; len <= 4; ++len) {
    std::vector<std::string> grown;
    for (const std::string& s : paths) {
      if (s.size() + 1 != static_cast<size_t>(len)) continue;
      for (char c : {'a', 'b', '/'}) grown.push_back(s + c);
    }
    paths.insert(paths.end(), grown.begin(), grown.end());
  }
  size_t compared = 0;
  for (const std::string& p : patterns) {
    for (const std::string& s : paths) {
      ASSERT_EQ(glob_match(p, s), reference(p, s)) << "pattern '" << p << "' path '" << s << "'";
      ++compared;
    }
  }
  EXPECT_GT(compared, 90000u);
}

// Review B3: `**a**a...**c` against a long name took minutes (exponential backtracking).
TEST(Glob, ManyDoubleStarsAreLinear) {
  // The old recursive matcher was exponential in the number of '**'. Count the matcher's
  // steps rather than time it: each (state, character) pair is visited a bounded number of
  // times, so the count stays within a constant of pattern length x path length.
  const std::string name = std::string(4000, 'a') + ".yaml";
  auto bound = [](const std::string& p, const std::string& s) {
    return 4 * (p.size() + 1) * (s.size() + 1);
  };
  for (int n : {3, 6, 14, 40}) {
    std::string p;
    for (int i = 0; i < n; ++i) p += "**a";
    size_t steps = 0;
    EXPECT_FALSE(glob_match_counted(p + "**c", name, &steps));
    EXPECT_LE(steps, bound(p + "**c", name)) << n;
    EXPECT_GT(steps, name.size()) << n;  // it did walk the name
    EXPECT_TRUE(glob_match_counted(p + "**", name, &steps));
    EXPECT_LE(steps, bound(p + "**", name)) << n;
    const std::string deep = "/" + std::string(300, 'a') + "/x/" + name;
    EXPECT_FALSE(glob_match_counted("/" + p + "*/*c", deep, &steps));
    EXPECT_LE(steps, bound("/" + p + "*/*c", deep)) << n;
  }
}

// Review B3: all globs of one model share one budget of directory entries.
TEST(Glob, TotalWorkIsCapped) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tw_glob_cap_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "d");
  for (int i = 0; i < 50; ++i) std::ofstream(dir / "d" / ("f" + std::to_string(i))) << "x";
  size_t left = 120;
  auto first = expand_glob(dir.string(), "**/nomatch1", 200000, &left);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(left, 120u - 51u);  // the folder and its 50 files
  auto second = expand_glob(dir.string(), "**/nomatch2", 200000, &left);
  ASSERT_TRUE(second.ok());
  auto third = expand_glob(dir.string(), "**/nomatch3", 200000, &left);
  ASSERT_FALSE(third.ok());
  EXPECT_NE(third.error().message.find("together visit more than"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tw::base
