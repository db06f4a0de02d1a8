#pragma once
// Source files and positions inside them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tw::base {

/// One file read from disk (or given as text), kept whole so diagnostics can quote it.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  /// The path as shown to users (relative when the user gave a relative path).
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  /// The text of line `line` (1-based) without its line terminator; empty past the end.
  std::string_view line_text(uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  mutable std::vector<uint32_t> line_starts_;  // built on first use
};

/// A position in a source file. Lines and columns are 1-based; `len` is the width of the
/// highlighted token (at least 1 when shown).
struct Loc {
  const SourceFile* file = nullptr;
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t len = 0;

  bool valid() const { return file != nullptr && line > 0; }
  const std::string& path() const;
};

}  // namespace tw::base
