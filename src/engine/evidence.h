#pragma once
// Verification evidence: the append-only history of `threatwright verify` runs that sits beside
// a model (docs/verify.md), and the latest state of each control derived from it and from
// manual verifications (`verified_on` + `max_age_days`).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "engine/analysis.h"
#include "model/model.h"

namespace tw::engine {

/// Format version written in every evidence file (`"threatwright_evidence": 1`).
inline constexpr int kEvidenceFormat = 1;

/// One run of one control's verification command.
struct EvidenceRecord {
  std::string control;
  std::string command;
  std::string started_at;  ///< UTC, "YYYY-MM-DDTHH:MM:SSZ"
  long long duration_ms = 0;
  std::optional<int> exit_code;  ///< nullopt when killed (timeout, signal)
  bool timed_out = false;
  bool passed = false;      ///< serialised as "result": "pass" | "fail"
  std::string reason;       ///< why it failed ("exit code 1, expected 0"); empty on pass
  std::string output_tail;  ///< last bytes of stdout (valid UTF-8)
  std::string stderr_tail;  ///< last bytes of stderr (valid UTF-8)
  std::string git_commit;   ///< HEAD of the model's repository, when there is one

  /// The date part of started_at; nullopt when malformed.
  std::optional<base::Date> date() const;
};

/// An evidence file: every record ever appended, oldest first.
struct EvidenceFile {
  std::vector<EvidenceRecord> records;
};

/// Where evidence for the model at `model_path` lives by default: beside it, the model's file
/// name with its extension (.yaml, .yml, .json) replaced by ".evidence.json".
std::string default_evidence_path(const std::string& model_path);

/// Parses an evidence file's JSON text. Unknown keys are kept out; a malformed file is an Error
/// (never silently treated as empty: `verify` must not overwrite a history it cannot read).
base::Result<EvidenceFile> parse_evidence(std::string_view json);

/// The JSON text of an evidence file (stable key order, one record per line, ends in '\n').
std::string serialize_evidence(const EvidenceFile& file);

/// Reads the evidence file at `path`; a file that does not exist is an empty history.
base::Result<EvidenceFile> read_evidence(const std::string& path);

/// Whether a command's outcome meets its expectation: sets `passed` and `reason` of `r` from its
/// exit_code, timed_out and the full captured stdout. With no expectation, exit code 0 passes.
void judge(const model::Expectation& expect, const std::string& stdout_text, EvidenceRecord& r);

/// The latest verification state of every control of `m` that has a verification, keyed by
/// control id: automated controls from the newest record of `file` for that control (records
/// dated after `today` are ignored), manual ones from `verified_on`. Passing or manual evidence
/// older than `max_age_days` is Stale; a record for a different command than the model's now
/// names counts as no evidence.
std::map<std::string, ControlEvidence> control_evidence(const model::Model& m,
                                                        const EvidenceFile& file,
                                                        base::Date today);

/// "passing", "failing", ... as used in messages and reports.
std::string_view evidence_state_name(ControlEvidence::State s);

}  // namespace tw::engine
