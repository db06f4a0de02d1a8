#include "check/lint.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "base/glob.h"
#include "base/suggest.h"
#include "base/text.h"
#include "model/facts.h"

namespace tw::check {

namespace {

using base::squote;
using engine::ControlEvidence;
using model::Stride;

// Codes, by criterion. Adding a code: list it here, document it in docs/quality-gate.md, and
// test that it is flagged and disappears once fixed (lint_test.cc).
const std::vector<Criterion> kCriteria = {
    {"assets-valued",
     "Assets enumerated with their value and blast radius",
     {"asset-no-value", "asset-no-impact"}},
    {"methodology",
     "One methodology, applied consistently",
     {"no-methodology", "methodology-mixed", "pasta-incomplete"}},
    {"threat-coverage",
     "Every element considered for each applicable STRIDE category",
     {"stride-gap", "not-applicable-threat"}},
    {"controls-verifiable",
     "Mitigations are controls with a mechanism and a verification, not claims",
     {"control-no-mechanism", "control-unverified", "control-unlinked", "claim-unverified"}},
    {"evidence-current",
     "Verification evidence present, passing and current",
     {"evidence-missing", "evidence-failing", "evidence-stale", "evidence-unreadable"}},
    {"risk-acceptance",
     "Accepted risks have an owner, a rationale and a review date not yet passed",
     {"acceptance-incomplete", "acceptance-expired", "decision-no-rationale"}},
    {"failure-modes",
     "Failure of depended-on components analysed; security components fail closed",
     {"failure-mode-missing", "fail-open"}},
    {"supply-chain", "Supply chain in scope", {"no-supply-chain"}},
    {"review-cadence",
     "Re-reviewed on a cadence, and not overdue",
     {"review-not-scheduled", "review-overdue", "review-in-future", "code-glob-empty"}},
};

// Kinds whose outage others feel: identity providers, databases, external APIs, queues.
constexpr std::string_view kDependedOnKinds[] = {
    "cloud-api",      "database",         "external-api", "identity-provider", "message-broker",
    "nosql-database", "payment-provider", "queue",        "secret-store",      "sql-database",
};

// Kinds that exist to enforce security: failing open defeats their purpose.
constexpr std::string_view kSecurityKinds[] = {
    "admin-console",  "api-gateway",   "auth-service", "authorization-service",
    "firewall",       "gateway",       "hsm",          "identity-provider",
    "key-management", "policy-engine", "secret-store", "waf",
};

template <size_t N>
bool one_of(const std::string& s, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

bool enforces_security(const model::Component& c) {
  if (one_of(c.effective_kind(), kSecurityKinds)) return true;
  bool authn = c.authentication && *c.authentication != model::Authentication::None;
  bool authz = c.authorization && *c.authorization != model::Authorization::None;
  return authn || authz;
}

// "control 'x' has been failing since DATE: REASON" (the engine's detail says since when).
std::string failing_message(const std::string& who, const ControlEvidence& ev) {
  if (ev.detail.rfind("failing since ", 0) == 0) return who + " has been " + ev.detail;
  std::string msg = who + " fails its verification";
  if (ev.failing_since) msg += " since " + ev.failing_since->str();
  if (!ev.detail.empty()) msg += ": " + ev.detail;
  return msg;
}

class Linter {
 public:
  Linter(const model::Model& m, const engine::Analysis& a, const LintOptions& o)
      : m_(m), a_(a), o_(o) {}

  void run() {
    assets();
    methodology();
    coverage();
    not_applicable_threats();
    controls();
    claims();
    evidence();
    decisions();
    failure_modes();
    supply_chain();
    review();
    if (o_.check_code) code_globs();
  }

  base::Diagnostics take() { return std::move(d_); }
  /// Errors and warnings per code, all of them (the diagnostics keep only up to their limit).
  const std::map<std::string, std::pair<size_t, size_t>>& tally() const { return tally_; }

 private:
  // A model-level finding points at `system:` (or the top of the root file).
  base::Loc model_loc() const {
    if (m_.system.loc.valid()) return m_.system.loc;
    if (!m_.sources.empty()) return base::Loc{m_.sources.front().get(), 1, 1, 1};
    return {};
  }

  base::Diagnostic& warn(std::string code, base::Loc loc, std::string message) {
    if (o_.strict) return error(std::move(code), loc, std::move(message));
    ++tally_[code].second;
    if (!o_.warnings) return discarded_ = base::Diagnostic{};  // counted for the card only
    return d_.warning(std::move(code), loc, std::move(message));
  }
  /// Whether a warning's text would be kept (else callers may skip building it).
  bool warning_kept() const { return (o_.strict || o_.warnings) && d_.wants_more(); }
  base::Diagnostic& error(std::string code, base::Loc loc, std::string message) {
    ++tally_[code].first;
    return d_.error(std::move(code), loc, std::move(message));
  }

  void assets() {
    for (const model::Asset& a : m_.assets) {
      if (!a.value) {
        error("asset-no-value", a.loc, "asset " + squote(a.id) + " has no value").hint =
            "add 'value: critical | high | medium | low': it drives the impact of every threat "
            "to this asset";
      }
      if (a.impact.empty()) {
        error("asset-no-impact", a.loc,
              "asset " + squote(a.id) + " does not say what its compromise costs (blast radius)")
            .hint =
            "add 'impact:' with who and what is hurt, and how widely, if it is lost, "
            "altered or exposed";
      }
    }
  }

  void methodology() {
    const auto& meth = m_.system.methodology;
    const model::Pasta& p = m_.pasta;
    if (!meth) {
      error("no-methodology", model_loc(), "the model names no methodology").hint =
          "add 'methodology: stride' (or pasta) under 'system:' and apply it throughout";
      return;
    }
    if (*meth == model::Methodology::Stride && p.present) {
      warn("methodology-mixed", p.loc.valid() ? p.loc : model_loc(),
           "the model says methodology: stride but has a 'pasta:' section")
          .hint = "pick one: set 'methodology: pasta', or move the PASTA material out";
    }
    if (*meth == model::Methodology::Pasta) {
      base::Loc loc = p.present && p.loc.valid() ? p.loc : model_loc();
      std::vector<std::string> missing;
      if (!p.present) missing.push_back("the 'pasta:' section");
      if (p.objectives.empty()) missing.push_back("stage 1 objectives");
      if (p.threat_intelligence.empty()) missing.push_back("stage 4 threat_intelligence");
      if (p.vulnerabilities.empty()) missing.push_back("stage 5 vulnerabilities");
      if (m_.attack_trees.empty()) missing.push_back("stage 6 attack_trees");
      if (!missing.empty()) {
        warn("pasta-incomplete", loc,
             "methodology: pasta, but the model lacks " + base::join(missing, ", "))
            .hint =
            "complete each PASTA stage (docs/model-format.md, 'pasta'), or state why a "
            "stage is empty in an x-note";
      }
    }
  }

  // (element, applicable STRIDE category) pairs neither threatened nor marked not applicable.
  void coverage() {
    if (m_.system.methodology == model::Methodology::Pasta) return;
    // Per element, a bit per STRIDE category that a threat or a not_applicable entry covers.
    std::vector<uint8_t> components(m_.components.size()), flows(m_.flows.size());
    auto cover = [&](const std::string& id, Stride s) {
      const model::IdEntry* e = m_.find(id);
      if (!e || e->index < 0) return;
      uint8_t bit = static_cast<uint8_t>(1u << static_cast<int>(s));
      if (e->kind == model::Kind::Component) components[e->index] |= bit;
      if (e->kind == model::Kind::Flow) flows[e->index] |= bit;
    };
    for (const engine::Threat& t : a_.threats) {
      if (t.target_kind == engine::TargetKind::Model) continue;
      std::vector<uint8_t>* bits = t.target_kind == engine::TargetKind::Component ? &components
                                   : t.target_kind == engine::TargetKind::Flow    ? &flows
                                                                                  : nullptr;
      if (bits && t.target_index >= 0 && static_cast<size_t>(t.target_index) < bits->size()) {
        for (Stride s : t.stride) (*bits)[t.target_index] |= static_cast<uint8_t>(1u << int(s));
        continue;
      }
      for (Stride s : t.stride) cover(t.target, s);
    }
    for (const model::NotApplicable& na : m_.not_applicable) {
      for (Stride s : na.stride) cover(na.target.id, s);
    }
    // A category a rule that applies there evaluated on known facts, finding nothing, is
    // considered too: only what no rule covers, or what rules could not decide, needs a human.
    const engine::Coverage& cov = a_.coverage;
    auto bits_at = [](const std::vector<uint8_t>& v, size_t i) -> uint8_t {
      return i < v.size() ? v[i] : 0;
    };
    auto check = [&](const std::string& id, std::string_view what, base::Loc loc, uint8_t covered,
                     uint8_t undecided, auto applies) {
      std::vector<std::string> gaps, unknown;
      for (Stride s : model::kAllStride) {
        if (applies(s) && !(covered & (1u << static_cast<int>(s)))) {
          gaps.emplace_back(model::name(s));
          if (undecided & (1u << static_cast<int>(s))) unknown.emplace_back(model::name(s));
        }
      }
      if (gaps.empty()) return;
      if (!warning_kept()) {  // counted, not kept: spare building the text
        warn("stride-gap", loc, std::string());
        return;
      }
      std::string msg = std::string(what) + " " + squote(id) +
                        " has no threat, no rule that cleared it on known facts, and no "
                        "not_applicable entry for " +
                        base::join(gaps, ", ");
      if (!unknown.empty()) {
        msg += " (rules could not decide " + base::join(unknown, ", ") +
               ": a security fact they need is unknown)";
      }
      warn("stride-gap", loc, msg).hint =
          (unknown.empty() ? std::string()
                           : "state the unknown facts (`threatwright analyze` "
                             "names them), ") +
          "write a threat for each category that applies, or record why it does not: "
          "not_applicable: [{target: " +
          id + ", stride: " + gaps.front() + ", because: ...}]";
    };
    for (size_t i = 0; i < m_.components.size(); ++i) {
      const model::Component& c = m_.components[i];
      check(c.id, model::name(c.type), c.loc, components[i] | bits_at(cov.components_considered, i),
            bits_at(cov.components_undecided, i),
            [&](Stride s) { return model::stride_applies(c.type, s); });
    }
    for (size_t i = 0; i < m_.flows.size(); ++i) {
      const model::Flow& f = m_.flows[i];
      check(f.id, "flow", f.loc, flows[i] | bits_at(cov.flows_considered, i),
            bits_at(cov.flows_undecided, i),
            [](Stride s) { return model::stride_applies_to_flow(s); });
    }
  }

  // A not_applicable entry that marks a category in which a threat was raised on its target:
  // the threat stays (status not-applicable when all its categories are marked) and a decision
  // on its id is what decides it away.
  void not_applicable_threats() {
    std::map<std::string, std::vector<const model::NotApplicable*>> by_target;
    for (const model::NotApplicable& na : m_.not_applicable) {
      if (na.target.resolved()) by_target[na.target.id].push_back(&na);
    }
    if (by_target.empty()) return;
    std::map<std::string, const model::Decision*> decided;
    for (const model::Decision& d : m_.decisions) decided[d.threat.id] = &d;
    for (const engine::Threat& t : a_.threats) {
      auto it = by_target.find(t.target);
      if (it == by_target.end() || decided.count(t.id)) continue;
      for (const model::NotApplicable* na : it->second) {
        std::vector<std::string> hit;
        for (Stride s : na->stride) {
          if (std::find(t.stride.begin(), t.stride.end(), s) != t.stride.end()) {
            hit.emplace_back(model::name(s));
          }
        }
        if (hit.empty()) continue;
        std::string by =
            t.rule_id().empty() ? "a hand-written threat" : "rule " + squote(t.rule_id());
        warn("not-applicable-threat", na->loc,
             "not_applicable marks " + base::join(hit, ", ") + " on " + squote(t.target) +
                 ", where " + by + " raises " + squote(t.id) + ": the threat stays, with status " +
                 std::string(model::name(t.status)))
            .hint =
            "not_applicable is for categories no rule raised; decide the threat by its "
            "id instead: decisions: [{threat: " +
            t.id +
            ", status: false-positive | accepted | transferred, owner: ..., "
            "rationale: ...}]";
        break;
      }
    }
  }

  // Criterion 3: a mitigation counts when it is a verified control, not a sentence. Each claimed
  // threat (a stated fact, or an implemented control without current evidence) is reported.
  void claims() {
    for (const engine::Threat& t : a_.threats) {
      if (t.status != model::ThreatStatus::Claimed) continue;
      if (!warning_kept()) {
        warn("claim-unverified", t.loc, std::string());
        continue;
      }
      std::string fact = t.claim.substr(0, t.claim.find(':'));
      std::string id = t.target + "-" + (fact.empty() ? t.rule_id() : fact);
      std::replace(id.begin(), id.end(), '_', '-');
      std::string hint;
      if (t.controls.empty()) {
        hint = "add a control that proves it and record its evidence: controls: [{id: " + id +
               ", mechanism: ..., mitigates: [" + t.id +
               "], status: implemented, verification: {command: ..., expect: {exit_code: 0}}}]"
               ", then run 'threatwright verify --allow-exec'";
      } else {
        hint = "give control " + squote(t.controls.front()) +
               " a verification and record current passing evidence ('threatwright verify "
               "--allow-exec', or a manual check with 'verified_on')";
      }
      warn("claim-unverified", t.loc,
           "threat " + squote(t.id) + " is asserted, not verified: " + t.status_reason)
          .hint = hint;
    }
  }

  // A `code:` glob that matches no file points at code that moved or never existed: drift
  // detection would never fire for it.
  void code_globs() {
    for (const model::Component& c : m_.components) {
      if (c.code.empty() || !c.loc.file) continue;
      std::string dir = base::dir_name(c.loc.file->path());
      std::error_code ec;
      if (!std::filesystem::is_directory(dir, ec)) continue;  // a model read from memory
      for (const std::string& g : c.code) {
        if (g.empty() || g[0] == '/') continue;  // anchored at the repository: see `diff`
        if (code_glob_matches(dir, g)) continue;
        auto& d = warn("code-glob-empty", c.loc,
                       "component " + squote(c.id) + ": code glob " + squote(g) +
                           " matches no file" + glob_typo(dir, g));
        d.hint =
            "fix the path (relative to the model file's folder), or remove it: "
            "`diff --base` can only notice code changes under globs that match";
      }
    }
  }

  // "; did you mean 'src/**'?" when the glob's first folder is a near miss of a folder or file
  // beside the model (the first 4,096 entries), else "".
  static std::string glob_typo(const std::string& dir, const std::string& g) {
    size_t slash = g.find('/');
    std::string first = g.substr(0, slash);
    if (first.empty() || first == "." || first == ".." ||
        first.find_first_of("*?[") != std::string::npos) {
      return "";
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (names.size() >= 4096) break;
      names.push_back(it->path().filename().string());
    }
    std::string guess =
        base::SuggestionIndex(std::vector<std::string_view>(names.begin(), names.end()))
            .suggest(first);
    if (guess.empty()) return "";
    return "; did you mean '" + guess + (slash == std::string::npos ? "" : g.substr(slash)) + "'?";
  }

  static bool code_glob_matches(const std::string& dir, const std::string& g) {
    // The literal folders before the first wildcard are joined to the model's folder, so
    // that `..` works; the rest is expanded there.
    size_t wild = g.find_first_of("*?[");
    std::error_code ec;
    if (wild == std::string::npos) return std::filesystem::exists(dir + "/" + g, ec);
    size_t cut = g.rfind('/', wild);
    std::string head = cut == std::string::npos ? dir : dir + "/" + g.substr(0, cut);
    std::string rest = cut == std::string::npos ? g : g.substr(cut + 1);
    if (!std::filesystem::is_directory(head, ec)) return false;
    auto files = base::expand_glob(head, rest);
    return !files.ok() || !files->empty();  // too large to list: do not cry wolf
  }

  static bool planned(const model::Control& c) { return c.status == model::ControlStatus::Planned; }

  void controls() {
    for (const model::Control& c : m_.controls) {
      if (c.mechanism.empty()) {
        error("control-no-mechanism", c.loc,
              "control " + squote(c.id) +
                  " does not say how it works (no mechanism): an aspirational mitigation")
            .hint = "add 'mechanism:' naming what enforces it (code, configuration, process)";
      }
      const model::Verification* v = c.verification ? &*c.verification : nullptr;
      bool verifiable = v && (v->automated() || !v->manual.empty() || v->verified_on);
      if (!verifiable) {
        std::string msg =
            "control " + squote(c.id) + " has no verification: nothing shows that it works";
        auto& d = planned(c) ? warn("control-unverified", c.loc, msg)
                             : error("control-unverified", c.loc, msg);
        d.hint =
            "add 'verification: {command: ..., expect: {exit_code: 0}}' (run by "
            "'threatwright verify'), or a manual check with 'verified_on'";
      }
      if (c.mitigates.empty()) {
        warn("control-unlinked", c.loc, "control " + squote(c.id) + " mitigates no threat").hint =
            "list the threat ids it mitigates under 'mitigates:' (see 'threatwright analyze')";
      }
    }
  }

  void evidence() {
    if (!o_.evidence_error.empty()) {
      error("evidence-unreadable", model_loc(),
            "cannot read the verification evidence: " + o_.evidence_error)
          .hint =
          "repair or move the evidence file; 'threatwright verify' will not append to a "
          "file it cannot read";
    }
    for (const model::Control& c : m_.controls) {
      if (planned(c) || !c.verification) continue;
      const model::Verification& v = *c.verification;
      if (!v.automated() && v.manual.empty() && !v.verified_on) continue;  // control-unverified
      base::Loc loc = v.loc.valid() ? v.loc : c.loc;
      ControlEvidence ev;
      if (auto it = a_.evidence.find(c.id); it != a_.evidence.end()) ev = it->second;
      std::string who = "control " + squote(c.id);
      switch (ev.state) {
        case ControlEvidence::State::Passing:
        case ControlEvidence::State::Manual:
          break;
        case ControlEvidence::State::None:
          warn("evidence-missing", loc,
               who + " has no verification evidence" +
                   (ev.detail.empty() ? std::string() : ": " + ev.detail))
              .hint = v.automated() ? "run 'threatwright verify MODEL --allow-exec' to record it"
                                    : "record the date of the manual check in 'verified_on'";
          break;
        case ControlEvidence::State::Failing:
          error("evidence-failing", loc, failing_message(who, ev)).hint =
              "fix the control (or its test) and re-run 'threatwright verify'; the "
              "threats it covers stay open meanwhile";
          break;
        case ControlEvidence::State::Stale:
          warn("evidence-stale", loc,
               who + "'s evidence is older than max_age_days" +
                   (v.max_age_days ? " (" + std::to_string(*v.max_age_days) + ")" : "") +
                   (ev.detail.empty() ? std::string() : ": " + ev.detail))
              .hint = v.automated() ? "re-run 'threatwright verify MODEL --allow-exec'"
                                    : "repeat the manual check and update 'verified_on'";
          break;
      }
    }
  }

  void decisions() {
    for (const model::Decision& d : m_.decisions) {
      if (!d.status) continue;
      std::string what = "decision on " + squote(d.threat.id);
      if (*d.status == model::ThreatStatus::Accepted) {
        std::vector<std::string> missing;
        if (d.owner.empty()) missing.push_back("owner");
        if (d.rationale.empty()) missing.push_back("rationale");
        if (!d.review_by) missing.push_back("review_by");
        if (!missing.empty()) {
          error("acceptance-incomplete", d.loc,
                "accepted risk " + squote(d.threat.id) + " has no " + base::join(missing, ", "))
              .hint =
              "an accepted risk needs who accepted it (owner), why (rationale) and when "
              "to look again (review_by: YYYY-MM-DD)";
        }
        if (d.review_by && *d.review_by < o_.today) {
          error("acceptance-expired", d.loc,
                "acceptance of " + squote(d.threat.id) + " expired on " + d.review_by->str())
              .hint =
              "review the risk: renew it with a later review_by, mitigate it, or reopen "
              "it";
        }
      } else if ((*d.status == model::ThreatStatus::Transferred ||
                  *d.status == model::ThreatStatus::FalsePositive) &&
                 d.rationale.empty()) {
        warn("decision-no-rationale", d.loc,
             what + " (" + std::string(model::name(*d.status)) + ") gives no rationale")
            .hint = "add 'rationale:' so a reviewer can check the call";
      }
    }
  }

  void failure_modes() {
    std::vector<int> dependents = model::count_dependents(m_);
    std::vector<std::vector<int>> failure_modes_of(m_.components.size());
    for (size_t i = 0; i < m_.failure_modes.size(); ++i) {
      const model::Ref& c = m_.failure_modes[i].component;
      if (c.resolved()) failure_modes_of[c.index].push_back(static_cast<int>(i));
    }
    for (size_t i = 0; i < m_.components.size(); ++i) {
      const model::Component& c = m_.components[i];
      bool by_kind = one_of(c.effective_kind(), kDependedOnKinds);
      int deps = dependents[i];
      bool depended_on = by_kind || deps >= o_.many_dependents;
      if (depended_on && failure_modes_of[i].empty()) {
        std::string why = by_kind ? (c.kind.empty() ? "component" : c.kind) + " " + squote(c.id)
                                  : "component " + squote(c.id);
        if (deps > 0) why += ", which " + std::to_string(deps) + " element(s) depend on,";
        error("failure-mode-missing", c.loc,
              why + " has no failure mode: what happens when it is down or slow is not analysed")
            .hint = "add failure_modes: [{id: " + c.id + "-down, component: " + c.id +
                    ", scenario: ..., behaviour: fail-closed | fail-open | degraded, "
                    "security_impact: ...}]";
      }
      if (c.fail_mode == model::FailMode::Open && enforces_security(c)) {
        bool mitigated = false;
        for (int f : failure_modes_of[i]) {
          const model::FailureMode& fm = m_.failure_modes[f];
          mitigated =
              mitigated || (fm.behaviour == model::Behaviour::FailOpen && !fm.mitigated_by.empty());
        }
        if (!mitigated) {
          error("fail-open", c.loc,
                "security component " + squote(c.id) +
                    " fails open: when a dependency is down it lets requests through unchecked")
              .hint =
              "make it fail closed ('fail_mode: closed'), or document the fail-open "
              "failure mode with the controls that bound it ('mitigated_by')";
        }
      }
    }
    for (const model::FailureMode& fm : m_.failure_modes) {
      if (fm.behaviour != model::Behaviour::FailOpen || !fm.mitigated_by.empty()) continue;
      if (!fm.component.resolved()) continue;
      const model::Component& c = m_.components[fm.component.index];
      if (!enforces_security(c)) continue;
      error("fail-open", fm.loc,
            "failure mode " + squote(fm.id) + " leaves security component " + squote(c.id) +
                " failing open, with no control bounding it")
          .hint =
          "make the component fail closed, or list the controls that bound the exposure "
          "under 'mitigated_by'";
    }
  }

  void supply_chain() {
    if (m_.has_supply_chain_section) return;
    error("no-supply-chain", model_loc(),
          "the model has no supply_chain section: third-party code, build and images are out of "
          "scope")
        .hint =
        "add 'supply_chain:' with libraries, build tools, CI pipelines, images and cloud "
        "APIs ('supply_chain: []' states there are none)";
  }

  void review() {
    const model::Review& r = m_.system.review;
    base::Loc loc = r.loc.valid() ? r.loc : model_loc();
    if (!r.cadence_days || !r.last_reviewed) {
      std::vector<std::string> missing;
      if (!r.cadence_days) missing.push_back("cadence_days");
      if (!r.last_reviewed) missing.push_back("last_reviewed");
      error("review-not-scheduled", loc, "the review has no " + base::join(missing, ", ")).hint =
          "add 'review: {cadence_days: 90, last_reviewed: YYYY-MM-DD, reviewers: [...]}' under "
          "'system:'";
      return;
    }
    base::Date last = *r.last_reviewed;
    if (last > o_.today) {
      warn("review-in-future", loc, "last_reviewed " + last.str() + " is in the future").hint =
          "set last_reviewed to the date the review actually happened";
      return;
    }
    base::Date due = last.plus_days(*r.cadence_days);
    if (due < o_.today) {
      error("review-overdue", loc,
            "the review is overdue: last reviewed " + last.str() + ", every " +
                std::to_string(*r.cadence_days) + " days, due " + due.str())
          .hint = "review the model with its owners, then update 'last_reviewed'";
    }
  }

  const model::Model& m_;
  const engine::Analysis& a_;
  const LintOptions& o_;
  base::Diagnostics d_{o_.max_diagnostics};
  base::Diagnostic discarded_;
  std::map<std::string, std::pair<size_t, size_t>> tally_;
};

}  // namespace

const std::vector<Criterion>& criteria() { return kCriteria; }

const Criterion* criterion_of(std::string_view code) {
  for (const Criterion& c : kCriteria) {
    if (std::find(c.codes.begin(), c.codes.end(), code) != c.codes.end()) return &c;
  }
  return nullptr;
}

LintResult lint(const model::Model& m, const engine::Analysis& analysis, const LintOptions& o) {
  Linter l(m, analysis, o);
  l.run();
  LintResult r;
  r.diagnostics = l.take();
  r.diagnostics.sort();
  for (const Criterion& c : kCriteria) {
    CardEntry e{std::string(c.id), std::string(c.title)};
    if (c.id == "threat-coverage" && m.system.methodology == model::Methodology::Pasta) {
      e.applicable = false;
    }
    r.card.push_back(std::move(e));
  }
  // From the tally, not the kept diagnostics: a criterion whose findings all fell past the
  // diagnostics limit is still not met.
  for (const auto& [code, counts] : l.tally()) {
    const Criterion* c = criterion_of(code);
    if (!c) continue;
    CardEntry& e = r.card[c - kCriteria.data()];
    e.errors += counts.first;
    e.warnings += counts.second;
  }
  return r;
}

std::string render_card_text(const std::vector<CardEntry>& card, bool color) {
  size_t met = 0, applicable = 0, width = 0;
  for (const CardEntry& e : card) {
    if (!e.applicable) continue;
    ++applicable;
    met += e.met();
  }
  for (const CardEntry& e : card) width = std::max(width, e.id.size());
  std::string out = "report card: " + std::to_string(met) + " of " + std::to_string(applicable) +
                    " criteria met\n";
  for (const CardEntry& e : card) {
    std::string mark = !e.applicable ? "n/a    " : e.met() ? "met    " : "not met";
    if (color) {
      const char* c = !e.applicable ? "\033[2m" : e.met() ? "\033[1;32m" : "\033[1;31m";
      mark = c + mark + "\033[0m";
    }
    out += "  " + mark + "  " + e.id + std::string(width - e.id.size(), ' ') + "  " + e.title;
    if (e.applicable && !e.met()) {
      std::vector<std::string> counts;
      if (e.errors)
        counts.push_back(std::to_string(e.errors) + (e.errors == 1 ? " error" : " errors"));
      if (e.warnings) {
        counts.push_back(std::to_string(e.warnings) + (e.warnings == 1 ? " warning" : " warnings"));
      }
      out += " (" + base::join(counts, ", ") + ")";
    }
    out += "\n";
  }
  return out;
}

std::string render_check_json(const base::Diagnostics& ds, const std::vector<CardEntry>& card) {
  using Json = nlohmann::ordered_json;
  Json j = Json::parse(base::render_json(ds));
  Json criteria = Json::array();
  size_t met = 0, applicable = 0;
  for (const CardEntry& e : card) {
    if (e.applicable) {
      ++applicable;
      met += e.met();
    }
    criteria.push_back(Json{{"id", e.id},
                            {"title", e.title},
                            {"applicable", e.applicable},
                            {"met", e.applicable && e.met()},
                            {"errors", e.errors},
                            {"warnings", e.warnings}});
  }
  j["report_card"] = Json{{"met", met}, {"applicable", applicable}, {"criteria", criteria}};
  return j.dump(2) + "\n";
}

}  // namespace tw::check
