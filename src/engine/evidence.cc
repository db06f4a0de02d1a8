#include "engine/evidence.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "base/file.h"
#include "base/text.h"
#include "engine/pattern.h"

namespace tw::engine {

namespace {

using Json = nlohmann::ordered_json;

constexpr uint64_t kMaxEvidenceBytes = 256ull << 20;

std::string str_field(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace

std::optional<base::Date> EvidenceRecord::date() const {
  if (started_at.size() < 10) return std::nullopt;
  return base::parse_date(std::string_view(started_at).substr(0, 10));
}

std::string default_evidence_path(const std::string& model_path) {
  std::filesystem::path p(model_path);
  std::string ext = p.extension().string();
  if (ext == ".yaml" || ext == ".yml" || ext == ".json") p.replace_extension();
  return p.string() + ".evidence.json";
}

base::Result<EvidenceFile> parse_evidence(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Error{"not valid JSON"};
  if (!j.is_object()) return base::Error{"expected a JSON object"};
  auto version = j.find("threatwright_evidence");
  if (version == j.end() || !version->is_number_integer()) {
    return base::Error{"missing \"threatwright_evidence\": " + std::to_string(kEvidenceFormat)};
  }
  if (version->get<long long>() != kEvidenceFormat) {
    return base::Error{"unsupported evidence format version " + version->dump()};
  }
  auto records = j.find("records");
  if (records == j.end() || !records->is_array()) {
    return base::Error{"missing \"records\" array"};
  }
  EvidenceFile file;
  size_t n = 0;
  for (const Json& r : *records) {
    ++n;
    auto bad = [&](const std::string& what) {
      return base::Error{"record " + std::to_string(n) + ": " + what};
    };
    if (!r.is_object()) return bad("expected an object");
    EvidenceRecord e;
    e.control = str_field(r, "control");
    if (e.control.empty()) return bad("missing \"control\"");
    e.command = str_field(r, "command");
    e.started_at = str_field(r, "started_at");
    if (!e.date()) return bad("\"started_at\" is not an ISO date-time");
    std::string result = str_field(r, "result");
    if (result != "pass" && result != "fail") return bad("\"result\" must be \"pass\" or \"fail\"");
    e.passed = result == "pass";
    if (auto it = r.find("exit_code"); it != r.end() && it->is_number_integer()) {
      e.exit_code = it->get<int>();
    }
    if (auto it = r.find("duration_ms"); it != r.end() && it->is_number()) {
      e.duration_ms = it->get<long long>();
    }
    if (auto it = r.find("timed_out"); it != r.end() && it->is_boolean()) {
      e.timed_out = it->get<bool>();
    }
    e.reason = str_field(r, "reason");
    e.output_tail = str_field(r, "output_tail");
    e.stderr_tail = str_field(r, "stderr_tail");
    e.git_commit = str_field(r, "git_commit");
    file.records.push_back(std::move(e));
  }
  return file;
}

std::string serialize_evidence(const EvidenceFile& file) {
  std::string out =
      "{\"threatwright_evidence\": " + std::to_string(kEvidenceFormat) + ", \"records\": [";
  bool first = true;
  for (const EvidenceRecord& e : file.records) {
    Json r;
    r["control"] = base::printable(e.control);
    r["command"] = base::printable(e.command);
    r["started_at"] = e.started_at;
    r["duration_ms"] = e.duration_ms;
    r["exit_code"] = e.exit_code ? Json(*e.exit_code) : Json(nullptr);
    r["timed_out"] = e.timed_out;
    r["result"] = e.passed ? "pass" : "fail";
    r["reason"] = base::printable(e.reason);
    r["output_tail"] = e.output_tail;
    r["stderr_tail"] = e.stderr_tail;
    r["git_commit"] = e.git_commit;
    out += first ? "\n  " : ",\n  ";
    first = false;
    // Invalid UTF-8 is replaced rather than thrown on: outputs are arbitrary bytes.
    out += r.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

base::Result<EvidenceFile> read_evidence(const std::string& path) {
  std::error_code ec;
  // Nothing there (not even a dangling link) is an empty history; anything else must be a
  // regular file in the model's folder (review B8: a link to /dev/stdin or /dev/zero).
  if (std::filesystem::symlink_status(path, ec).type() == std::filesystem::file_type::not_found) {
    return EvidenceFile{};
  }
  base::Result<std::string> text = base::read_file(path, kMaxEvidenceBytes, base::folder_of(path));
  if (!text) return text.error();
  base::Result<EvidenceFile> file = parse_evidence(*text);
  if (!file) return base::Error{path + ": " + file.error().message};
  return file;
}

void judge(const model::Expectation& expect, const std::string& stdout_text, EvidenceRecord& r) {
  r.passed = false;
  r.reason.clear();
  if (r.timed_out) {
    r.reason = "timed out after " + std::to_string(r.duration_ms / 1000) + " s";
    return;
  }
  if (!r.exit_code) {
    r.reason = "killed by a signal";
    return;
  }
  int want = expect.exit_code.value_or(0);
  if (expect.exit_code || expect.stdout_matches.empty()) {
    if (*r.exit_code != want) {
      r.reason = "exit code " + std::to_string(*r.exit_code) + ", expected " + std::to_string(want);
      return;
    }
  }
  if (!expect.stdout_matches.empty()) {
    // RE2: linear in the output, whatever the pattern (no backtracking).
    Pattern re(expect.stdout_matches);
    if (!re.ok()) {
      r.reason = "stdout_matches is not a valid regular expression";
      return;
    }
    if (!re.matches_a_line(stdout_text)) {
      r.reason = "no line of stdout matches " + base::squote(expect.stdout_matches);
      return;
    }
  }
  r.passed = true;
}

std::string_view evidence_state_name(ControlEvidence::State s) {
  switch (s) {
    case ControlEvidence::State::None:
      return "none";
    case ControlEvidence::State::Passing:
      return "passing";
    case ControlEvidence::State::Failing:
      return "failing";
    case ControlEvidence::State::Stale:
      return "stale";
    case ControlEvidence::State::Manual:
      return "manual";
  }
  return "none";
}

std::map<std::string, ControlEvidence> control_evidence(const model::Model& m,
                                                        const EvidenceFile& file,
                                                        base::Date today) {
  using State = ControlEvidence::State;
  std::map<std::string, ControlEvidence> out;
  // Newest usable record index per control, in file order (the file is append-only).
  std::map<std::string, std::vector<size_t>> by_control;
  for (size_t i = 0; i < file.records.size(); ++i) {
    const EvidenceRecord& r = file.records[i];
    auto d = r.date();
    if (!d || *d > today) continue;  // future-dated records prove nothing
    by_control[r.control].push_back(i);
  }
  for (const model::Control& c : m.controls) {
    if (!c.verification) continue;
    const model::Verification& v = *c.verification;
    ControlEvidence ev;
    auto stale = [&](base::Date d) {
      return v.max_age_days && today.days() - d.days() > *v.max_age_days;
    };
    if (v.automated()) {
      auto it = by_control.find(c.id);
      if (it == by_control.end()) {
        ev.detail = "no verification run recorded";
      } else {
        const std::vector<size_t>& idx = it->second;
        const EvidenceRecord& last = file.records[idx.back()];
        base::Date d = *last.date();
        if (last.command != v.command) {
          ev.detail = "the last recorded run (" + d.str() +
                      ") was of a different command than the model now names";
        } else if (last.passed) {
          ev.as_of = d;
          ev.state = stale(d) ? State::Stale : State::Passing;
          ev.detail = stale(d) ? "last passed " + d.str() + ", more than " +
                                     std::to_string(*v.max_age_days) + " days ago"
                               : "passing as of " + d.str();
        } else {
          ev.state = State::Failing;
          ev.as_of = d;
          base::Date since = d;
          for (size_t k = idx.size(); k-- > 0;) {
            const EvidenceRecord& r = file.records[idx[k]];
            if (r.passed || r.command != v.command) break;
            since = *r.date();
          }
          ev.failing_since = since;
          ev.detail = "failing since " + since.str() + ": " + last.reason;
        }
      }
    } else if (v.verified_on) {
      base::Date d = *v.verified_on;
      if (d > today) {
        ev.detail = "verified_on " + d.str() + " is in the future";
      } else {
        ev.as_of = d;
        ev.state = stale(d) ? State::Stale : State::Manual;
        ev.detail = stale(d) ? "manually verified " + d.str() + ", more than " +
                                   std::to_string(*v.max_age_days) + " days ago"
                             : "manually verified on " + d.str();
      }
    } else {
      ev.detail = v.manual.empty() ? "the verification names no command and no manual check"
                                   : "manual verification without verified_on";
    }
    out[c.id] = std::move(ev);
  }
  return out;
}

}  // namespace tw::engine
