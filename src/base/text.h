#pragma once
// Small text utilities shared by all layers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tw::base {

/// Levenshtein distance, stopping early once it exceeds `max` (then returns max + 1).
size_t edit_distance(std::string_view a, std::string_view b, size_t max);

/// The closest candidate to `word` by edit distance when close enough to be a likely typo
/// (distance at most 1 for short words, about a third of the length otherwise); else empty.
/// One question: to ask many against the same candidates, build a base::SuggestionIndex.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

/// `s` as a JSON string literal (quotes included). Invalid UTF-8 becomes U+FFFD.
std::string json_quote(std::string_view s);

/// Text for a terminal: invalid UTF-8 replaced by U+FFFD; C0 controls other than tab, DEL,
/// C1 controls (U+0080-U+009F: some terminals read U+009B as CSI), line and paragraph
/// separators and every hidden_format() character replaced by '?', one '?' per code point.
std::string printable(std::string_view s);

/// printable() for text of several lines: newlines are kept, every other character as there.
std::string printable_lines(std::string_view s);

/// Decodes the UTF-8 sequence at s[i]: its length, or 0 when invalid (overlong, surrogate,
/// truncated, above U+10FFFF).
size_t utf8_decode(std::string_view s, size_t i, uint32_t* cp);

/// Format characters that are invisible or reorder what is shown: bidirectional embeddings,
/// overrides, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C),
/// zero-width characters (U+200B-U+200D, U+2060-U+2064, U+FEFF), the soft hyphen, deprecated
/// format characters (U+206A-U+206F), interlinear annotation, Hangul fillers and Unicode tag
/// characters (U+E0000-U+E007F, which can carry hidden ASCII to language models).
bool hidden_format(uint32_t cp);

/// True when `s` is valid UTF-8.
bool valid_utf8(std::string_view s);

/// Joins with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Single-quotes a value for a message: 'value', shortened to 60 characters.
std::string squote(std::string_view s);

/// The deepest nesting of `[` and `{` outside JSON strings, stopping once it passes `limit`:
/// a message nested deeper than a server accepts is refused before it is parsed.
int json_depth(std::string_view text, int limit);

}  // namespace tw::base
