#pragma once
// The analysis: generated and hand-written threats, rated, with controls, decisions and
// verification evidence applied. What check/, report/, diff/, mcp/ and cli/ consume.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "model/enums.h"
#include "model/model.h"

namespace tw::rules {
struct Rule;
class RuleSet;
}  // namespace tw::rules

namespace tw::engine {

struct Infrastructure;  // engine/infrastructure.h

enum class Severity { Info, Low, Medium, High, Critical };
std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view s);
/// Band for a score of likelihood x impact (1..25); documented in docs/risk.md.
Severity severity_for_score(int score);

enum class TargetKind { Component, Flow, Model, SupplyChain };
std::string_view target_kind_name(TargetKind k);

/// The latest verification result of a control, from the evidence file (verify).
struct ControlEvidence {
  enum class State { None, Passing, Failing, Stale, Manual };
  State state = State::None;
  std::optional<base::Date> as_of;  ///< date of the latest result
  std::optional<base::Date> failing_since;
  std::string detail;
};

/// What a threat shares with every other threat of its rule: its rule's text and references
/// (a hand-written threat has its own). Held by pointer so that threats stay small.
struct ThreatText {
  std::string rule_id;  ///< empty for hand-written threats
  std::string title;
  std::string mitigation;
  std::vector<int> cwe, capec;
};

/// A list of element ids shared by the threats it belongs to (e.g. the assets at stake on one
/// target, or the adversaries of one reach class).
using SharedIds = std::shared_ptr<const std::vector<std::string>>;

struct Threat {
  std::string id;                          ///< "<rule-id>@<target-id>", or the hand-written id
  std::shared_ptr<const ThreatText> text;  ///< null reads as empty text
  std::vector<model::Stride> stride;
  std::string target;  ///< component or flow id
  TargetKind target_kind = TargetKind::Component;
  /// Index of the target in the model's components, flows or supply_chain (by target_kind);
  /// -1 when unknown.
  int target_index = -1;
  int likelihood = 1, impact = 1, score = 1;
  Severity severity = Severity::Info;
  /// Score before any claim, control or decision lowered it.
  int inherent_score = 1;
  model::ThreatStatus status = model::ThreatStatus::Open;
  std::string status_reason;  ///< why it has this status (e.g. "acceptance expired 2026-01-01")
  /// The stated fact(s) that claim to counter the weakness ("input_validation: true"); empty
  /// when the rule found the weakness present or suspected.
  std::string claim;
  /// The rule's root cause ("rate_limited"): threats of one cause on one target are grouped.
  std::string root_cause;
  /// How the most capable fitting adversary reaches the target ("internet -> lb -> web (https)"),
  /// shared by the threats of one target; null when nobody does.
  std::shared_ptr<const std::string> reach_path;
  std::vector<std::string> controls;    ///< controls that claim to mitigate it (sorted)
  SharedIds asset_ids;                  ///< assets at stake (sorted); null when none
  SharedIds adversary_ids;              ///< adversaries able to reach the target (sorted)
  std::string description;              ///< what was detected on this target, in context
  std::string owner;                    ///< from the decision, if any
  std::optional<base::Date> review_by;  ///< from the decision, if any
  base::Loc loc;                        ///< the target element (or the hand-written threat)

  const std::string& rule_id() const { return txt().rule_id; }
  const std::string& title() const { return txt().title; }
  const std::string& mitigation() const { return txt().mitigation; }
  const std::vector<int>& cwe() const { return txt().cwe; }
  const std::vector<int>& capec() const { return txt().capec; }
  const std::vector<std::string>& assets() const { return asset_ids ? *asset_ids : no_ids(); }
  const std::vector<std::string>& adversaries() const {
    return adversary_ids ? *adversary_ids : no_ids();
  }
  const std::string& reach() const { return reach_path ? *reach_path : no_text().title; }

 private:
  const ThreatText& txt() const { return text ? *text : no_text(); }
  static const ThreatText& no_text();
  static const std::vector<std::string>& no_ids();
};

struct Summary {
  int total = 0;
  std::map<std::string, int> by_severity;  ///< open threats by severity name
  std::map<std::string, int> by_status;    ///< all threats by status name
  std::map<std::string, int> by_stride;    ///< all threats by STRIDE category name
};

/// Per element (components, flows by index): STRIDE categories (bit 1 << Stride) in which a rule
/// that applies there was evaluated on known facts and found nothing (`considered`), or could
/// not decide because a fact is unknown (`undecided`). docs/quality-gate.md, threat-coverage.
struct Coverage {
  std::vector<uint8_t> components_considered, flows_considered;
  std::vector<uint8_t> components_undecided, flows_undecided;
};

struct Analysis {
  std::vector<Threat> threats;  ///< sorted by id
  Coverage coverage;
  Summary summary;
  std::map<std::string, ControlEvidence> evidence;  ///< per control id
  base::Diagnostics diagnostics;  ///< dangling threat ids in controls/decisions, rule-pack errors
  /// Rule-pack files that diagnostics point into (the model's own files are owned by the model).
  std::vector<std::shared_ptr<const base::SourceFile>> sources;
  /// What infrastructure files showed (`--infra DIR`); null when none were read.
  std::shared_ptr<const Infrastructure> infrastructure;
  const Threat* find(const std::string& id) const;
};

/// Statuses that decide a threat away without fixing it: accepted, transferred, false-positive,
/// not-applicable (docs/diff.md, "suppressed").
bool suppressed(model::ThreatStatus s);

struct AnalyzeOptions {
  base::Date today;                    ///< for expiry and staleness
  std::vector<std::string> rule_dirs;  ///< --rules DIR (custom packs)
  /// Latest verification state per control id (engine/evidence.h reads it from the evidence
  /// file beside the model); controls absent here have State::None.
  std::map<std::string, ControlEvidence> evidence;
};

/// Runs every rule over the model, rates, applies controls, decisions and evidence. Custom
/// rule packs come from `options.rule_dirs` and the model's `rules:`; their mistakes are
/// reported in Analysis::diagnostics.
Analysis analyze(const model::Model& model, const AnalyzeOptions& options);
/// The same with rules compiled beforehand (built-in plus any packs); `options.rule_dirs` and
/// the model's `rules:` are then ignored.
Analysis analyze(const model::Model& model,
                 const AnalyzeOptions& options,
                 const rules::RuleSet& rules);

}  // namespace tw::engine
