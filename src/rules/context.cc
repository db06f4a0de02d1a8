#include "rules/context.h"

#include <algorithm>

#include "rules/predicates.h"

namespace tw::rules {

using model::Access;
using model::Capability;
using model::Crossing;
using model::Trust;

Context::Context(const model::Model& m) : model(m), facts(m), iam(m) {
  const size_t nc = m.components.size();
  exposed_.assign(nc, false);
  entry_point_.assign(nc, false);
  reach_.assign(nc, 0);
  for (size_t c = 0; c < nc; ++c) exposed_[c] = facts.internet_exposed[c];
  runs_here_.resize(nc);
  for (size_t c = 0; c < nc; ++c) {
    const model::Component& x = m.components[c];
    if (x.runs_on.resolved()) runs_here_[x.runs_on.index].push_back(static_cast<int>(c));
    if (kind_in(x, {"secret-store", "key-management", "hsm"})) has_secret_store_ = true;
  }
  for (size_t f = 0; f < m.flows.size(); ++f) {
    if (!valid_flow(static_cast<int>(f)) || facts.crossing[f] != Crossing::Inbound) continue;
    int from = m.flows[f].from.index, to = m.flows[f].to.index;
    entry_point_[to] = true;
    if (facts.trust[from] == Trust::Untrusted) exposed_[to] = true;
  }
  // Behind an exposed component that forwards requests (load balancer, gateway, CDN, ...), a
  // component is exposed too: the requests it serves come from the internet.
  {
    std::vector<int> queue;
    for (size_t c = 0; c < nc; ++c) {
      if (exposed_[c] && forwards_requests(m.components[c])) queue.push_back(static_cast<int>(c));
    }
    for (size_t head = 0; head < queue.size(); ++head) {
      for (int f : facts.flows_out[queue[head]]) {
        int v = m.flows[f].to.index;
        if (exposed_[v]) continue;
        exposed_[v] = true;
        if (forwards_requests(m.components[v])) queue.push_back(v);
      }
    }
  }
  // Reach is decided per access class (six of them), never per adversary and component.
  by_access_.resize(kAccessCount);
  cap_by_access_.resize(kAccessCount);
  for (size_t a = 0; a < m.adversaries.size(); ++a) {
    const model::Adversary& adv = m.adversaries[a];
    int k = static_cast<int>(adv.access.value_or(Access::Internet));
    by_access_[k].push_back(static_cast<int>(a));
    if (adv.capability && (!cap_by_access_[k] || *adv.capability > *cap_by_access_[k])) {
      cap_by_access_[k] = adv.capability;
    }
  }
  for (auto& v : by_access_) {
    std::sort(v.begin(), v.end(),
              [&](int x, int y) { return m.adversaries[x].id < m.adversaries[y].id; });
  }
  for (int k = 0; k < kAccessCount; ++k) {
    if (!by_access_[k].empty()) compute_reach(k);
  }
}

// Breadth-first over the flows from the class's entry points, through components that forward
// requests (and, for network classes, through untrusted zones the adversary can act from). Each
// component is visited once per class: linear in components + flows.
void Context::compute_reach(int k) {
  const model::Model& m = model;
  const size_t nc = m.components.size();
  std::vector<int32_t>& via = via_[k];
  via.assign(nc, kNotReached);
  const Access access = static_cast<Access>(k);
  const bool network = access == Access::Internet || access == Access::AuthenticatedUser ||
                       access == Access::AdjacentNetwork;
  std::vector<int> queue;
  queue.reserve(nc);
  for (size_t c = 0; c < nc; ++c) {
    const model::Component& comp = m.components[c];
    bool entry = false;
    switch (access) {
      case Access::Internet:
      case Access::AuthenticatedUser:
        entry = comp.internet_facing.value_or(false) || facts.trust[c] == Trust::Untrusted;
        break;
      case Access::Insider:
        entry = true;
        break;
      case Access::SupplyChain:
        entry = !facts.supply_of[c].empty();
        break;
      case Access::Physical:
        entry = comp.type == model::ComponentType::ExternalEntity ||
                comp.effective_kind().find("device") != std::string::npos;
        break;
      case Access::AdjacentNetwork:
        entry = facts.trust[c] != Trust::Trusted;
        break;
    }
    if (entry) {
      via[c] = kDirect;
      queue.push_back(static_cast<int>(c));
    }
  }
  if (network) {
    for (size_t head = 0; head < queue.size(); ++head) {
      int u = queue[head];
      if (facts.trust[u] != Trust::Untrusted && !forwards_requests(m.components[u])) continue;
      for (int f : facts.flows_out[u]) {
        int v = m.flows[f].to.index;
        if (via[v] != kNotReached) continue;
        via[v] = f;
        queue.push_back(v);
      }
    }
  }
  const uint8_t bit = static_cast<uint8_t>(1u << k);
  for (size_t c = 0; c < nc; ++c) {
    if (via[c] != kNotReached) reach_[c] |= bit;
  }
}

std::string Context::reach_path(int access, const Target& t) const {
  static constexpr std::string_view kAccessNames[] = {
      "internet", "authenticated-user", "insider", "supply-chain", "physical", "adjacent-network"};
  std::string head(kAccessNames[access]);
  if (t.kind == AppliesTo::SupplyChain) {
    return (access == static_cast<int>(Access::SupplyChain) ||
            access == static_cast<int>(Access::Insider))
               ? head + " -> " + model.supply_chain[t.index].id
               : std::string();
  }
  int c = t.index;
  std::string tail;
  if (t.kind == AppliesTo::Flow) {
    if (!valid_flow(t.index)) return {};
    const model::Flow& f = model.flows[t.index];
    c = reach_via(access, f.from.index) != kNotReached ? f.from.index : f.to.index;
    tail = " (flow " + f.id + ")";
  }
  if (reach_via(access, c) == kNotReached) return {};
  std::vector<int> hops;  // flows, last first
  for (int at = c; reach_via(access, at) >= 0 && hops.size() <= model.components.size();) {
    int f = reach_via(access, at);
    hops.push_back(f);
    at = model.flows[f].from.index;
  }
  int start = hops.empty() ? c : model.flows[hops.back()].from.index;
  std::string out = head + " -> " + model.components[start].id;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    const model::Flow& f = model.flows[*it];
    out += " -> " + model.components[f.to.index].id;
    if (!f.protocol.empty()) out += " (" + f.protocol + ")";
  }
  return out + tail;
}

std::optional<Capability> Context::capability_in(uint8_t mask) const {
  std::optional<Capability> best;
  for (int k = 0; k < kAccessCount; ++k) {
    if (!(mask & (1u << k)) || by_access_[k].empty()) continue;
    // An adversary without a stated capability counts as medium.
    Capability c = cap_by_access_[k].value_or(Capability::Medium);
    if (!best || c > *best) best = c;
  }
  return best;
}

std::optional<Capability> Context::max_capability(int c) const { return capability_in(reach_[c]); }

std::vector<int> Context::adversaries_in(uint8_t mask) const {
  std::vector<int> out;
  for (int k = 0; k < kAccessCount; ++k) {
    if (mask & (1u << k)) out.insert(out.end(), by_access_[k].begin(), by_access_[k].end());
  }
  std::sort(out.begin(), out.end(),
            [&](int x, int y) { return model.adversaries[x].id < model.adversaries[y].id; });
  return out;
}

bool Context::flow_exposed(int f) const {
  if (!valid_flow(f)) return false;
  int from = model.flows[f].from.index;
  return facts.trust[from] == Trust::Untrusted || exposed_[from];
}

uint8_t Context::flow_reach_mask(int f) const {
  if (!valid_flow(f)) return 0;
  return reach_[model.flows[f].from.index] | reach_[model.flows[f].to.index];
}

std::vector<int> Context::supply_assets(int s) const {
  std::vector<int> out;
  for (const model::Ref& u : model.supply_chain[s].used_by) {
    if (!u.resolved()) continue;
    const auto& a = facts.assets_at[u.index];
    out.insert(out.end(), a.begin(), a.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::string& Context::target_id(const Target& t) const {
  switch (t.kind) {
    case AppliesTo::Flow:
      return model.flows[t.index].id;
    case AppliesTo::SupplyChain:
      return model.supply_chain[t.index].id;
    default:
      return model.components[t.index].id;
  }
}

std::vector<int> Context::target_assets(const Target& t) const {
  switch (t.kind) {
    case AppliesTo::Flow:
      return facts.flow_assets(t.index);
    case AppliesTo::SupplyChain:
      return supply_assets(t.index);
    default:
      return facts.assets_at[t.index];
  }
}

base::Loc Context::target_loc(const Target& t) const {
  switch (t.kind) {
    case AppliesTo::Flow:
      return model.flows[t.index].loc;
    case AppliesTo::SupplyChain:
      return model.supply_chain[t.index].loc;
    default:
      return model.components[t.index].loc;
  }
}

uint8_t Context::target_reach(const Target& t) const {
  switch (t.kind) {
    case AppliesTo::Flow:
      return flow_reach_mask(t.index);
    case AppliesTo::SupplyChain: {
      uint8_t m = kSupplyChainBit | kInsiderBit;
      return m;
    }
    default:
      return reach_[t.index];
  }
}

}  // namespace tw::rules
