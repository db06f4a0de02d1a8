#pragma once
// Everything `threatwright diff` reports, and its three renderings: a terminal view, Markdown
// for a pull-request comment, and JSON (documented in docs/diff.md).

#include <optional>
#include <string>
#include <vector>

#include "diff/code_drift.h"
#include "diff/model_diff.h"
#include "diff/threat_diff.h"

namespace tw::diff {

struct ChangeReport {
  std::string before, after;  ///< labels: "model.yaml", "HEAD (1a2b3c4d5e6f)", "working tree"
  std::string model_path;     ///< git mode: the model file compared
  bool git = false;           ///< --base mode (code drift was looked for)
  ModelDiff model;
  ThreatDiff threats;
  std::vector<CodeDrift> drift;
  std::optional<engine::Severity> fail_on;  ///< --fail-on
  std::vector<std::string> gate;            ///< threats that fail it (sorted ids)
  bool fail_on_drift = false;               ///< --fail-on-drift: code drift fails the gate

  /// Whether anything changed (expired acceptances alone are not a change of the model).
  bool changed() const { return !model.empty() || !threats.threats.empty() || !drift.empty(); }
  bool gate_failed() const {
    return (fail_on.has_value() && !gate.empty()) || (fail_on_drift && !drift.empty());
  }
};

/// The one-line summary, "no change" when nothing changed.
std::string summary_line(const ChangeReport& r);

std::string render_text(const ChangeReport& r, bool color);
std::string render_markdown(const ChangeReport& r);
std::string render_json(const ChangeReport& r);

}  // namespace tw::diff
