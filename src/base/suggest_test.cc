#include "base/suggest.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "base/text.h"

namespace tw::base {
namespace {

// The scan the index replaces: every candidate's bounded edit distance, the closest within
// typo_distance(), ties to the smallest, nothing for the word itself.
std::string scan(std::string_view word, const std::vector<std::string_view>& candidates) {
  size_t max = typo_distance(word.size());
  size_t best = max + 1;
  std::string_view pick;
  for (std::string_view c : candidates) {
    size_t d = edit_distance(word, c, max);
    if (d < best || (d == best && !pick.empty() && c < pick)) {
      best = d;
      pick = c;
    }
  }
  if (best > max || best == 0) return {};
  return std::string(pick);
}

std::vector<std::string_view> views(const std::vector<std::string>& v) {
  return std::vector<std::string_view>(v.begin(), v.end());
}

TEST(SuggestionIndex, Typos) {
  std::vector<std::string> ids = {"orders-db",     "orders-api", "web",      "payments",
                                  "admin-console", "api",        "postgres", "https"};
  SuggestionIndex index(views(ids));
  EXPECT_EQ(index.suggest("oders-db"), "orders-db");     // deletion
  EXPECT_EQ(index.suggest("orders-dbb"), "orders-db");   // insertion
  EXPECT_EQ(index.suggest("ordres-api"), "orders-api");  // transposition
  EXPECT_EQ(index.suggest("admin-panel"), "");           // too far for a typo
  EXPECT_EQ(index.suggest("admin-consle"), "admin-console");
  EXPECT_EQ(index.suggest("htps"), "https");
  EXPECT_EQ(index.suggest("web"), "");  // a candidate itself is not a suggestion
  EXPECT_EQ(index.suggest("wbe"), "web");
  EXPECT_EQ(index.suggest("zzzzzzzz"), "");
  EXPECT_EQ(SuggestionIndex().suggest("web"), "");
}

TEST(SuggestionIndex, TiesGoToTheSmallest) {
  std::vector<std::string> ids = {"cab", "aab", "bab", "zzz"};
  EXPECT_EQ(SuggestionIndex(views(ids)).suggest("xab"), "aab");
  EXPECT_EQ(did_you_mean("xab", views(ids)), "aab");
  // closest() gives every tie, in order, for callers that break ties their own way.
  std::vector<std::string_view> all = SuggestionIndex(views(ids)).closest("xab");
  EXPECT_EQ(all, (std::vector<std::string_view>{"aab", "bab", "cab"}));
  std::vector<std::string> protocols = {"ftps", "https", "http"};
  EXPECT_EQ(SuggestionIndex(views(protocols)).closest("htps"),
            (std::vector<std::string_view>{"ftps", "https"}));
}

// The index answers exactly what the scan of every candidate answers, on many random sets of
// ids that share prefixes (as model ids do) and words made from them by random edits.
TEST(SuggestionIndex, SameAnswersAsTheScan) {
  std::mt19937 rng(12345);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const std::string alphabet = "abcde-1";
  const char* stems[] = {"", "comp-", "api", "orders-", "a"};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> ids;
    size_t count = 1 + pick(60);
    for (size_t i = 0; i < count; ++i) {
      std::string id = stems[pick(5)];
      size_t len = pick(9);
      for (size_t k = 0; k < len; ++k) id += alphabet[pick(alphabet.size())];
      ids.push_back(id);
    }
    std::vector<std::string_view> v = views(ids);
    SuggestionIndex index(v);
    for (int q = 0; q < 20; ++q) {
      std::string word = ids[pick(ids.size())];
      size_t edits = pick(5);
      for (size_t e = 0; e < edits; ++e) {
        size_t at = word.empty() ? 0 : pick(word.size() + 1);
        switch (pick(4)) {
          case 0:
            word.insert(word.begin() + static_cast<std::ptrdiff_t>(at),
                        alphabet[pick(alphabet.size())]);
            break;
          case 1:
            if (at < word.size()) word.erase(at, 1);
            break;
          case 2:
            if (at < word.size()) word[at] = alphabet[pick(alphabet.size())];
            break;
          default:
            if (at + 1 < word.size()) std::swap(word[at], word[at + 1]);
        }
      }
      EXPECT_EQ(index.suggest(word), scan(word, v)) << "word '" << word << "'";
      EXPECT_EQ(did_you_mean(word, v), scan(word, v)) << "word '" << word << "'";
    }
  }
}

// Many ids of one shape, as in the security review's model: answers stay exact.
TEST(SuggestionIndex, ManyIdsOfOneShape) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) ids.push_back("comp-" + std::to_string(i));
  std::vector<std::string_view> v = views(ids);
  SuggestionIndex index(v);
  for (std::string word : {"cmop-1234", "comp-12345x", "comp_777", "missing-17", "flow-3", "comp-",
                           "ghost-component-99"}) {
    EXPECT_EQ(index.suggest(word), scan(word, v)) << "word '" << word << "'";
  }
  EXPECT_EQ(index.suggest("cmop-1234"), "comp-1234");
  EXPECT_EQ(index.suggest("missing-17"), "");
}

}  // namespace
}  // namespace tw::base
