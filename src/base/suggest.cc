#include "base/suggest.h"

#include <algorithm>

namespace tw::base {

size_t typo_distance(size_t length) { return length <= 4 ? 1 : std::max<size_t>(2, length / 3); }

SuggestionIndex::SuggestionIndex(std::vector<std::string_view> candidates)
    : words_(std::move(candidates)) {
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
}

std::string SuggestionIndex::suggest(std::string_view word) const {
  std::vector<std::string_view> found = search(word, false);
  return found.empty() ? std::string() : std::string(found.front());
}

std::vector<std::string_view> SuggestionIndex::closest(std::string_view word) const {
  return search(word, true);
}

std::vector<std::string_view> SuggestionIndex::search(std::string_view word, bool ties) const {
  std::vector<std::string_view> found;
  if (words_.empty() || std::binary_search(words_.begin(), words_.end(), word)) return found;
  const size_t n = word.size();
  // Accept a candidate at distance <= bound. Candidates come in byte order, so once one is
  // found only a strictly closer one can replace it.
  size_t bound = typo_distance(n);
  size_t best = bound + 1;
  // rows[k]: the table row of the first k characters of `cur` against `word`; valid up to
  // depth `valid`. row_min[k]: its smallest cell. A path through the table crosses every row,
  // or skips one by a transposition that costs as much as the diagonal cell it skips, so the
  // final distance is at least the minimum of any row.
  std::vector<std::vector<size_t>> rows(1, std::vector<size_t>(n + 1));
  std::vector<size_t> row_min(1, 0);
  for (size_t j = 0; j <= n; ++j) rows[0][j] = j;
  std::string_view cur;
  size_t valid = 0;
  size_t cells = 0;
  size_t i = 0;
  while (i < words_.size()) {
    std::string_view s = words_[i];
    size_t k = 0;
    size_t limit = std::min({valid, cur.size(), s.size()});
    while (k < limit && cur[k] == s[k]) ++k;
    cur = s;
    valid = k;
    if (rows.size() <= s.size()) {
      rows.resize(s.size() + 1, std::vector<size_t>(n + 1));
      row_min.resize(s.size() + 1);
    }
    bool pruned = false;
    for (k = valid + 1; k <= s.size(); ++k) {
      std::vector<size_t>& row = rows[k];
      const std::vector<size_t>& prev = rows[k - 1];
      const char c = s[k - 1];
      row[0] = k;
      size_t low = k;
      for (size_t j = 1; j <= n; ++j) {
        size_t v =
            std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (word[j - 1] == c ? 0 : 1)});
        if (k > 1 && j > 1 && word[j - 1] == s[k - 2] && word[j - 2] == c) {
          v = std::min(v, rows[k - 2][j - 2] + 1);
        }
        row[j] = v;
        low = std::min(low, v);
      }
      row_min[k] = low;
      valid = k;
      cells += n + 1;
      if (low > bound) {  // no candidate with this prefix is close enough: skip them all
        std::string_view prefix = s.substr(0, k);
        i = static_cast<size_t>(
            std::partition_point(words_.begin() + static_cast<std::ptrdiff_t>(i), words_.end(),
                                 [&](std::string_view w) { return w.substr(0, k) == prefix; }) -
            words_.begin());
        pruned = true;
        break;
      }
    }
    if (!pruned) {
      size_t d = rows[s.size()][n];
      if (d <= bound && (d < best || (ties && d == best))) {
        if (d < best) found.clear();
        best = d;
        found.push_back(s);
        if (d <= 1 && !ties) break;  // 0 is the word itself, which is not a candidate
        bound = ties ? d : d - 1;
      }
      ++i;
    }
    if (cells > kBudget) break;
  }
  return found;
}

}  // namespace tw::base
