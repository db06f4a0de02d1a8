#include "diff/threat_diff.h"

#include <gtest/gtest.h>

#include "base/diagnostic.h"
#include "load/loader.h"

namespace tw::diff {
namespace {

using engine::Severity;
using model::ThreatStatus;

engine::Threat threat(const std::string& id,
                      Severity sev,
                      ThreatStatus status = ThreatStatus::Open) {
  engine::Threat t;
  t.id = id;
  t.text = std::make_shared<const engine::ThreatText>(
      engine::ThreatText{id.substr(0, id.find('@')), "Title of " + id, "", {}, {}});
  t.target = id.substr(id.find('@') + 1);
  t.severity = sev;
  t.status = status;
  t.score = 1 + static_cast<int>(sev) * 5;
  return t;
}

engine::Analysis analysis(std::vector<engine::Threat> ts) {
  engine::Analysis a;
  a.threats = std::move(ts);
  std::sort(a.threats.begin(), a.threats.end(),
            [](const auto& x, const auto& y) { return x.id < y.id; });
  return a;
}

std::string text(const ThreatDiff& d) {
  std::string s;
  for (const auto& t : d.threats) {
    s += std::string(threat_change_name(t.kind)) + " " + t.id;
    if (t.severity_changed()) {
      s += " " + std::string(engine::severity_name(*t.severity_before)) + "->" +
           std::string(engine::severity_name(*t.severity_after));
    }
    if (t.status_changed()) {
      s += " " + std::string(model::name(*t.status_before)) + "->" +
           std::string(model::name(*t.status_after));
    }
    s += "\n";
  }
  return s;
}

TEST(ThreatDiff, JoinOnStableIds) {
  auto before = analysis({threat("a@x", Severity::High), threat("b@x", Severity::Medium),
                          threat("c@x", Severity::Low), threat("d@x", Severity::High)});
  auto after = analysis({threat("a@x", Severity::High), threat("b@x", Severity::Critical),
                         threat("d@x", Severity::High, ThreatStatus::Mitigated),
                         threat("e@y", Severity::Medium), threat("0@z", Severity::Low)});
  ThreatDiff d = diff_threats(before, after);
  EXPECT_EQ(text(d),
            "new e@y\n"
            "new 0@z\n"
            "changed b@x medium->critical\n"
            "changed d@x open->mitigated\n"
            "resolved c@x\n");
  EXPECT_EQ(d.count(ThreatChangeKind::New), 2u);
  EXPECT_EQ(d.count(ThreatChangeKind::Resolved), 1u);
}

TEST(ThreatDiff, IdenticalAnalysesHaveNoChange) {
  auto a = analysis({threat("a@x", Severity::High)});
  EXPECT_TRUE(diff_threats(a, a).empty());
}

TEST(ThreatDiff, GateCountsNewAndRaisedOpenThreatsOnly) {
  auto before = analysis({
      threat("raised@x", Severity::Medium),
      threat("same@x", Severity::Critical),
      threat("lowered@x", Severity::Critical),
      threat("reopened@x", Severity::High, ThreatStatus::Accepted),
      threat("closed@x", Severity::Critical),
  });
  auto after = analysis({
      threat("raised@x", Severity::High),
      threat("same@x", Severity::Critical),
      threat("lowered@x", Severity::High),
      threat("reopened@x", Severity::High),
      threat("closed@x", Severity::Critical, ThreatStatus::Mitigated),
      threat("new-high@y", Severity::High),
      threat("new-low@y", Severity::Low),
      threat("new-accepted@y", Severity::Critical, ThreatStatus::Accepted),
  });
  ThreatDiff d = diff_threats(before, after);
  EXPECT_EQ(gate_failures(d, Severity::High),
            (std::vector<std::string>{"new-high@y", "raised@x", "reopened@x"}));
  EXPECT_EQ(gate_failures(d, Severity::Critical), std::vector<std::string>{});
  EXPECT_EQ(gate_failures(d, Severity::Low),
            (std::vector<std::string>{"new-high@y", "new-low@y", "raised@x", "reopened@x"}));
}

std::unique_ptr<model::Model> load(const std::string& decisions) {
  load::LoadOptions o;
  o.warnings = false;
  auto r = load::load_model_text("m.yaml",
                                 "threatwright: 1\n"
                                 "system: {name: S}\n"
                                 "assets: [{id: a, name: A, value: low, impact: none}]\n"
                                 "decisions:\n" +
                                     decisions,
                                 o);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  return std::move(r.model);
}

TEST(ThreatDiff, ExpiredAcceptances) {
  auto before = load(
      "  - {threat: old@x, status: accepted, owner: o, rationale: r, review_by: 2026-01-01}\n"
      "  - {threat: lapsed@x, status: accepted, owner: o, rationale: r, review_by: 2026-06-01}\n"
      "  - {threat: edited@x, status: accepted, owner: o, rationale: r, review_by: 2027-06-01}\n"
      "  - {threat: fine@x, status: accepted, owner: o, rationale: r, review_by: 2027-06-01}\n");
  auto after = load(
      "  - {threat: old@x, status: accepted, owner: o, rationale: r, review_by: 2026-01-01}\n"
      "  - {threat: lapsed@x, status: accepted, owner: o, rationale: r, review_by: 2026-06-01}\n"
      "  - {threat: edited@x, status: accepted, owner: o, rationale: r, review_by: 2026-02-01}\n"
      "  - {threat: fine@x, status: accepted, owner: o, rationale: r, review_by: 2027-06-01}\n"
      "  - {threat: added@x, status: accepted, owner: o, rationale: r, review_by: 2026-03-01}\n"
      "  - {threat: mitigated@x, status: mitigated, review_by: 2020-03-01}\n");
  // Base commit on 2026-03-15, today 2026-11-26: lapsed@x expired in between; old@x had already
  // expired at the base; edited@x and added@x were changed to dates in the past.
  auto got = expired_acceptances(*before, *base::parse_date("2026-03-15"), *after,
                                 *base::parse_date("2026-11-26"), nullptr);
  std::string s;
  for (const auto& e : got) s += e.threat + " " + e.review_by.str() + " " + e.where.str() + "\n";
  EXPECT_EQ(s,
            "added@x 2026-03-01 m.yaml:9\n"
            "edited@x 2026-02-01 m.yaml:7\n"
            "lapsed@x 2026-06-01 m.yaml:6\n");
  // Judged at the same day on both sides, only edits count.
  got = expired_acceptances(*before, *base::parse_date("2026-11-26"), *after,
                            *base::parse_date("2026-11-26"), nullptr);
  EXPECT_EQ(got.size(), 2u);
}

// Issue 12, problem 2: not_applicable entries no longer delete what rules raise, and diff tells
// a fixed weakness (resolved) from a decided-away one (suppressed) and from a new weakness that
// an old entry hides (new-suppressed), which --fail-on counts.
TEST(ThreatDiff, SuppressedAndNewSuppressedAreNotResolved) {
  const std::string base = R"(threatwright: 1
system: {name: S}
assets: [{id: data, value: critical}]
adversaries: [{id: anyone, access: internet, capability: medium}]
boundaries: [{id: net, trust: untrusted}, {id: dmz, trust: semi-trusted}]
components:
  - {id: user, type: external-entity, kind: browser, boundary: net}
  - id: web
    type: process
    kind: web-app
    boundary: dmz
    internet_facing: true
    authentication: oauth
    output_encoding: true
    stores: [data]
flows:
  - {id: browse, from: user, to: web, protocol: https, data: [data]}
not_applicable:
  - {target: web, stride: tampering, because: "we trust our users"}
)";
  auto analyse = [](const std::string& text) {
    auto r = load::load_model_text("m.yaml", text);
    EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
    engine::AnalyzeOptions o;
    o.today = base::Date{2026, 11, 26};
    return engine::analyze(*r.model, o);
  };
  auto find = [](const ThreatDiff& d, const std::string& id) -> const ThreatChange* {
    for (const ThreatChange& c : d.threats) {
      if (c.id == id) return &c;
    }
    return nullptr;
  };
  engine::Analysis before = analyse(base);
  const engine::Threat* xss = before.find("cross-site-scripting@web");
  ASSERT_NE(xss, nullptr);  // claimed, and marked not applicable: it stays
  EXPECT_EQ(xss->status, ThreatStatus::NotApplicable);
  // Output encoding switched off: the weakness is new, hidden by the old entry.
  std::string off = base;
  off.replace(off.find("output_encoding: true"), 21, "output_encoding: false");
  ThreatDiff d = diff_threats(before, analyse(off));
  const ThreatChange* c = find(d, "cross-site-scripting@web");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ThreatChangeKind::NewSuppressed);
  EXPECT_EQ(gate_failures(d, Severity::Low), std::vector<std::string>{"cross-site-scripting@web"});
  // An open threat decided away by a new entry is suppressed, not resolved, and fails nothing.
  std::string open = base;
  open.replace(open.find("not_applicable:"), std::string::npos, "");
  open.replace(open.find("output_encoding: true"), 21, "output_encoding: false");
  ThreatDiff s = diff_threats(analyse(open), analyse(off));
  c = find(s, "cross-site-scripting@web");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ThreatChangeKind::Suppressed);
  EXPECT_EQ(threat_change_name(c->kind), "suppressed");
  EXPECT_TRUE(gate_failures(s, Severity::Low).empty());
  // Taking the web app off the model resolves its threats: the weakness is gone.
  std::string gone = R"(threatwright: 1
system: {name: S}
assets: [{id: data, value: critical}]
)";
  ThreatDiff r = diff_threats(analyse(open), analyse(gone));
  c = find(r, "cross-site-scripting@web");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, ThreatChangeKind::Resolved);
}

}  // namespace
}  // namespace tw::diff
