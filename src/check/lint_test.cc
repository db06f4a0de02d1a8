#include "check/lint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "load/loader.h"
#include "model/enums.h"

namespace tw::check {
namespace {

using engine::ControlEvidence;

// A model that meets every criterion once `full_coverage` threatens each (element, STRIDE)
// pair. Each test plants one gap, checks that it is flagged, then fixes it.
const char* kGood = R"(threatwright: 1
system:
  name: Shop
  owner: sec@shop.example
  methodology: stride
  review: {cadence_days: 90, last_reviewed: 2026-10-01, reviewers: [priya]}
assets:
  - {id: creds, name: Credentials, value: critical, impact: Account takeover for all users.}
boundaries:
  - {id: internet, name: Internet, trust: untrusted}
  - {id: cloud, name: Cloud, trust: trusted}
components:
  - {id: user, name: User, type: external-entity, kind: browser, boundary: internet}
  - id: api
    name: API
    type: process
    kind: api
    boundary: cloud
    internet_facing: true
    authentication: password+mfa
    authorization: rbac
    input_validation: true
    audit_log: true
    fail_mode: closed
  - id: db
    name: Database
    type: data-store
    kind: sql-database
    boundary: cloud
    authentication: password
    stores: [creds]
    encrypted_at_rest: true
    backups: true
flows:
  - {id: login, from: user, to: api, protocol: https, data: [creds], encrypted: true, authenticated: false}
  - {id: query, from: api, to: db, protocol: sql-tls, data: [creds], encrypted: true, authenticated: true}
supply_chain:
  - {id: deps, kind: library, ecosystem: go, used_by: [api], pinned: true, integrity_checked: true}
controls:
  - id: mfa
    name: MFA
    mechanism: TOTP required at login.
    owner: identity
    status: implemented
    mitigates: [stuffing]
    verification: {command: ./check-mfa.sh, expect: {exit_code: 0}, max_age_days: 30}
  - id: pentest
    name: Pen test
    mechanism: Yearly external pen test of the API.
    status: implemented
    mitigates: [stuffing]
    verification: {manual: External pen test, verified_on: 2026-06-01, max_age_days: 365}
decisions:
  - {threat: stuffing, status: accepted, rationale: Residual risk is low., owner: CEO, review_by: 2027-03-31}
failure_modes:
  - {id: db-down, component: db, scenario: Database unreachable, behaviour: fail-closed, security_impact: None.}
)";

const base::Date kToday{2026, 11, 26};

// Replaces the one occurrence of `from` (the test fails if there is none).
std::string edit(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no '" << from << "' in the model";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct Linted {
  load::LoadResult load;
  engine::Analysis analysis;
  LintResult lint;

  // "code@line" for each diagnostic, in order.
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : lint.diagnostics.items()) {
      out.push_back(d.code + "@" + std::to_string(d.loc.line));
    }
    return out;
  }
  std::string text() const { return base::render_text(lint.diagnostics, false); }
  const CardEntry& card(std::string_view id) const {
    for (const CardEntry& e : lint.card) {
      if (e.id == id) return e;
    }
    static CardEntry none;
    ADD_FAILURE() << "no criterion " << id;
    return none;
  }
};

// One threat per (element, applicable STRIDE category), as if the rules had generated them.
// Component threats carry their target's index, like the engine's; flow threats do not, like
// hand-built ones: the lint must read both.
std::vector<engine::Threat> full_coverage(const model::Model& m) {
  std::vector<engine::Threat> out;
  auto add = [&](const std::string& target, engine::TargetKind kind, int index, model::Stride s) {
    engine::Threat t;
    t.id = std::string(model::name(s)) + "@" + target;
    t.target = target;
    t.target_kind = kind;
    t.target_index = index;
    t.stride = {s};
    out.push_back(t);
  };
  for (size_t i = 0; i < m.components.size(); ++i) {
    const auto& c = m.components[i];
    for (auto s : model::kAllStride) {
      if (model::stride_applies(c.type, s)) {
        add(c.id, engine::TargetKind::Component, static_cast<int>(i), s);
      }
    }
  }
  for (const auto& f : m.flows) {
    for (auto s : model::kAllStride) {
      if (model::stride_applies_to_flow(s)) add(f.id, engine::TargetKind::Flow, -1, s);
    }
  }
  return out;
}

std::map<std::string, ControlEvidence> good_evidence() {
  ControlEvidence pass{ControlEvidence::State::Passing, base::Date{2026, 11, 20}, {}, ""};
  ControlEvidence manual{ControlEvidence::State::Manual, base::Date{2026, 6, 1}, {}, ""};
  return {{"mfa", pass}, {"pentest", manual}};
}

// Loads `text`, analyses it by hand (full coverage minus `drop`), lints it.
Linted run(const std::string& text,
           LintOptions o = {},
           std::function<void(engine::Analysis&)> tweak = nullptr) {
  Linted l;
  load::LoadOptions lo;
  lo.warnings = false;
  l.load = load::load_model_text("m.yaml", text, lo);
  EXPECT_TRUE(l.load.ok()) << base::render_text(l.load.diagnostics, false);
  l.analysis.threats = full_coverage(*l.load.model);
  l.analysis.evidence = good_evidence();
  if (tweak) tweak(l.analysis);
  if (!o.today.valid()) o.today = kToday;
  l.lint = lint(*l.load.model, l.analysis, o);
  return l;
}

void drop_threat(engine::Analysis& a, const std::string& id) {
  auto it = std::find_if(a.threats.begin(), a.threats.end(),
                         [&](const engine::Threat& t) { return t.id == id; });
  ASSERT_NE(it, a.threats.end()) << id;
  a.threats.erase(it);
}

TEST(Lint, GoodModelMeetsEveryCriterion) {
  Linted l = run(kGood);
  EXPECT_EQ(l.text(), "");
  ASSERT_EQ(l.lint.card.size(), criteria().size());
  for (const CardEntry& e : l.lint.card) EXPECT_TRUE(e.met()) << e.id;
}

TEST(Lint, EveryCodeBelongsToOneCriterion) {
  std::set<std::string_view> seen;
  for (const Criterion& c : criteria()) {
    EXPECT_FALSE(c.codes.empty()) << c.id;
    for (auto code : c.codes) {
      EXPECT_TRUE(seen.insert(code).second) << "duplicate code " << code;
      EXPECT_EQ(criterion_of(code), &c);
    }
  }
  EXPECT_EQ(criterion_of("unknown-key"), nullptr);
}

TEST(Lint, EveryCodeIsDocumented) {
  std::ifstream in(std::string(TW_SOURCE_DIR) + "/docs/quality-gate.md");
  ASSERT_TRUE(in) << "docs/quality-gate.md";
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const Criterion& c : criteria()) {
    EXPECT_NE(doc.find("### " + std::string(c.id) + " "), std::string::npos) << c.id;
    for (auto code : c.codes) {
      EXPECT_NE(doc.find("| `" + std::string(code) + "` |"), std::string::npos) << code;
    }
  }
}

TEST(Lint, AssetWithoutValueOrImpact) {
  Linted l = run(edit(kGood, ", value: critical, impact: Account takeover for all users.", ""));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"asset-no-impact@8", "asset-no-value@8"}));
  EXPECT_NE(l.text().find("m.yaml:8:10: error: asset 'creds' has no value [asset-no-value]\n"
                          "      - {id: creds, name: Credentials}\n"
                          "             ^~~~~\n"),
            std::string::npos)
      << l.text();
  EXPECT_FALSE(l.card("assets-valued").met());
  EXPECT_EQ(l.card("assets-valued").errors, 2u);
}

TEST(Lint, NoMethodology) {
  Linted l = run(edit(kGood, "  methodology: stride\n", ""));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"no-methodology@3"}));
  EXPECT_EQ(l.lint.diagnostics.items()[0].severity, base::Severity::Error);
  EXPECT_FALSE(l.card("methodology").met());
}

TEST(Lint, MixedAndIncompletePasta) {
  std::string pasta = "pasta:\n  objectives:\n    - {id: obj, statement: Keep accounts safe.}\n";
  Linted mixed = run(std::string(kGood) + pasta);
  EXPECT_EQ(mixed.codes(), (std::vector<std::string>{"methodology-mixed@58"}));
  Linted incomplete = run(edit(kGood, "methodology: stride", "methodology: pasta") + pasta);
  ASSERT_EQ(incomplete.codes(), (std::vector<std::string>{"pasta-incomplete@58"}));
  EXPECT_NE(incomplete.text().find("lacks stage 4 threat_intelligence, stage 5 vulnerabilities, "
                                   "stage 6 attack_trees"),
            std::string::npos);
  EXPECT_FALSE(incomplete.card("threat-coverage").applicable);
}

TEST(Lint, StrideGapFlaggedThenClosedByNotApplicable) {
  auto drop = [](engine::Analysis& a) {
    drop_threat(a, "repudiation@user");
    drop_threat(a, "spoofing@user");
    drop_threat(a, "tampering@query");
  };
  Linted l = run(kGood, {}, drop);
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"stride-gap@13", "stride-gap@36"}));
  EXPECT_NE(l.text().find("m.yaml:13:10: warning: external-entity 'user' has no threat, no rule "
                          "that cleared it on known facts, and no not_applicable entry for "
                          "spoofing, repudiation [stride-gap]"),
            std::string::npos)
      << l.text();
  EXPECT_NE(l.text().find("flow 'query' has no threat, no rule that cleared it on known facts, "
                          "and no not_applicable entry for tampering"),
            std::string::npos);
  EXPECT_EQ(l.lint.diagnostics.error_count(), 0u);
  EXPECT_FALSE(l.card("threat-coverage").met());

  std::string fixed = std::string(kGood) +
                      "not_applicable:\n"
                      "  - {target: user, stride: [spoofing, repudiation], because: Anonymous.}\n"
                      "  - {target: query, stride: tampering, because: Same host and TLS.}\n";
  Linted ok = run(fixed, {}, drop);
  EXPECT_EQ(ok.text(), "");
}

TEST(Lint, HandWrittenThreatCountsAsCoverage) {
  // A threat with several categories covers each of them.
  Linted l = run(kGood, {}, [](engine::Analysis& a) {
    drop_threat(a, "spoofing@api");
    drop_threat(a, "elevation-of-privilege@api");
    engine::Threat t;
    t.id = "stuffing";
    t.target = "api";
    t.stride = {model::Stride::Spoofing, model::Stride::ElevationOfPrivilege};
    a.threats.push_back(t);
  });
  EXPECT_EQ(l.text(), "");
}

TEST(Lint, AspirationalControls) {
  std::string bad = edit(kGood, "    mechanism: TOTP required at login.\n", "");
  bad = edit(bad,
             "    verification: {command: ./check-mfa.sh, expect: {exit_code: 0}, max_age_days: "
             "30}\n",
             "");
  Linted l = run(bad, {}, [](engine::Analysis& a) { a.evidence.erase("mfa"); });
  EXPECT_EQ(l.codes(),
            (std::vector<std::string>{"control-no-mechanism@40", "control-unverified@40"}));
  EXPECT_EQ(l.lint.diagnostics.error_count(), 2u);
  EXPECT_FALSE(l.card("controls-verifiable").met());
  EXPECT_TRUE(l.card("evidence-current").met()) << "no verification, so no evidence expected";

  // A planned control without verification is only a warning.
  Linted planned = run(edit(bad, "    owner: identity\n    status: implemented\n",
                            "    owner: identity\n    mechanism: TOTP.\n    status: planned\n"));
  EXPECT_EQ(planned.codes(), (std::vector<std::string>{"control-unverified@40"}));
  EXPECT_EQ(planned.lint.diagnostics.error_count(), 0u);
}

TEST(Lint, ControlThatMitigatesNothing) {
  Linted l = run(edit(kGood, "mitigates: [stuffing]\n    verification: {command",
                      "mitigates: []\n    verification: {command"));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"control-unlinked@40"}));
}

TEST(Lint, EvidenceMissingFailingStale) {
  auto with = [](ControlEvidence ev) {
    return [ev](engine::Analysis& a) { a.evidence["mfa"] = ev; };
  };
  Linted missing = run(kGood, {}, [](engine::Analysis& a) { a.evidence.erase("mfa"); });
  EXPECT_EQ(missing.codes(), (std::vector<std::string>{"evidence-missing@46"}));
  EXPECT_NE(missing.text().find("hint: run 'threatwright verify MODEL --allow-exec'"),
            std::string::npos);

  ControlEvidence failing{ControlEvidence::State::Failing, base::Date{2026, 11, 25},
                          base::Date{2026, 11, 20}, "failing since 2026-11-20: exit code 1"};
  Linted f = run(kGood, {}, with(failing));
  EXPECT_EQ(f.codes(), (std::vector<std::string>{"evidence-failing@46"}));
  EXPECT_EQ(f.lint.diagnostics.error_count(), 1u);
  EXPECT_NE(f.text().find("control 'mfa' has been failing since 2026-11-20: exit code 1"),
            std::string::npos);

  ControlEvidence stale{ControlEvidence::State::Stale, base::Date{2026, 9, 1}, {}, "old"};
  Linted s = run(kGood, {}, with(stale));
  EXPECT_EQ(s.codes(), (std::vector<std::string>{"evidence-stale@46"}));
  EXPECT_FALSE(s.card("evidence-current").met());

  LintOptions o;
  o.evidence_error = "m.evidence.json: not valid JSON";
  Linted unreadable = run(kGood, o);
  EXPECT_EQ(unreadable.codes(), (std::vector<std::string>{"evidence-unreadable@3"}));
}

TEST(Lint, ManualVerificationWithoutDateHasNoEvidence) {
  Linted l = run(edit(kGood, "verified_on: 2026-06-01, ", ""), {}, [](engine::Analysis& a) {
    a.evidence["pentest"] = ControlEvidence{
        ControlEvidence::State::None, {}, {}, "manual verification without verified_on"};
  });
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"evidence-missing@52"}));
  EXPECT_NE(l.text().find("hint: record the date of the manual check in 'verified_on'"),
            std::string::npos);
}

TEST(Lint, AcceptedRiskIncompleteThenExpired) {
  Linted l = run(edit(kGood, "rationale: Residual risk is low., owner: CEO, review_by: 2027-03-31",
                      "rationale: Residual risk is low."));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"acceptance-incomplete@54"}));
  EXPECT_NE(l.text().find("accepted risk 'stuffing' has no owner, review_by"), std::string::npos);

  Linted expired = run(edit(kGood, "review_by: 2027-03-31", "review_by: 2026-11-25"));
  EXPECT_EQ(expired.codes(), (std::vector<std::string>{"acceptance-expired@54"}));
  EXPECT_NE(expired.text().find("acceptance of 'stuffing' expired on 2026-11-25"),
            std::string::npos);
  Linted today = run(edit(kGood, "review_by: 2027-03-31", "review_by: 2026-11-26"));
  EXPECT_EQ(today.text(), "") << "valid through its review_by date";

  Linted fp = run(edit(kGood,
                       "status: accepted, rationale: Residual risk is low., owner: CEO, "
                       "review_by: 2027-03-31",
                       "status: false-positive"));
  EXPECT_EQ(fp.codes(), (std::vector<std::string>{"decision-no-rationale@54"}));
  EXPECT_FALSE(fp.card("risk-acceptance").met());
}

TEST(Lint, DependedOnComponentWithoutFailureMode) {
  Linted l = run(edit(kGood,
                      "  - {id: db-down, component: db, scenario: Database unreachable, "
                      "behaviour: fail-closed, security_impact: None.}\n",
                      "  []\n"));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"failure-mode-missing@25"}));
  EXPECT_NE(l.text().find("sql-database 'db', which 1 element(s) depend on, has no failure mode"),
            std::string::npos)
      << l.text();
  EXPECT_FALSE(l.card("failure-modes").met());
}

TEST(Lint, ManyDependentsMakeAComponentDependedOn) {
  std::string m =
      edit(kGood, "flows:\n",
           "  - {id: cache, name: Cache, type: data-store, kind: kv, boundary: cloud, "
           "authentication: password, encrypted_at_rest: true, backups: false}\n"
           "flows:\n"
           "  - {id: c1, from: user, to: cache, encrypted: true, authenticated: true}\n"
           "  - {id: c2, from: api, to: cache, encrypted: true, authenticated: true}\n");
  Linted two = run(m);
  EXPECT_EQ(two.text(), "");
  LintOptions o;
  o.many_dependents = 2;
  Linted l = run(m, o);
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"failure-mode-missing@34"}));
}

TEST(Lint, FailOpenSecurityComponent) {
  Linted l = run(edit(kGood, "fail_mode: closed", "fail_mode: open"));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"fail-open@14"}));
  EXPECT_EQ(l.lint.diagnostics.error_count(), 1u);

  // A documented fail-open failure mode without bounding controls is flagged too...
  std::string doc = edit(kGood, "failure_modes:\n",
                         "failure_modes:\n"
                         "  - {id: api-open, component: api, scenario: IdP down, behaviour: "
                         "fail-open, security_impact: Logins unchecked.}\n");
  Linted fm = run(edit(doc, "fail_mode: closed", "fail_mode: open"));
  EXPECT_EQ(fm.codes(), (std::vector<std::string>{"fail-open@14", "fail-open@56"}));
  // ...and accepted once controls bound it.
  Linted bounded = run(edit(edit(doc, "fail_mode: closed", "fail_mode: open"),
                            "security_impact: Logins unchecked.}",
                            "security_impact: Logins unchecked., mitigated_by: [mfa]}"));
  EXPECT_EQ(bounded.text(), "");
}

TEST(Lint, NoSupplyChainSection) {
  Linted l = run(edit(kGood,
                      "supply_chain:\n  - {id: deps, kind: library, ecosystem: go, used_by: [api], "
                      "pinned: true, integrity_checked: true}\n",
                      ""));
  EXPECT_EQ(l.codes(), (std::vector<std::string>{"no-supply-chain@3"}));
  Linted none = run(edit(kGood,
                         "  - {id: deps, kind: library, ecosystem: go, used_by: [api], "
                         "pinned: true, integrity_checked: true}\n",
                         "  []\n"));
  EXPECT_EQ(none.text(), "") << "an explicit empty list states there is none";
}

TEST(Lint, ReviewCadence) {
  Linted unscheduled = run(edit(
      kGood, "  review: {cadence_days: 90, last_reviewed: 2026-10-01, reviewers: [priya]}\n", ""));
  EXPECT_EQ(unscheduled.codes(), (std::vector<std::string>{"review-not-scheduled@3"}));
  EXPECT_NE(unscheduled.text().find("the review has no cadence_days, last_reviewed"),
            std::string::npos);

  LintOptions late;
  late.today = base::Date{2027, 1, 1};
  Linted overdue = run(kGood, late, [](engine::Analysis& a) { a.evidence = good_evidence(); });
  std::vector<std::string> codes = overdue.codes();
  ASSERT_NE(std::find(codes.begin(), codes.end(), "review-overdue@6"), codes.end())
      << overdue.text();
  EXPECT_NE(overdue.text().find("last reviewed 2026-10-01, every 90 days, due 2026-12-30"),
            std::string::npos);
  EXPECT_FALSE(overdue.card("review-cadence").met());

  Linted future = run(edit(kGood, "last_reviewed: 2026-10-01", "last_reviewed: 2026-12-01"));
  EXPECT_EQ(future.codes(), (std::vector<std::string>{"review-in-future@6"}));
}

// Criterion 3: a stated fact (or an implemented control without evidence) is a claim, reported
// with a hint naming the control to add; --strict fails on it.
TEST(Lint, ClaimedThreatsAreAssertedNotVerified) {
  auto claim = [](engine::Analysis& a) {
    engine::Threat t;
    t.id = "sql-injection@api";
    t.target = "api";
    t.target_kind = engine::TargetKind::Component;
    t.target_index = 1;
    t.stride = {model::Stride::Tampering};
    t.status = model::ThreatStatus::Claimed;
    t.claim = "input_validation: true";
    t.status_reason =
        "claimed: `input_validation: true` is stated, with no verified control behind it";
    a.threats.push_back(t);
  };
  Linted l = run(kGood, {}, claim);
  EXPECT_EQ(l.codes(), std::vector<std::string>{"claim-unverified@0"}) << l.text();
  ASSERT_EQ(l.lint.diagnostics.items().size(), 1u);
  const auto& d = l.lint.diagnostics.items().front();
  EXPECT_EQ(d.message,
            "threat 'sql-injection@api' is asserted, not verified: claimed: `input_validation: "
            "true` is stated, with no verified control behind it");
  EXPECT_NE(d.hint.find("controls: [{id: api-input-validation, mechanism: ..., mitigates: "
                        "[sql-injection@api], status: implemented, verification: "),
            std::string::npos)
      << d.hint;
  EXPECT_FALSE(l.card("controls-verifiable").met());
  LintOptions strict;
  strict.strict = true;
  EXPECT_EQ(run(kGood, strict, claim).lint.diagnostics.error_count(), 1u);
}

// not_applicable is for categories no rule raised: an entry that marks a raised threat's
// category is a warning (an error with --strict), until the threat is decided by its id.
TEST(Lint, NotApplicableOverARaisedThreat) {
  std::string text = std::string(kGood) +
                     "not_applicable:\n  - {target: api, stride: tampering, because: \"no\"}\n";
  auto raised = [](engine::Analysis& a) {
    for (engine::Threat& t : a.threats) {
      if (t.id == "tampering@api") t.status = model::ThreatStatus::NotApplicable;
    }
  };
  Linted l = run(text, {}, raised);
  EXPECT_EQ(l.codes(), std::vector<std::string>{"not-applicable-threat@58"}) << l.text();
  EXPECT_NE(l.text().find("not_applicable marks tampering on 'api', where a hand-written threat "
                          "raises 'tampering@api': the threat stays, with status not-applicable"),
            std::string::npos)
      << l.text();
  EXPECT_FALSE(l.card("threat-coverage").met());
  // Deciding the threat by its id settles it.
  Linted decided =
      run(edit(text, "decisions:\n",
               "decisions:\n  - {threat: tampering@api, status: false-positive, rationale: "
               "Read-only API., owner: CEO}\n"),
          {}, raised);
  EXPECT_EQ(decided.codes(), std::vector<std::string>{}) << decided.text();
}

// A category that a rule evaluated on known facts and found nothing in is considered.
TEST(Lint, RulesThatClearedACategoryCoverIt) {
  auto drop = [](engine::Analysis& a) {
    drop_threat(a, "tampering@query");
    a.coverage.flows_considered.assign(2, 0);
  };
  EXPECT_EQ(run(kGood, {}, drop).codes(), std::vector<std::string>{"stride-gap@36"});
  auto cleared = [&](engine::Analysis& a) {
    drop(a);
    a.coverage.flows_considered[1] = 1u << static_cast<int>(model::Stride::Tampering);
  };
  EXPECT_EQ(run(kGood, {}, cleared).codes(), std::vector<std::string>{});
  // A rule that could not decide does not cover it, and the message says why.
  auto undecided = [&](engine::Analysis& a) {
    drop(a);
    a.coverage.flows_undecided.assign(2, 0);
    a.coverage.flows_undecided[1] = 1u << static_cast<int>(model::Stride::Tampering);
  };
  Linted u = run(kGood, {}, undecided);
  EXPECT_NE(u.text().find("(rules could not decide tampering: a security fact they need is "
                          "unknown)"),
            std::string::npos)
      << u.text();
}

// A `code:` glob that matches no file is a warning: drift detection would never fire for it.
TEST(Lint, CodeGlobThatMatchesNothing) {
  std::string dir = ::testing::TempDir() + "/lint-code-globs";
  std::filesystem::create_directories(dir + "/services/api");
  std::ofstream(dir + "/services/api/main.go") << "package main\n";
  std::string text = edit(kGood, "    fail_mode: closed\n",
                          "    fail_mode: closed\n    code: [services/api/**, services/apx/**, "
                          "services/api, docs/missing.md]\n");
  std::ofstream(dir + "/m.yaml") << text;
  load::LoadOptions lo;
  lo.warnings = false;
  load::LoadResult r = load::load_model(dir + "/m.yaml", lo);
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  engine::Analysis a;
  a.threats = full_coverage(*r.model);
  a.evidence = good_evidence();
  LintOptions o;
  o.today = kToday;
  o.check_code = true;
  LintResult lr = lint(*r.model, a, o);
  std::vector<std::string> msgs;
  for (const auto& d : lr.diagnostics.items()) msgs.push_back(d.code + ": " + d.message);
  EXPECT_EQ(msgs, (std::vector<std::string>{
                      "code-glob-empty: component 'api': code glob 'services/apx/**' matches no "
                      "file",
                      "code-glob-empty: component 'api': code glob 'docs/missing.md' matches no "
                      "file"}));
  o.check_code = false;
  EXPECT_EQ(lint(*r.model, a, o).diagnostics.items().size(), 0u);
}

TEST(Lint, StrictTurnsWarningsIntoErrors) {
  auto drop = [](engine::Analysis& a) { drop_threat(a, "tampering@query"); };
  Linted normal = run(kGood, {}, drop);
  EXPECT_EQ(normal.lint.diagnostics.warning_count(), 1u);
  EXPECT_EQ(normal.lint.diagnostics.error_count(), 0u);
  LintOptions o;
  o.strict = true;
  Linted strict = run(kGood, o, drop);
  EXPECT_EQ(strict.lint.diagnostics.warning_count(), 0u);
  EXPECT_EQ(strict.lint.diagnostics.error_count(), 1u);
  EXPECT_EQ(strict.card("threat-coverage").errors, 1u);
}

// The report card counts every finding, also those past the diagnostics limit, and also
// warnings that are not shown (check --no-warnings).
TEST(Lint, CardCountsWhatTheLimitDropsAndWhatIsNotShown) {
  auto drop = [](engine::Analysis& a) {
    drop_threat(a, "spoofing@user");
    drop_threat(a, "tampering@query");
  };
  std::string text = kGood;
  size_t at = text.find("    mechanism: TOTP required at login.\n");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, std::string("    mechanism: TOTP required at login.\n").size());
  LintOptions o;
  o.max_diagnostics = 1;
  Linted l = run(text, o, drop);
  EXPECT_EQ(l.lint.diagnostics.items().size(), 1u);
  EXPECT_EQ(l.lint.diagnostics.warning_count(), 2u);
  EXPECT_EQ(l.lint.diagnostics.error_count(), 1u);
  EXPECT_EQ(l.card("threat-coverage").warnings, 2u);
  EXPECT_EQ(l.card("controls-verifiable").errors, 1u);
  EXPECT_FALSE(l.card("controls-verifiable").met());

  o.max_diagnostics = 1000;
  o.warnings = false;
  Linted quiet = run(text, o, drop);
  EXPECT_EQ(quiet.codes(), std::vector<std::string>{"control-no-mechanism@40"});
  EXPECT_EQ(quiet.lint.diagnostics.warning_count(), 0u);
  EXPECT_EQ(quiet.card("threat-coverage").warnings, 2u);
  EXPECT_FALSE(quiet.card("threat-coverage").met());
}

TEST(Lint, ReportCardText) {
  Linted l = run(edit(kGood, "  methodology: stride\n", ""), {},
                 [](engine::Analysis& a) { drop_threat(a, "tampering@query"); });
  std::string card = render_card_text(l.lint.card, false);
  EXPECT_EQ(card,
            "report card: 7 of 9 criteria met\n"
            "  met      assets-valued        Assets enumerated with their value and blast radius\n"
            "  not met  methodology          One methodology, applied consistently (1 error)\n"
            "  not met  threat-coverage      Every element considered for each applicable STRIDE "
            "category (1 warning)\n"
            "  met      controls-verifiable  Mitigations are controls with a mechanism and a "
            "verification, not claims\n"
            "  met      evidence-current     Verification evidence present, passing and current\n"
            "  met      risk-acceptance      Accepted risks have an owner, a rationale and a "
            "review date not yet passed\n"
            "  met      failure-modes        Failure of depended-on components analysed; security "
            "components fail closed\n"
            "  met      supply-chain         Supply chain in scope\n"
            "  met      review-cadence       Re-reviewed on a cadence, and not overdue\n");
}

TEST(Lint, JsonHasDiagnosticsAndCard) {
  Linted l = run(edit(kGood, "  methodology: stride\n", ""));
  std::string j = render_check_json(l.lint.diagnostics, l.lint.card);
  EXPECT_NE(j.find("\"code\": \"no-methodology\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"report_card\": {\n    \"met\": 8,\n    \"applicable\": 9,"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("\"id\": \"methodology\",\n        \"title\": \"One methodology, applied "
                   "consistently\",\n        \"applicable\": true,\n        \"met\": false,\n"
                   "        \"errors\": 1,"),
            std::string::npos)
      << j;
}

}  // namespace
}  // namespace tw::check
