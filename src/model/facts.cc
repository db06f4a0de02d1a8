#include "model/facts.h"

#include <algorithm>

namespace tw::model {

Trust boundary_trust(const Model& m, int boundary) {
  if (boundary < 0) return Trust::Untrusted;
  return m.boundaries[boundary].trust.value_or(Trust::Untrusted);
}

namespace {
void sort_unique(std::vector<int>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
}  // namespace

Facts::Facts(const Model& m) : model(m) {
  const size_t nc = m.components.size();
  trust.resize(nc);
  flows_in.resize(nc);
  flows_out.resize(nc);
  internet_exposed.resize(nc);
  assets_at.resize(nc);
  supply_of.resize(nc);
  failure_modes_of.resize(nc);
  dependents.resize(nc);
  for (size_t c = 0; c < nc; ++c) {
    const Component& comp = m.components[c];
    trust[c] = boundary_trust(m, comp.boundary.index);
    internet_exposed[c] = comp.internet_facing.value_or(false);
    for (const Ref& a : comp.stores) {
      if (a.resolved()) assets_at[c].push_back(a.index);
    }
  }
  crossing.assign(m.flows.size(), Crossing::None);
  for (size_t f = 0; f < m.flows.size(); ++f) {
    const Flow& flow = m.flows[f];
    int from = flow.from.index, to = flow.to.index;
    if (from < 0 || to < 0) continue;
    flows_out[from].push_back(static_cast<int>(f));
    flows_in[to].push_back(static_cast<int>(f));
    for (const auto* list : {&flow.data, &flow.returns}) {
      for (const Ref& a : *list) {
        if (!a.resolved()) continue;
        assets_at[from].push_back(a.index);
        assets_at[to].push_back(a.index);
      }
    }
    int bf = m.components[from].boundary.index, bt = m.components[to].boundary.index;
    if (bf != bt) {
      Trust tf = trust[from], tt = trust[to];
      crossing[f] = tf < tt ? Crossing::Inbound : tf > tt ? Crossing::Outbound : Crossing::Lateral;
    }
    if (trust[from] == Trust::Untrusted && trust[to] != Trust::Untrusted &&
        m.components[from].type == ComponentType::ExternalEntity) {
      internet_exposed[to] = internet_exposed[to] || crossing[f] == Crossing::Inbound;
    }
  }
  for (size_t c = 0; c < nc; ++c) {
    sort_unique(assets_at[c]);
  }
  dependents = count_dependents(m);
  for (size_t s = 0; s < m.supply_chain.size(); ++s) {
    for (const Ref& u : m.supply_chain[s].used_by) {
      if (u.resolved()) supply_of[u.index].push_back(static_cast<int>(s));
    }
  }
  for (size_t i = 0; i < m.failure_modes.size(); ++i) {
    const Ref& c = m.failure_modes[i].component;
    if (c.resolved()) failure_modes_of[c.index].push_back(static_cast<int>(i));
  }
}

std::vector<int> count_dependents(const Model& m) {
  std::vector<std::vector<int>> callers(m.components.size());
  for (const Flow& f : m.flows) {
    if (f.from.resolved() && f.to.resolved()) callers[f.to.index].push_back(f.from.index);
  }
  std::vector<int> out(m.components.size());
  for (size_t c = 0; c < callers.size(); ++c) {
    sort_unique(callers[c]);
    out[c] = static_cast<int>(callers[c].size());
  }
  return out;
}

std::optional<Value> Facts::max_value(const std::vector<int>& assets) const {
  std::optional<Value> best;
  for (int a : assets) {
    auto v = model.assets[a].value;
    if (v && (!best || *v > *best)) best = v;
  }
  return best;
}

std::vector<int> Facts::flow_assets(int flow) const {
  std::vector<int> out;
  for (const Ref& a : model.flows[flow].data) {
    if (a.resolved()) out.push_back(a.index);
  }
  for (const Ref& a : model.flows[flow].returns) {
    if (a.resolved()) out.push_back(a.index);
  }
  sort_unique(out);
  return out;
}

bool Facts::reaches(const Adversary& a, int c) const {
  const Component& comp = model.components[c];
  switch (a.access.value_or(Access::Internet)) {
    case Access::Internet:
    case Access::AuthenticatedUser:
      return internet_exposed[c] || trust[c] == Trust::Untrusted;
    case Access::Insider:
      return true;
    case Access::SupplyChain:
      return !supply_of[c].empty();
    case Access::Physical:
      return comp.type == ComponentType::ExternalEntity ||
             comp.effective_kind().find("device") != std::string::npos;
    case Access::AdjacentNetwork:
      return trust[c] != Trust::Trusted;
  }
  return false;
}

}  // namespace tw::model
