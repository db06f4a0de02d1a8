#pragma once
// Small text utilities shared by all layers.

#include <string>
#include <string_view>
#include <vector>

namespace tw::base {

/// Levenshtein distance, stopping early once it exceeds `max` (then returns max + 1).
size_t edit_distance(std::string_view a, std::string_view b, size_t max);

/// The closest candidate to `word` by edit distance when close enough to be a likely typo
/// (distance at most 1 for short words, about a third of the length otherwise); else empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

/// `s` as a JSON string literal (quotes included). Invalid UTF-8 becomes U+FFFD.
std::string json_quote(std::string_view s);

/// One code point per element: the text with invalid UTF-8 replaced by U+FFFD and control
/// characters other than tab by '?'. Returns the sanitised text.
std::string printable(std::string_view s);

/// True when `s` is valid UTF-8.
bool valid_utf8(std::string_view s);

/// Joins with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Single-quotes a value for a message: 'value', shortened to 60 characters.
std::string squote(std::string_view s);

}  // namespace tw::base
