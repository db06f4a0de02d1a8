#pragma once
// The workbench's triage actions as minimal edits of the model's text: accept a risk, mark a
// false positive, link a threat to a control, record that a STRIDE category does not apply.
// Each action adds one item to a list (or one id to a control's `mitigates`) at the positions
// libyaml reports (load/layout.h); every other byte of the file, comments and formatting
// included, stays as it was. Parsing and editing are pure functions of their input; the
// server (workbench.h) checks the version, validates the edited model and writes it.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace tw::serve {

/// One triage action, as the page posts it (JSON).
struct TriageAction {
  enum class Kind { Accept, FalsePositive, Link, NotApplicable };
  Kind kind = Kind::Accept;
  std::string threat;               ///< accept, false-positive, link: the threat id
  std::string rationale;            ///< accept, false-positive; not-applicable: its `because`
  std::string owner;                ///< accept (required), false-positive (optional)
  std::string review_by;            ///< accept: YYYY-MM-DD
  std::string control;              ///< link: the control id
  std::string target;               ///< not-applicable: component or flow id
  std::vector<std::string> stride;  ///< not-applicable: STRIDE categories
  /// The content hash of the model file the page was showing (`version` of /api/model).
  std::string base;
};

/// Reads a triage request body: `{"action": "accept" | "false-positive" | "link" |
/// "not-applicable", "base": "<hash>", ...fields}`. Every field is checked (present when
/// required, a string of bounded length without control characters, a date, STRIDE names);
/// an Error says which field is wrong.
base::Result<TriageAction> parse_triage(std::string_view body);

/// `text` with the action applied, or an Error (the section is not a list, the control is not
/// in this file, the threat already has a decision, ...). The result is not validated here.
base::Result<std::string> apply_triage(const std::string& text, const TriageAction& action);

}  // namespace tw::serve
