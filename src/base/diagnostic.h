#pragma once
// Diagnostics: every problem found in a run, with its position, rendered like a compiler.

#include <cstddef>
#include <string>
#include <vector>

#include "base/source.h"

namespace tw::base {

enum class Severity { Error, Warning };

/// A related place shown under a diagnostic ("first defined here").
struct Note {
  Loc loc;
  std::string message;
};

/// One problem: `file:line:col: error: message [code]`, the source line, a caret, notes.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     ///< stable kebab-case code, e.g. "unknown-key"
  std::string message;  ///< what is wrong
  Loc loc;
  std::vector<Note> notes;
  std::string hint;  ///< how to fix it; may be empty
};

/// Collects diagnostics. Keeps at most `limit` of them but counts all.
class Diagnostics {
 public:
  /// Not explicit: a struct holding Diagnostics can be brace-initialised without naming it.
  Diagnostics() = default;
  explicit Diagnostics(size_t limit) : limit_(limit) {}

  Diagnostic& error(std::string code, Loc loc, std::string message);
  Diagnostic& warning(std::string code, Loc loc, std::string message);
  Diagnostic& add(Diagnostic d);
  void append(const Diagnostics& other);

  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  /// Whether more diagnostics were reported than kept.
  size_t dropped() const { return dropped_; }
  /// True while the limit is not reached: callers skip costly hints ("did you mean") after.
  bool wants_more() const { return items_.size() < limit_; }

  const std::vector<Diagnostic>& items() const { return items_; }
  /// Sorts by file, line, column, then code, for deterministic output.
  void sort();

 private:
  std::vector<Diagnostic> items_;
  Diagnostic overflow_;
  size_t limit_ = 1000;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  size_t dropped_ = 0;
};

/// Renders one diagnostic as text: header line, source line with caret, notes and hint.
std::string render_text(const Diagnostic& d, bool color);
/// Renders all diagnostics, then a count line such as "2 errors, 1 warning".
std::string render_text(const Diagnostics& ds, bool color);
/// Renders {"diagnostics": [...], "errors": N, "warnings": N} as JSON.
std::string render_json(const Diagnostics& ds);

const char* severity_name(Severity s);

}  // namespace tw::base
