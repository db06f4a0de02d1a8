#pragma once
// "Did you mean": the closest of a fixed set of words to a misspelt one. Built once over the
// candidates (ids, keys, a vocabulary) and asked many times: a dangling reference among 300,000
// ids costs a walk of the ids' shared prefixes, not one edit distance per id.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tw::base {

/// The largest edit distance that still reads as a typo of a word of `length` characters:
/// 1 up to four characters, else about a third of the length (at least 2).
size_t typo_distance(size_t length);

/// The candidates, sorted, searched as an implicit trie: strings that share a prefix share the
/// rows of the edit-distance table for it, and a prefix whose row is already too far is skipped
/// with every candidate that starts with it.
class SuggestionIndex {
 public:
  SuggestionIndex() = default;
  /// The views must outlive the index.
  explicit SuggestionIndex(std::vector<std::string_view> candidates);

  /// The candidate closest to `word` by edit distance (optimal string alignment: insertions,
  /// deletions, substitutions and adjacent transpositions cost 1) within typo_distance(), the
  /// smallest in byte order among equally close ones; empty when none is that close or `word`
  /// itself is a candidate. The same answer as a scan of every candidate, unless the search
  /// takes more than `kBudget` table cells (only over very large sets of long, unrelated
  /// candidates): then the closest found so far.
  std::string suggest(std::string_view word) const;
  /// Every candidate as close as suggest()'s, sorted: for callers that break ties their own way.
  std::vector<std::string_view> closest(std::string_view word) const;

  size_t size() const { return words_.size(); }
  /// The candidates, sorted, without duplicates.
  const std::vector<std::string_view>& words() const { return words_; }
  bool empty() const { return words_.empty(); }

  /// Table cells one suggest() may compute (about 2-4 ms).
  static constexpr size_t kBudget = size_t{1} << 21;

 private:
  std::vector<std::string_view> search(std::string_view word, bool ties) const;
  std::vector<std::string_view> words_;  // sorted, unique
};

}  // namespace tw::base
