#include "rules/context.h"

#include <algorithm>

namespace tw::rules {

using model::Access;
using model::Capability;
using model::Crossing;
using model::Trust;

Context::Context(const model::Model& m) : model(m), facts(m) {
  const size_t nc = m.components.size();
  exposed_.assign(nc, false);
  entry_point_.assign(nc, false);
  reach_.assign(nc, 0);
  for (size_t c = 0; c < nc; ++c) exposed_[c] = facts.internet_exposed[c];
  for (size_t f = 0; f < m.flows.size(); ++f) {
    if (!valid_flow(static_cast<int>(f)) || facts.crossing[f] != Crossing::Inbound) continue;
    int from = m.flows[f].from.index, to = m.flows[f].to.index;
    entry_point_[to] = true;
    if (facts.trust[from] == Trust::Untrusted) exposed_[to] = true;
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
  model::Adversary probe;
  for (int k = 0; k < kAccessCount; ++k) {
    if (by_access_[k].empty()) continue;
    probe.access = static_cast<Access>(k);
    for (size_t c = 0; c < nc; ++c) {
      bool reaches = facts.reaches(probe, static_cast<int>(c)) ||
                     (k <= static_cast<int>(Access::AuthenticatedUser) && exposed_[c]);
      if (reaches) reach_[c] |= static_cast<uint8_t>(1u << k);
    }
  }
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
