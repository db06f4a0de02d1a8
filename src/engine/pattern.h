#pragma once
// `verification.expect.stdout_matches`: RE2 regular expressions, matched in time linear in the
// length of the output (no backtracking, so no pattern makes a match run away; docs/verify.md).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "model/model.h"

namespace re2 {
class RE2;
}

namespace tw::engine {

/// Longest pattern accepted, in bytes.
inline constexpr size_t kMaxPatternBytes = 1024;
/// Largest compiled pattern accepted, in RE2 program instructions: bounds the cost per byte of
/// output even when RE2 falls back from its DFA to its NFA.
inline constexpr int kMaxPatternProgram = 4000;

/// Why a pattern is refused, and where in the pattern (byte offset).
struct PatternError {
  size_t offset = 0;
  std::string message;
};

/// A compiled stdout_matches pattern.
class Pattern {
 public:
  /// Compiles `text` (RE2 syntax); an error says what is wrong and where.
  static std::optional<PatternError> check(std::string_view text);
  explicit Pattern(std::string_view text);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  bool ok() const;
  /// Whether the pattern matches somewhere in at least one line of `text` (lines split at '\n',
  /// a trailing '\r' removed). Linear in the size of `text`.
  bool matches_a_line(std::string_view text) const;

 private:
  std::unique_ptr<re2::RE2> re_;
};

/// Checks every stdout_matches of `m`: an invalid one is a `bad-pattern` error at its position
/// in the model file (the column of the offending part of the pattern when the value is written
/// on one line without escapes, else the start of the value).
void check_patterns(const model::Model& m, base::Diagnostics& out);

}  // namespace tw::engine
