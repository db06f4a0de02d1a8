// The analysis pipeline on small models built in C++: rule evaluation, rating, controls,
// decisions and expiry, not_applicable, hand-written threats, dangling ids, determinism.

#include "engine/analysis.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/json_output.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::engine {
namespace {

using namespace rules::testing;

AnalyzeOptions today(const char* date = "2026-11-26") {
  AnalyzeOptions o;
  o.today = *base::parse_date(date);
  return o;
}

std::vector<std::string> ids(const Analysis& a) {
  std::vector<std::string> out;
  for (const Threat& t : a.threats) out.push_back(t.id);
  return out;
}

// Every security fact stated safe is a claim: the threats stay, claimed and rated lower, and
// none is open.
TEST(Analysis, SecureShopHasOnlyClaimedThreats) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  Analysis a = analyze(*m, today());
  EXPECT_GT(a.summary.total, 0);
  for (const Threat& t : a.threats) {
    EXPECT_EQ(t.status, ThreatStatus::Claimed) << t.id;
    EXPECT_FALSE(t.claim.empty()) << t.id;
    EXPECT_LE(t.score, t.inherent_score) << t.id;
    EXPECT_TRUE(t.score < t.inherent_score || t.likelihood == 1) << t.id;
  }
  EXPECT_EQ(a.summary.by_status.at("open"), 0);
  EXPECT_EQ(a.summary.by_severity.at("critical"), 0);
  EXPECT_EQ(a.diagnostics.items().size(), 0u);
  const Threat* sqli = a.find("sql-injection@api");
  ASSERT_NE(sqli, nullptr);
  EXPECT_EQ(sqli->claim, "input_validation: true");
  EXPECT_EQ(sqli->status_reason,
            "claimed: `input_validation: true` is stated, with no verified control behind it");
  EXPECT_EQ(sqli->root_cause, "input_validation");
  // Facts that check themselves stay facts: the TLS flows raise nothing.
  EXPECT_EQ(a.find("unencrypted-flow@browse"), nullptr);
  // ... and count as considered for coverage.
  const auto& flows = a.coverage.flows_considered;
  ASSERT_FALSE(flows.empty());
  EXPECT_TRUE(flows[0] & (1u << static_cast<int>(Stride::InformationDisclosure)));
}

TEST(Analysis, GeneratesRatedThreatsWithContext) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").authentication = Authentication::None;
  auto m = b.build();
  Analysis a = analyze(*m, today());
  const Threat* t = a.find("missing-authentication@web");
  ASSERT_NE(t, nullptr) << ::testing::PrintToString(ids(a));
  EXPECT_EQ(t->rule_id(), "missing-authentication");
  EXPECT_EQ(t->stride, std::vector<Stride>{Stride::Spoofing});
  EXPECT_EQ(t->target, "web");
  EXPECT_EQ(t->target_kind, TargetKind::Component);
  ASSERT_GE(t->target_index, 0);
  EXPECT_EQ(m->components[t->target_index].id, "web");
  // likelihood: factor 4, +0 for the medium internet attacker who reaches it; impact:
  // (cards 5 + 4) / 2 rounded down.
  EXPECT_EQ(t->likelihood, 4);
  EXPECT_EQ(t->impact, 4);
  EXPECT_EQ(t->score, 16);
  EXPECT_EQ(t->severity, Severity::High);
  EXPECT_EQ(t->reach(), "internet -> web");
  EXPECT_EQ(t->status, ThreatStatus::Open);
  EXPECT_EQ(t->assets(), (std::vector<std::string>{"cards", "catalog"}));
  EXPECT_EQ(t->adversaries(), std::vector<std::string>{"internet-attacker"});
  EXPECT_EQ(t->cwe(), std::vector<int>{306});
  EXPECT_NE(t->description.find("requires no authentication"), std::string::npos);
  EXPECT_EQ(a.summary.total, static_cast<int>(a.threats.size()));
  EXPECT_GE(a.summary.by_stride.at("spoofing"), 1);
  EXPECT_EQ(a.summary.by_status.at("open") + a.summary.by_status.at("claimed"), a.summary.total);
}

TEST(Analysis, FixingTheWeaknessLowersTheRisk) {
  // Unknown authentication is rated lower than a known "none", and a stated fix lower still:
  // the threat stays, claimed.
  auto score_of = [](void (*edit)(ModelBuilder&)) {
    ModelBuilder b;
    secure_shop(b);
    edit(b);
    auto m = b.build();
    Analysis a = analyze(*m, today());
    const Threat* t = a.find("missing-authentication@web");
    return t ? t->score : 0;
  };
  int none = score_of([](ModelBuilder& b) { b.comp("web").authentication = Authentication::None; });
  int unknown = score_of([](ModelBuilder& b) { b.comp("web").authentication.reset(); });
  int fixed =
      score_of([](ModelBuilder& b) { b.comp("web").authentication = Authentication::Oauth; });
  EXPECT_GT(none, unknown);
  EXPECT_GT(unknown, fixed);
  EXPECT_GT(fixed, 0);
}

TEST(Analysis, ExposureAndAdversariesDriveLikelihood) {
  auto likelihood = [](void (*edit)(ModelBuilder&)) {
    ModelBuilder b;
    secure_shop(b);
    b.comp("api").authorization = Authorization::None;  // missing-authorization@api
    edit(b);
    auto m = b.build();
    Analysis a = analyze(*m, today());
    return a.find("missing-authorization@api")->likelihood;
  };
  // Factor 3. The internet attacker reaches web, not api behind it: -1.
  EXPECT_EQ(likelihood([](ModelBuilder&) {}), 2);
  // An insider reaches everything; a high-capability one adds +1.
  EXPECT_EQ(likelihood([](ModelBuilder& b) {
              b.adversary("rogue-admin", Access::Insider, Capability::High);
            }),
            4);
  // Internet-facing: the (medium) internet attacker now reaches it: +0.
  EXPECT_EQ(likelihood([](ModelBuilder& b) { b.comp("api").internet_facing = true; }), 3);
  // Behind a load balancer on the internet, it is reached through it.
  EXPECT_EQ(likelihood([](ModelBuilder& b) {
              b.process("lb", "load-balancer", "dmz").internet_facing = true;
              b.flow("lb-api", "lb", "api", "https");
            }),
            3);
  // A supply-chain adversary reaches api through its dependencies, but cannot use a missing
  // authorisation check: only adversaries whose access fits the weakness count.
  EXPECT_EQ(likelihood([](ModelBuilder& b) {
              b.adversary("hijacker", Access::SupplyChain, Capability::NationState);
              b.supply("libs", SupplyKind::Library, {"api"});
            }),
            2);
}

TEST(Analysis, ImplementedControlMitigatesWithResidualRisk) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").rate_limited = false;
  b.control("edge-limits", ControlStatus::Implemented, {"missing-rate-limit@web"});
  b.control("waf", ControlStatus::Planned, {"missing-rate-limit@web"});
  auto m = b.build();
  Analysis a = analyze(*m, today());
  const Threat* t = a.find("missing-rate-limit@web");
  ASSERT_NE(t, nullptr);
  // Implemented without evidence: a claim too.
  EXPECT_EQ(t->status, ThreatStatus::Claimed);
  EXPECT_EQ(t->status_reason,
            "claimed: control edge-limits is implemented but has no current passing evidence");
  EXPECT_EQ(t->controls, (std::vector<std::string>{"edge-limits", "waf"}));
  // With passing evidence it mitigates.
  AnalyzeOptions o = today();
  o.evidence["edge-limits"].state = ControlEvidence::State::Passing;
  Analysis v = analyze(*m, o);
  t = v.find("missing-rate-limit@web");
  EXPECT_EQ(t->status, ThreatStatus::Mitigated);
  EXPECT_EQ(t->status_reason, "mitigated by verified control edge-limits");
  EXPECT_LT(t->score, t->inherent_score);
  EXPECT_EQ(t->likelihood, 1);  // 3 + 0 medium adversary = 3, residual 3 - 2
}

TEST(Analysis, PlannedOrFailingControlsLeaveItOpen) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").rate_limited = false;
  b.comp("web").audit_log = false;
  b.control("waf", ControlStatus::Planned, {"missing-rate-limit@web"});
  b.control("siem", ControlStatus::Implemented, {"missing-audit-log@web"});
  auto m = b.build();
  AnalyzeOptions o = today();
  o.evidence["siem"].state = ControlEvidence::State::Failing;
  o.evidence["siem"].failing_since = base::parse_date("2026-11-01");
  Analysis a = analyze(*m, o);
  const Threat* planned = a.find("missing-rate-limit@web");
  EXPECT_EQ(planned->status, ThreatStatus::Open);
  EXPECT_EQ(planned->status_reason, "open: control waf is planned, not implemented");
  EXPECT_EQ(planned->score, planned->inherent_score);
  const Threat* failing = a.find("missing-audit-log@web");
  EXPECT_EQ(failing->status, ThreatStatus::Open);
  EXPECT_EQ(failing->status_reason,
            "open: control siem since 2026-11-01 is implemented but its verification is failing");
  // Stale evidence is no proof: the control is only a claim.
  o.evidence["siem"].state = ControlEvidence::State::Stale;
  Analysis with_stale = analyze(*m, o);  // find() points into it: keep it alive
  const Threat* stale = with_stale.find("missing-audit-log@web");
  EXPECT_EQ(stale->status, ThreatStatus::Claimed);
  EXPECT_NE(stale->status_reason.find("siem (evidence stale)"), std::string::npos);
  // A current manual verification is proof.
  o.evidence["siem"].state = ControlEvidence::State::Manual;
  EXPECT_EQ(analyze(*m, o).find("missing-audit-log@web")->status, ThreatStatus::Mitigated);
}

TEST(Analysis, DecisionsAndExpiry) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").rate_limited = false;  // missing-rate-limit, brute-force-login, account-lockout
  Decision& acc = b.decision("missing-rate-limit@web", ThreatStatus::Accepted);
  acc.owner = "cto";
  acc.rationale = "CDN absorbs floods";
  acc.review_by = base::parse_date("2027-01-31");
  Decision& old = b.decision("brute-force-login@web", ThreatStatus::Accepted);
  old.owner = "cto";
  old.review_by = base::parse_date("2026-10-01");
  Decision& fp = b.decision("account-lockout-dos@web", ThreatStatus::FalsePositive);
  fp.rationale = "no lockout configured";
  fp.likelihood = 1;
  auto m = b.build();
  Analysis a = analyze(*m, today());
  const Threat* t = a.find("missing-rate-limit@web");
  EXPECT_EQ(t->status, ThreatStatus::Accepted);
  EXPECT_EQ(t->owner, "cto");
  EXPECT_EQ(t->status_reason, "accepted by cto until 2027-01-31: CDN absorbs floods");
  const Threat* expired = a.find("brute-force-login@web");
  EXPECT_EQ(expired->status, ThreatStatus::Open);
  EXPECT_EQ(expired->status_reason, "open: acceptance expired on 2026-10-01 (accepted by cto)");
  const Threat* f = a.find("account-lockout-dos@web");
  EXPECT_EQ(f->status, ThreatStatus::FalsePositive);
  EXPECT_EQ(f->likelihood, 1);
  EXPECT_LT(f->score, f->inherent_score);
  // The same acceptance is still valid on the day before it expires... and on the day itself.
  Analysis before = analyze(*m, today("2026-10-01"));
  EXPECT_EQ(before.find("brute-force-login@web")->status, ThreatStatus::Accepted);
  EXPECT_EQ(a.summary.by_status.at("accepted"), 1);
  EXPECT_EQ(a.summary.by_status.at("false-positive"), 1);
}

// not_applicable covers categories no rule raised: a rule's threat in such a category stays,
// with status not-applicable and the reason, rated as it was.
TEST(Analysis, NotApplicableKeepsTheThreatsRulesRaise) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").input_validation = false;  // missing-input-validation (T), ssrf (E) on web
  b.comp("api").input_validation = false;  // also on api
  b.not_applicable("web", {Stride::Tampering}).because = "we trust our users";
  b.not_applicable("api", {Stride::Tampering});
  auto m = b.build();
  Analysis a = analyze(*m, today());
  const Threat* web = a.find("missing-input-validation@web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->status, ThreatStatus::NotApplicable);
  EXPECT_EQ(web->status_reason, "not applicable: we trust our users");
  EXPECT_EQ(web->score, web->inherent_score);
  EXPECT_EQ(a.find("server-side-request-forgery@web")->status, ThreatStatus::Open);
  // A rule with two categories, only one marked: the threat stays open, both categories kept.
  const Threat* sqli = a.find("sql-injection@api");
  ASSERT_NE(sqli, nullptr);
  EXPECT_EQ(sqli->stride.size(), 2u);
  EXPECT_EQ(sqli->status, ThreatStatus::Open);
  // missing-input-validation@api, the claimed cross-site-scripting@web and missing-waf@web
  // (unvalidated input, no WAF in front) are in the marked category too.
  EXPECT_EQ(a.find("missing-input-validation@api")->status, ThreatStatus::NotApplicable);
  EXPECT_EQ(a.find("cross-site-scripting@web")->status, ThreatStatus::NotApplicable);
  EXPECT_EQ(a.find("missing-waf@web")->status, ThreatStatus::NotApplicable);
  EXPECT_EQ(a.summary.by_status.at("not-applicable"), 4);
}

TEST(Analysis, HandWrittenThreatsJoinThePipeline) {
  ModelBuilder b;
  secure_shop(b);
  model::Threat& h = b.threat("card-testing", "web", {Stride::Spoofing, Stride::DenialOfService});
  h.likelihood = 4;
  h.impact = 3;
  model::Threat& g = b.threat("insider-export", "db", {Stride::InformationDisclosure});
  g.adversary = ref("internet-attacker");
  b.control("bot-defence", ControlStatus::Implemented, {"card-testing"});
  auto m = b.build();
  Analysis a = analyze(*m, today());
  EXPECT_NE(a.find("card-testing"), nullptr);
  EXPECT_NE(a.find("insider-export"), nullptr);
  const Threat* t = a.find("card-testing");
  EXPECT_EQ(t->rule_id(), "");
  EXPECT_EQ(t->status, ThreatStatus::Claimed);  // the control has no evidence
  EXPECT_EQ(t->inherent_score, 12);
  EXPECT_EQ(t->score, 6);
  const Threat* u = a.find("insider-export");
  EXPECT_EQ(u->adversaries(), std::vector<std::string>{"internet-attacker"});
  // Likelihood 3, +0 for the named medium adversary; impact from cards (5) and 3, rounded down.
  EXPECT_EQ(u->likelihood, 3);
  EXPECT_EQ(u->impact, 4);
}

TEST(Analysis, DanglingThreatIdsAreErrorsWithSuggestions) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").rate_limited = false;
  b.control("edge-limits", ControlStatus::Implemented, {"missing-rate-limits@web"});
  b.decision("no-such-threat", ThreatStatus::Accepted);
  auto m = b.build();
  Analysis a = analyze(*m, today());
  ASSERT_EQ(a.diagnostics.error_count(), 2u);
  std::vector<std::string> hints, messages;
  for (const auto& d : a.diagnostics.items()) {
    EXPECT_EQ(d.code, "unknown-threat");
    hints.push_back(d.hint);
    messages.push_back(d.message);
  }
  EXPECT_NE(std::find(hints.begin(), hints.end(), "did you mean 'missing-rate-limit@web'?"),
            hints.end());
  EXPECT_NE(std::find(messages.begin(), messages.end(),
                      "decision names threat 'no-such-threat', which the analysis does not "
                      "produce"),
            messages.end());
}

// Facts and controls never conflict: a control may name any threat a rule would raise on an
// element whatever its facts say (here the flow's TLS rules the weakness out by itself).
// A rule that never applies to that kind of element is still a mistake, and says so.
TEST(Analysis, ControlsMayNameWhatARuleWouldRaise) {
  ModelBuilder b;
  secure_shop(b);
  b.control("edge-limits", ControlStatus::Implemented, {"missing-rate-limit@web"});
  b.control("tls-everywhere", ControlStatus::Implemented, {"unencrypted-flow@browse"});
  b.control("confused", ControlStatus::Implemented, {"missing-backups@web"});
  auto m = b.build();
  Analysis a = analyze(*m, today());
  ASSERT_EQ(a.diagnostics.error_count(), 1u) << base::render_text(a.diagnostics, false);
  const base::Diagnostic& d = a.diagnostics.items().front();
  EXPECT_EQ(d.code, "unknown-threat");
  EXPECT_EQ(d.message,
            "control 'confused' names threat 'missing-backups@web', which the analysis does not "
            "produce: rule 'missing-backups' never applies to 'web'");
  EXPECT_EQ(a.find("missing-rate-limit@web")->controls, std::vector<std::string>{"edge-limits"});
}

TEST(Analysis, DeterministicAndSorted) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").rate_limited = false;
  b.comp("web").input_validation.reset();
  b.flow("browse").encrypted = false;
  b.comp("db").backups = false;
  auto m = b.build();
  Analysis one = analyze(*m, today());
  Analysis two = analyze(*m, today());
  ASSERT_EQ(ids(one), ids(two));
  for (size_t i = 0; i < one.threats.size(); ++i) {
    EXPECT_EQ(one.threats[i].score, two.threats[i].score);
    EXPECT_EQ(one.threats[i].description, two.threats[i].description);
    if (i) {
      EXPECT_LT(one.threats[i - 1].id, one.threats[i].id);
    }
  }
  EXPECT_GT(one.threats.size(), 5u);
}

// A model large enough for the analysis to spread over worker threads (thousands of
// elements), with ids that do not sort in model order and hand-written threats whose ids fall
// between generated ones.
std::unique_ptr<Model> large_model() {
  ModelBuilder b;
  secure_shop(b);
  for (int i = 0; i < 2500; ++i) {
    std::string id = "svc-" + std::to_string((i * 7919) % 2500);
    Component& c = b.process(id, "api", i % 3 ? "core" : "dmz");
    c.internet_facing = i % 5 == 0;
    if (i % 2) c.authentication = Authentication::None;
    if (i % 3) c.rate_limited = false;
    b.flow("f-" + id, "web", id, i % 4 ? "https" : "http", {"cards"});
  }
  b.threat("missing-authentication@svc-1000-hand", "svc-1000", {Stride::Spoofing});
  b.threat("aaa-first", "web", {Stride::Tampering});
  b.threat("zzz-last", "", {Stride::Repudiation});
  return b.build();
}

struct ThreadsEnv {
  explicit ThreadsEnv(const char* n) { setenv("THREATWRIGHT_THREADS", n, 1); }
  ~ThreadsEnv() { unsetenv("THREATWRIGHT_THREADS"); }
};

TEST(Analysis, SameResultWhateverTheThreadCount) {
  auto m = large_model();
  Analysis one, many;
  {
    ThreadsEnv env("1");
    one = analyze(*m, today());
  }
  {
    ThreadsEnv env("4");
    many = analyze(*m, today());
  }
  ASSERT_GT(one.threats.size(), 5000u);
  ASSERT_EQ(ids(one), ids(many));
  for (size_t i = 0; i < one.threats.size(); ++i) {
    const Threat& x = one.threats[i];
    const Threat& y = many.threats[i];
    EXPECT_EQ(x.title(), y.title());
    EXPECT_EQ(x.stride, y.stride);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.score, y.score);
    EXPECT_EQ(x.assets(), y.assets());
    EXPECT_EQ(x.adversaries(), y.adversaries());
    EXPECT_EQ(x.description, y.description);
    if (i) {
      EXPECT_LT(one.threats[i - 1].id, x.id);  // sorted by id, no duplicates
    }
  }
  // Hand-written threats sit in id order among the generated ones.
  for (const char* id : {"missing-authentication@svc-1000-hand", "aaa-first", "zzz-last"}) {
    const Threat* t = one.find(id);
    ASSERT_NE(t, nullptr) << id;
    EXPECT_EQ(t->rule_id(), "");
  }
  EXPECT_EQ(one.threats.front().id, "aaa-first");
  EXPECT_EQ(one.threats.back().id, "zzz-last");
  EXPECT_NE(one.find("missing-authentication@svc-1000"), nullptr);
  EXPECT_EQ(one.summary.total, static_cast<int>(one.threats.size()));

  // The JSON document's threats are written in chunks on the worker threads: the same bytes
  // for any thread count, laid out as nlohmann::json lays out the same document, whole or
  // filtered.
  std::vector<const Threat*> odd;
  for (size_t i = 1; i < one.threats.size(); i += 2) odd.push_back(&one.threats[i]);
  std::string json_one, json_many;
  std::ostringstream odd_one, odd_many;
  {
    ThreadsEnv env("1");
    json_one = render_analysis_json(*m, one);
    write_analysis_json(odd_one, *m, one, &odd);
  }
  {
    ThreadsEnv env("4");
    json_many = render_analysis_json(*m, one);
    write_analysis_json(odd_many, *m, one, &odd);
  }
  EXPECT_EQ(json_one, json_many);
  EXPECT_EQ(json_many, nlohmann::ordered_json::parse(json_many).dump(2) + "\n");
  EXPECT_EQ(odd_one.str(), odd_many.str());
  auto odd_json = nlohmann::ordered_json::parse(odd_many.str());
  ASSERT_EQ(odd_json["threats"].size(), odd.size());
  EXPECT_EQ(odd_json["threats"][0]["id"], odd[0]->id);
  EXPECT_EQ(odd_json["threats"].back()["id"], odd.back()->id);
}

rules::Verdict fires_on_processes(const rules::Context&, const rules::Target&) {
  return rules::Finding{"always", 0, {}, {}};
}

// Threat ids are ordered by construction on the assumption that no rule id contains '@'
// (built-in and rule-pack ids are kebab-case). A rule that breaks it still gets sorted output.
TEST(Analysis, SortedEvenWhenARuleIdHoldsAnAtSign) {
  auto m = large_model();
  rules::RuleSet rules;
  auto odd = std::make_shared<rules::Rule>();
  odd->id = "missing@odd";
  odd->title = "Odd";
  odd->stride = {Stride::Tampering};
  odd->applies_to = {rules::AppliesTo::Process};
  odd->check = fires_on_processes;
  base::Diagnostics diags;
  rules.add(odd, diags);
  ASSERT_EQ(diags.error_count(), 0u);
  Analysis a = analyze(*m, today(), rules);
  ASSERT_NE(a.find("missing@odd@web"), nullptr);
  ASSERT_NE(a.find("missing-authentication@svc-1"), nullptr);
  for (size_t i = 1; i < a.threats.size(); ++i) {
    EXPECT_LT(a.threats[i - 1].id, a.threats[i].id);
  }
}

}  // namespace
}  // namespace tw::engine
