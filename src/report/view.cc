#include "report/view.h"

#include <algorithm>

namespace tw::report {

using engine::ControlEvidence;
using engine::Severity;
using model::ComponentType;
using model::Stride;

namespace {

void worsen(std::optional<Severity>& w, Severity s) {
  if (!w || *w < s) w = s;
}

}  // namespace

View::View(const model::Model& m, const engine::Analysis& a, const Options& o)
    : m(m), a(a), o(o), facts(m) {
  for (const engine::Threat& t : a.threats) by_target_[t.target].push_back(&t);
  for (auto& [target, list] : by_target_) {
    std::sort(list.begin(), list.end(),
              [](const engine::Threat* x, const engine::Threat* y) { return x->id < y->id; });
  }
  worst_comp_.resize(m.components.size());
  worst_flow_.resize(m.flows.size());
  for (const engine::Threat& t : a.threats) {
    if (t.status != model::ThreatStatus::Open && t.status != model::ThreatStatus::Claimed) continue;
    const model::IdEntry* e = m.find(t.target);
    if (!e) continue;
    if (e->kind == model::Kind::Component) worsen(worst_comp_[e->index], t.severity);
    if (e->kind == model::Kind::Flow) worsen(worst_flow_[e->index], t.severity);
  }
  children_.resize(m.boundaries.size());
  members_.resize(m.boundaries.size());
  for (size_t b = 0; b < m.boundaries.size(); ++b) {
    const model::Ref& p = m.boundaries[b].parent;
    // A parent that does not resolve (or a cycle the loader rejected) shows at the top level.
    if (p.resolved() && static_cast<size_t>(p.index) != b) {
      children_[p.index].push_back(static_cast<int>(b));
    } else {
      top_.push_back(static_cast<int>(b));
    }
  }
  for (size_t c = 0; c < m.components.size(); ++c) {
    int b = boundary_of(static_cast<int>(c));
    if (b >= 0) {
      members_[b].push_back(static_cast<int>(c));
    } else {
      unbounded_.push_back(static_cast<int>(c));
    }
  }
  for (const model::Decision& d : m.decisions) decisions_.emplace(d.threat.id, &d);
}

const std::vector<const engine::Threat*>& View::threats_of(const std::string& target) const {
  static const std::vector<const engine::Threat*> kNone;
  auto it = by_target_.find(target);
  return it == by_target_.end() ? kNone : it->second;
}

std::vector<std::string> View::other_targets() const {
  std::vector<std::string> out;
  for (const auto& [target, list] : by_target_) {
    const model::IdEntry* e = m.find(target);
    if (e && (e->kind == model::Kind::Component || e->kind == model::Kind::Flow)) continue;
    out.push_back(target);
  }
  return out;
}

int View::boundary_depth(int b) const {
  int depth = 0;
  for (int p = m.boundaries[b].parent.index;
       p >= 0 && depth <= static_cast<int>(m.boundaries.size()); p = m.boundaries[p].parent.index) {
    ++depth;
  }
  return depth;
}

int View::boundary_of(int c) const {
  const model::Ref& r = m.components[c].boundary;
  return r.resolved() ? r.index : -1;
}

std::array<StrideCell, 6> View::stride_cells(const std::string& target,
                                             std::optional<ComponentType> type) const {
  std::array<StrideCell, 6> cells;
  for (const engine::Threat* t : threats_of(target)) {
    for (Stride s : t->stride) {
      StrideCell& cell = cells[static_cast<size_t>(s)];
      cell.kind = StrideCell::Kind::Threats;
      cell.threats.push_back(t);
    }
  }
  for (const model::NotApplicable& na : m.not_applicable) {
    if (na.target.id != target) continue;
    for (Stride s : na.stride) {
      StrideCell& cell = cells[static_cast<size_t>(s)];
      if (cell.kind == StrideCell::Kind::NotAnalysed) {
        cell.kind = StrideCell::Kind::NotApplicable;
        cell.reason = na.because;
      }
    }
  }
  uint8_t considered = 0;
  if (const model::IdEntry* e = m.find(target)) {
    const auto& v = e->kind == model::Kind::Component ? a.coverage.components_considered
                    : e->kind == model::Kind::Flow    ? a.coverage.flows_considered
                                                      : std::vector<uint8_t>{};
    if (e->index >= 0 && static_cast<size_t>(e->index) < v.size()) considered = v[e->index];
  }
  for (Stride s : model::kAllStride) {
    StrideCell& cell = cells[static_cast<size_t>(s)];
    bool applies = type ? model::stride_applies(*type, s) : model::stride_applies_to_flow(s);
    if (cell.kind == StrideCell::Kind::NotAnalysed && applies &&
        (considered & (1u << static_cast<int>(s)))) {
      cell.kind = StrideCell::Kind::Considered;
      continue;
    }
    if (cell.kind == StrideCell::Kind::NotAnalysed && !applies) {
      cell.kind = StrideCell::Kind::NotApplicable;
      cell.by_chart = true;
      static const char* const kPlural[] = {"external entities", "processes", "data stores"};
      cell.reason = std::string("STRIDE per element: does not apply to ") +
                    (type ? kPlural[static_cast<size_t>(*type)] : "data flows");
    }
  }
  return cells;
}

const model::Decision* View::decision(const std::string& threat) const {
  auto it = decisions_.find(threat);
  return it == decisions_.end() ? nullptr : it->second;
}

ControlEvidence View::evidence(const std::string& control) const {
  auto it = a.evidence.find(control);
  return it == a.evidence.end() ? ControlEvidence{} : it->second;
}

std::string View::control_state(const model::Control& c) const {
  ControlEvidence e = evidence(c.id);
  auto date = [](const std::optional<base::Date>& d) { return d ? d->str() : std::string("?"); };
  switch (e.state) {
    case ControlEvidence::State::Passing:
      return "passing as of " + date(e.as_of);
    case ControlEvidence::State::Failing:
      return "failing since " + date(e.failing_since ? e.failing_since : e.as_of);
    case ControlEvidence::State::Stale:
      return "stale: last verified " + date(e.as_of);
    case ControlEvidence::State::Manual:
      return "manually verified on " + date(e.as_of);
    case ControlEvidence::State::None:
      break;
  }
  if (!c.verification) return "no verification defined";
  if (!c.verification->automated() && c.verification->verified_on) {
    return "manually verified on " + c.verification->verified_on->str();
  }
  return "never verified";
}

std::optional<base::Date> View::next_review() const {
  const model::Review& r = m.system.review;
  if (!r.last_reviewed || !r.cadence_days) return std::nullopt;
  return r.last_reviewed->plus_days(*r.cadence_days);
}

std::string View::component_name(int c) const {
  const model::Component& x = m.components[c];
  return x.name.empty() ? x.id : x.name;
}

std::string View::flow_name(int f) const {
  const model::Flow& x = m.flows[f];
  return x.name.empty() ? x.id : x.name;
}

std::string View::boundary_name(int b) const {
  const model::Boundary& x = m.boundaries[b];
  return x.name.empty() ? x.id : x.name;
}

std::string View::name_of(const std::string& id) const {
  const model::IdEntry* e = m.find(id);
  if (!e) return id;
  std::string name;
  switch (e->kind) {
    case model::Kind::Component:
      name = m.components[e->index].name;
      break;
    case model::Kind::Flow:
      name = m.flows[e->index].name;
      break;
    case model::Kind::Asset:
      name = m.assets[e->index].name;
      break;
    case model::Kind::Adversary:
      name = m.adversaries[e->index].name;
      break;
    case model::Kind::Boundary:
      name = m.boundaries[e->index].name;
      break;
    case model::Kind::Control:
      name = m.controls[e->index].name;
      break;
    case model::Kind::SupplyChain:
      name = m.supply_chain[e->index].name;
      break;
    default:
      break;
  }
  return name.empty() ? id : name;
}

std::string stride_letters(const std::vector<Stride>& s) {
  std::string out;
  for (Stride x : s) {
    if (!out.empty()) out += ", ";
    out += model::stride_letter(x);
  }
  return out;
}

std::string stride_label(Stride s) {
  static const char* const kLabels[] = {"Spoofing",          "Tampering",
                                        "Repudiation",       "Information disclosure",
                                        "Denial of service", "Elevation of privilege"};
  return kLabels[static_cast<size_t>(s)];
}

std::string stride_names(const std::vector<Stride>& s) {
  std::string out;
  for (Stride x : s) {
    if (!out.empty()) out += ", ";
    out += model::name(x);
  }
  return out;
}

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "unknown"; }

std::string type_label(ComponentType t) {
  switch (t) {
    case ComponentType::ExternalEntity:
      return "External entity";
    case ComponentType::Process:
      return "Process";
    case ComponentType::DataStore:
      return "Data store";
  }
  return "";
}

}  // namespace tw::report
