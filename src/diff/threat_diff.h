#pragma once
// The diff of two analyses: threats new, resolved, and changed in severity or status (a join on
// the engine's stable threat ids), acceptances that expired, and the --fail-on gate.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "diff/model_diff.h"
#include "engine/analysis.h"

namespace tw::diff {

enum class ThreatChangeKind {
  New,            ///< raised now, not before
  NewSuppressed,  ///< a new weakness hidden at birth by a decision or not_applicable entry
  Suppressed,     ///< raised in both, now decided away (accepted, transferred, ...)
  Changed,        ///< raised in both, with another severity or status
  Resolved,       ///< raised before, no longer raised: the weakness is gone
};
std::string_view threat_change_name(ThreatChangeKind k);

struct ThreatChange {
  ThreatChangeKind kind = ThreatChangeKind::New;
  std::string id, title, target, rule_id;
  /// Unset on the side where the threat does not exist.
  std::optional<engine::Severity> severity_before, severity_after;
  std::optional<model::ThreatStatus> status_before, status_after;
  std::optional<int> score_before, score_after;
  std::string status_reason;  ///< of the side that exists, the new one when both do
  /// Severity of the new side before any claim, control or decision lowered it.
  std::optional<engine::Severity> inherent_after;

  bool open_after() const { return status_after == model::ThreatStatus::Open; }
  bool severity_changed() const {
    return kind == ThreatChangeKind::Changed && severity_before != severity_after;
  }
  bool status_changed() const {
    return kind == ThreatChangeKind::Changed && status_before != status_after;
  }
};

/// An accepted decision whose review date has passed in the new model, and had not (or did not
/// exist) in the old one at its own date.
struct ExpiredAcceptance {
  std::string threat;
  std::string title;  ///< of the threat, when the analysis knows it
  base::Date review_by;
  std::string owner;
  Place where;
};

struct ThreatDiff {
  /// Sorted by kind (new, changed, resolved), then severity (highest first), then id.
  std::vector<ThreatChange> threats;
  std::vector<ExpiredAcceptance> expired;  ///< sorted by threat id
  bool empty() const { return threats.empty() && expired.empty(); }
  size_t count(ThreatChangeKind k) const;
};

/// Joins two analyses on threat id.
ThreatDiff diff_threats(const engine::Analysis& before, const engine::Analysis& after);

/// Acceptances expired at `today` in `after` that were not already expired in `before` at
/// `base_day` (the day the old model is judged at: the base commit's date in git mode).
std::vector<ExpiredAcceptance> expired_acceptances(const model::Model& before,
                                                   base::Date base_day,
                                                   const model::Model& after,
                                                   base::Date today,
                                                   const engine::Analysis* analysis_after);

/// The threats that fail `--fail-on threshold`: open now at or above it, and before absent, not
/// open, or of a lower severity; and new weaknesses already suppressed whose inherent severity is
/// at or above it. Sorted ids.
std::vector<std::string> gate_failures(const ThreatDiff& d, engine::Severity threshold);

}  // namespace tw::diff
