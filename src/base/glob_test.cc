#include "base/glob.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tw::base
