#include "engine/evidence.h"

#include <gtest/gtest.h>

#include "load/loader.h"

namespace tw::engine {
namespace {

using State = ControlEvidence::State;

const base::Date kToday{2026, 11, 26};

const char* kModel = R"(threatwright: 1
system: {name: T, methodology: stride}
assets:
  - {id: data, name: Data, value: high, impact: Leak of all records.}
components:
  - {id: api, name: API, type: process, stores: [data]}
threats:
  - {id: leak, title: Data leak, stride: [information-disclosure], target: api, likelihood: 3, impact: 4}
controls:
  - id: auto
    mechanism: Output filter.
    status: implemented
    mitigates: [leak]
    verification: {command: ./t.sh, expect: {exit_code: 0}, max_age_days: 30}
  - id: manual
    mechanism: Review.
    status: implemented
    verification: {manual: Quarterly review, verified_on: 2026-10-01, max_age_days: 90}
  - id: undated
    mechanism: Review.
    status: implemented
    verification: {manual: Someone looks at it}
  - {id: none, mechanism: Nothing to run., status: implemented}
)";

std::unique_ptr<model::Model> load(const std::string& text = kModel) {
  auto r = load::load_model_text("m.yaml", text);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  return std::move(r.model);
}

EvidenceRecord rec(std::string control, std::string day, bool passed, std::string cmd = "./t.sh") {
  EvidenceRecord r;
  r.control = std::move(control);
  r.command = std::move(cmd);
  r.started_at = day + "T10:00:00Z";
  r.passed = passed;
  r.exit_code = passed ? 0 : 1;
  if (!passed) r.reason = "exit code 1, expected 0";
  return r;
}

TEST(Evidence, DefaultPathSitsBesideTheModel) {
  EXPECT_EQ(default_evidence_path("threat-model.yaml"), "threat-model.evidence.json");
  EXPECT_EQ(default_evidence_path("a/b/m.yml"), "a/b/m.evidence.json");
  EXPECT_EQ(default_evidence_path("m.json"), "m.evidence.json");
  EXPECT_EQ(default_evidence_path("model"), "model.evidence.json");
}

TEST(Evidence, RoundTrip) {
  EvidenceFile f;
  f.records.push_back(rec("auto", "2026-11-20", true));
  EvidenceRecord fail = rec("auto", "2026-11-21", false);
  fail.output_tail = "line\n\xff bad utf-8";
  fail.timed_out = true;
  fail.exit_code.reset();
  fail.git_commit = "0123456789abcdef0123456789abcdef01234567";
  fail.duration_ms = 1234;
  f.records.push_back(fail);
  std::string text = serialize_evidence(f);
  EXPECT_EQ(text.substr(0, 47), "{\"threatwright_evidence\": 1, \"records\": [\n  {\"c");
  auto back = parse_evidence(text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->records.size(), 2u);
  const EvidenceRecord& b = back->records[1];
  EXPECT_EQ(b.control, "auto");
  EXPECT_EQ(b.started_at, "2026-11-21T10:00:00Z");
  EXPECT_FALSE(b.passed);
  EXPECT_TRUE(b.timed_out);
  EXPECT_FALSE(b.exit_code.has_value());
  EXPECT_EQ(b.duration_ms, 1234);
  EXPECT_EQ(b.output_tail, "line\n\xef\xbf\xbd bad utf-8");
  EXPECT_EQ(b.git_commit, fail.git_commit);
  EXPECT_EQ(serialize_evidence(EvidenceFile{}),
            "{\"threatwright_evidence\": 1, \"records\": []}\n");
}

TEST(Evidence, MalformedFilesAreErrorsNotEmptyHistories) {
  EXPECT_EQ(parse_evidence("{").error().message, "not valid JSON");
  EXPECT_EQ(parse_evidence("[]").error().message, "expected a JSON object");
  EXPECT_EQ(parse_evidence("{\"records\": []}").error().message,
            "missing \"threatwright_evidence\": 1");
  EXPECT_EQ(parse_evidence("{\"threatwright_evidence\": 2, \"records\": []}").error().message,
            "unsupported evidence format version 2");
  EXPECT_EQ(parse_evidence("{\"threatwright_evidence\": 1}").error().message,
            "missing \"records\" array");
  EXPECT_EQ(parse_evidence("{\"threatwright_evidence\": 1, \"records\": [{\"control\": \"a\", "
                           "\"started_at\": \"yesterday\", \"result\": \"pass\"}]}")
                .error()
                .message,
            "record 1: \"started_at\" is not an ISO date-time");
  EXPECT_EQ(parse_evidence("{\"threatwright_evidence\": 1, \"records\": [{\"control\": \"a\", "
                           "\"started_at\": \"2026-01-01T00:00:00Z\", \"result\": \"ok\"}]}")
                .error()
                .message,
            "record 1: \"result\" must be \"pass\" or \"fail\"");
  EXPECT_TRUE(read_evidence("/nonexistent/dir/x.evidence.json").ok()) << "missing file: empty";
}

TEST(Evidence, JudgeExitCodeAndStdout) {
  EvidenceRecord r;
  r.exit_code = 0;
  judge({}, "", r);
  EXPECT_TRUE(r.passed);
  r.exit_code = 2;
  judge({}, "", r);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.reason, "exit code 2, expected 0");
  judge({3, ""}, "", r);
  EXPECT_EQ(r.reason, "exit code 2, expected 3");

  model::Expectation out{0, "^[0-9]+ findings?$"};
  r.exit_code = 0;
  judge(out, "scanning\n0 findings\ndone\n", r);
  EXPECT_TRUE(r.passed) << r.reason;
  judge(out, "scanning\n3 findings here\n", r);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.reason, "no line of stdout matches '^[0-9]+ findings?$'");
  // With only a pattern, the exit code is not checked.
  r.exit_code = 1;
  judge({std::nullopt, "ok"}, "all ok", r);
  EXPECT_TRUE(r.passed);
  judge({std::nullopt, "(unclosed"}, "x", r);
  EXPECT_EQ(r.reason, "stdout_matches is not a valid regular expression");

  r.timed_out = true;
  r.exit_code.reset();
  r.duration_ms = 5000;
  judge({}, "", r);
  EXPECT_EQ(r.reason, "timed out after 5 s");
  r.timed_out = false;
  judge({}, "", r);
  EXPECT_EQ(r.reason, "killed by a signal");
}

TEST(Evidence, JudgeLongOutputDoesNotBlowTheStack) {
  std::string big(4 << 20, 'a');
  big += "\nPASS\n";
  EvidenceRecord r;
  r.exit_code = 0;
  judge({0, "^PASS$"}, big, r);
  EXPECT_TRUE(r.passed) << r.reason;
  judge({0, "a.*b"}, big, r);
  EXPECT_FALSE(r.passed);
}

TEST(Evidence, StatePerControl) {
  auto m = load();
  EvidenceFile f;
  auto ev = control_evidence(*m, f, kToday);
  EXPECT_EQ(ev.count("none"), 0u) << "controls without verification are absent";
  EXPECT_EQ(ev["auto"].state, State::None);
  EXPECT_EQ(ev["auto"].detail, "no verification run recorded");
  EXPECT_EQ(ev["manual"].state, State::Manual);
  EXPECT_EQ(ev["manual"].as_of, (base::Date{2026, 10, 1}));
  EXPECT_EQ(ev["undated"].state, State::None);
  EXPECT_EQ(ev["undated"].detail, "manual verification without verified_on");

  // Passing, then stale past max_age_days.
  f.records.push_back(rec("auto", "2026-11-20", true));
  EXPECT_EQ(control_evidence(*m, f, kToday)["auto"].state, State::Passing);
  EXPECT_EQ(control_evidence(*m, f, kToday)["auto"].detail, "passing as of 2026-11-20");
  EXPECT_EQ(control_evidence(*m, f, base::Date{2026, 12, 20})["auto"].state, State::Passing);
  EXPECT_EQ(control_evidence(*m, f, base::Date{2026, 12, 21})["auto"].state, State::Stale);
  EXPECT_EQ(control_evidence(*m, f, base::Date{2027, 1, 1})["manual"].state, State::Stale);

  // Failing since the first of the trailing failures.
  f.records.push_back(rec("other", "2026-11-21", false));
  f.records.push_back(rec("auto", "2026-11-22", false));
  f.records.push_back(rec("auto", "2026-11-24", false));
  ControlEvidence failing = control_evidence(*m, f, kToday)["auto"];
  EXPECT_EQ(failing.state, State::Failing);
  EXPECT_EQ(failing.as_of, (base::Date{2026, 11, 24}));
  EXPECT_EQ(failing.failing_since, (base::Date{2026, 11, 22}));
  EXPECT_EQ(failing.detail, "failing since 2026-11-22: exit code 1, expected 0");

  // A later pass clears it; a future-dated record proves nothing.
  f.records.push_back(rec("auto", "2026-11-25", true));
  f.records.push_back(rec("auto", "2030-01-01", false));
  EXPECT_EQ(control_evidence(*m, f, kToday)["auto"].state, State::Passing);

  // Evidence for another command than the model names now is no evidence.
  f.records.push_back(rec("auto", "2026-11-26", true, "./old.sh"));
  ControlEvidence changed = control_evidence(*m, f, kToday)["auto"];
  EXPECT_EQ(changed.state, State::None);
  EXPECT_EQ(changed.detail,
            "the last recorded run (2026-11-26) was of a different command than the model now "
            "names");
}

TEST(Evidence, ManualVerificationInTheFutureIsNoEvidence) {
  std::string text = kModel;
  text.replace(text.find("verified_on: 2026-10-01"), 23, "verified_on: 2027-01-01");
  auto m = load(text);
  ControlEvidence ev = control_evidence(*m, {}, kToday)["manual"];
  EXPECT_EQ(ev.state, State::None);
  EXPECT_EQ(ev.detail, "verified_on 2027-01-01 is in the future");
}

TEST(Evidence, FailingVerificationKeepsTheThreatOpen) {
  auto m = load();
  AnalyzeOptions o;
  o.today = kToday;
  EvidenceFile f;
  f.records.push_back(rec("auto", "2026-11-25", true));
  o.evidence = control_evidence(*m, f, kToday);
  Analysis passing = analyze(*m, o);
  ASSERT_NE(passing.find("leak"), nullptr);
  EXPECT_EQ(passing.find("leak")->status, model::ThreatStatus::Mitigated);
  EXPECT_EQ(passing.evidence.at("auto").state, State::Passing);

  f.records.push_back(rec("auto", "2026-11-26", false));
  o.evidence = control_evidence(*m, f, kToday);
  Analysis failing = analyze(*m, o);
  const Threat* t = failing.find("leak");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->status, model::ThreatStatus::Open);
  EXPECT_NE(t->status_reason.find("failing"), std::string::npos) << t->status_reason;
  EXPECT_NE(t->status_reason.find("2026-11-26"), std::string::npos) << t->status_reason;
  EXPECT_EQ(failing.evidence.at("auto").state, State::Failing);
}

}  // namespace
}  // namespace tw::engine
