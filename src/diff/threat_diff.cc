#include "diff/threat_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tw::diff {

using engine::Severity;
using model::ThreatStatus;

std::string_view threat_change_name(ThreatChangeKind k) {
  switch (k) {
    case ThreatChangeKind::New:
      return "new";
    case ThreatChangeKind::NewSuppressed:
      return "new-suppressed";
    case ThreatChangeKind::Suppressed:
      return "suppressed";
    case ThreatChangeKind::Resolved:
      return "resolved";
    case ThreatChangeKind::Changed:
      return "changed";
  }
  return "changed";
}

size_t ThreatDiff::count(ThreatChangeKind k) const {
  return std::count_if(threats.begin(), threats.end(),
                       [k](const ThreatChange& t) { return t.kind == k; });
}

namespace {

ThreatChange from(const engine::Threat& t, ThreatChangeKind kind) {
  ThreatChange c;
  c.kind = kind;
  c.id = t.id;
  c.title = t.title();
  c.target = t.target;
  c.rule_id = t.rule_id();
  c.status_reason = t.status_reason;
  return c;
}

}  // namespace

ThreatDiff diff_threats(const engine::Analysis& before, const engine::Analysis& after) {
  ThreatDiff d;
  std::map<std::string, const engine::Threat*> a, b;
  for (const auto& t : before.threats) a.emplace(t.id, &t);
  for (const auto& t : after.threats) b.emplace(t.id, &t);
  for (auto& [id, t] : b) {
    auto it = a.find(id);
    const bool hidden = engine::suppressed(t->status);
    if (it == a.end()) {
      ThreatChange c = from(*t, hidden ? ThreatChangeKind::NewSuppressed : ThreatChangeKind::New);
      c.severity_after = t->severity;
      c.status_after = t->status;
      c.score_after = t->score;
      c.inherent_after = engine::severity_for_score(t->inherent_score);
      d.threats.push_back(std::move(c));
      continue;
    }
    const engine::Threat& o = *it->second;
    // A weakness that only a stated fact held back before and that is now present is new,
    // even though the rule raised the (claimed) threat before.
    const bool appeared = !o.claim.empty() && t->claim.empty();
    ThreatChangeKind kind = ThreatChangeKind::Changed;
    if (hidden && (appeared || !engine::suppressed(o.status))) {
      kind = appeared && engine::suppressed(o.status) ? ThreatChangeKind::NewSuppressed
                                                      : ThreatChangeKind::Suppressed;
    } else if (o.severity == t->severity && o.status == t->status) {
      continue;
    }
    ThreatChange c = from(*t, kind);
    c.severity_before = o.severity;
    c.severity_after = t->severity;
    c.status_before = o.status;
    c.status_after = t->status;
    c.score_before = o.score;
    c.score_after = t->score;
    c.inherent_after = engine::severity_for_score(t->inherent_score);
    d.threats.push_back(std::move(c));
  }
  for (auto& [id, t] : a) {
    if (b.count(id)) continue;
    ThreatChange c = from(*t, ThreatChangeKind::Resolved);
    c.severity_before = t->severity;
    c.status_before = t->status;
    c.score_before = t->score;
    d.threats.push_back(std::move(c));
  }
  // New (shown or hidden), suppressed and changed first, the most severe first; then what was
  // resolved.
  auto rank = [](const ThreatChange& t) {
    auto sev = t.kind == ThreatChangeKind::Resolved ? t.severity_before : t.severity_after;
    return std::make_pair(static_cast<int>(t.kind),
                          -static_cast<int>(sev.value_or(Severity::Info)));
  };
  std::sort(d.threats.begin(), d.threats.end(), [&](const ThreatChange& x, const ThreatChange& y) {
    auto rx = rank(x), ry = rank(y);
    return rx != ry ? rx < ry : x.id < y.id;
  });
  return d;
}

namespace {

bool expired_at(const model::Decision& d, base::Date day) {
  return d.status == ThreatStatus::Accepted && d.review_by && *d.review_by < day;
}

}  // namespace

std::vector<ExpiredAcceptance> expired_acceptances(const model::Model& before,
                                                   base::Date base_day,
                                                   const model::Model& after,
                                                   base::Date today,
                                                   const engine::Analysis* analysis_after) {
  std::map<std::string, const model::Decision*> old;
  for (const auto& d : before.decisions) old.emplace(d.threat.id, &d);
  std::vector<ExpiredAcceptance> out;
  for (const auto& d : after.decisions) {
    if (!expired_at(d, today)) continue;
    auto it = old.find(d.threat.id);
    if (it != old.end() && expired_at(*it->second, base_day)) continue;
    ExpiredAcceptance e;
    e.threat = d.threat.id;
    if (analysis_after) {
      if (const engine::Threat* t = analysis_after->find(d.threat.id)) e.title = t->title();
    }
    e.review_by = *d.review_by;
    e.owner = d.owner;
    e.where = place_of(d.loc);
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const ExpiredAcceptance& x, const ExpiredAcceptance& y) {
    return x.threat < y.threat;
  });
  return out;
}

std::vector<std::string> gate_failures(const ThreatDiff& d, Severity threshold) {
  std::vector<std::string> out;
  for (const ThreatChange& t : d.threats) {
    if (t.kind == ThreatChangeKind::NewSuppressed) {
      if (t.inherent_after && *t.inherent_after >= threshold) out.push_back(t.id);
      continue;
    }
    if (t.kind == ThreatChangeKind::Resolved || !t.open_after()) continue;
    if (!t.severity_after || *t.severity_after < threshold) continue;
    bool was_open_as_high = t.kind == ThreatChangeKind::Changed &&
                            t.status_before == ThreatStatus::Open && t.severity_before &&
                            *t.severity_before >= *t.severity_after;
    if (!was_open_as_high) out.push_back(t.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tw::diff
