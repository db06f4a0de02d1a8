#pragma once
// The quality gate: the criteria that separate a good threat model from a bad one, checked
// against a loaded model and its analysis. Each finding is a diagnostic with a stable code, a
// location, a message and a fix hint; the report card says which criteria are met.

#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "engine/analysis.h"
#include "model/model.h"

namespace tw::check {

/// One criterion of a good threat model and the diagnostic codes that report its gaps.
struct Criterion {
  std::string_view id;     ///< kebab-case, stable
  std::string_view title;  ///< what "met" means, one line
  std::vector<std::string_view> codes;
};

/// Every criterion, in report-card order.
const std::vector<Criterion>& criteria();

/// The criterion that owns a diagnostic code, or null for codes that are not lint codes.
const Criterion* criterion_of(std::string_view code);

struct LintOptions {
  base::Date today;  ///< for expiry, staleness and review cadence
  /// Warnings are reported as errors.
  bool strict = false;
  /// False: warnings are only counted (in the report card), not kept as diagnostics.
  bool warnings = true;
  /// A component with at least this many distinct callers is "depended on" whatever its kind.
  int many_dependents = 3;
  /// Set when the evidence file could not be read (reported under evidence-current).
  std::string evidence_error;
  /// Look on disk for the files of each component's `code:` globs ([code-glob-empty]).
  bool check_code = false;
  /// Diagnostics kept (all are counted, and the report card counts all of them).
  size_t max_diagnostics = 1000;
};

/// One line of the report card.
struct CardEntry {
  std::string id, title;
  bool applicable = true;  ///< false e.g. for STRIDE coverage of a PASTA model
  size_t errors = 0, warnings = 0;
  bool met() const { return errors == 0 && warnings == 0; }
};

struct LintResult {
  base::Diagnostics diagnostics;  ///< sorted by position
  std::vector<CardEntry> card;    ///< in criteria() order
};

/// Checks every criterion. Reads `analysis.threats` (for coverage) and `analysis.evidence`
/// (the latest verification state per control). Never runs anything.
LintResult lint(const model::Model& m, const engine::Analysis& analysis, const LintOptions& o);

/// "report card: 7 of 9 criteria met" and one line per criterion.
std::string render_card_text(const std::vector<CardEntry>& card, bool color);

/// The diagnostics as base::render_json renders them, plus "report_card": {...}.
std::string render_check_json(const base::Diagnostics& ds, const std::vector<CardEntry>& card);

}  // namespace tw::check
