#pragma once
// What every rule reads: the model, its derived facts (model/facts.h) and a few more facts
// computed once per analysis in linear time, so that no rule scans the whole model per element.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/facts.h"
#include "model/model.h"
#include "rules/rule.h"

namespace tw::rules {

class Context {
 public:
  explicit Context(const model::Model& m);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const model::Model& model;
  const model::Facts facts;

  // ---- components ----
  const model::Component& component(int c) const { return model.components[c]; }
  /// Internet-facing, or fed across a boundary from an untrusted zone.
  bool exposed(int c) const { return exposed_[c]; }
  /// Receives at least one flow that crosses from a less trusted zone.
  bool entry_point(int c) const { return entry_point_[c]; }
  /// Bit i set when adversaries with access `model::Access(i)` can reach the component.
  uint8_t reach_mask(int c) const { return reach_[c]; }
  /// Highest capability among the modelled adversaries able to reach the component.
  std::optional<model::Capability> max_capability(int c) const;
  bool has_failure_analysis(int c) const { return !facts.failure_modes_of[c].empty(); }

  // ---- flows ----
  const model::Flow& flow(int f) const { return model.flows[f]; }
  /// Flow with both ends resolved.
  bool valid_flow(int f) const {
    return model.flows[f].from.resolved() && model.flows[f].to.resolved();
  }
  const model::Component& from(int f) const { return model.components[model.flows[f].from.index]; }
  const model::Component& to(int f) const { return model.components[model.flows[f].to.index]; }
  /// A flow whose source sits in an untrusted zone or is exposed.
  bool flow_exposed(int f) const;
  uint8_t flow_reach_mask(int f) const;

  // ---- supply chain ----
  /// Assets at stake through the components that use a supply-chain entry (sorted).
  std::vector<int> supply_assets(int s) const;

  // ---- adversaries ----
  bool has_adversaries() const { return !model.adversaries.empty(); }
  /// Adversary indices whose access class is in `mask`, sorted by id.
  std::vector<int> adversaries_in(uint8_t mask) const;
  /// Highest capability among adversaries whose access class is in `mask`.
  std::optional<model::Capability> capability_in(uint8_t mask) const;

  /// The id of a target element, and its assets at stake.
  const std::string& target_id(const Target& t) const;
  std::vector<int> target_assets(const Target& t) const;
  base::Loc target_loc(const Target& t) const;
  /// The mask of adversary access classes able to reach a target.
  uint8_t target_reach(const Target& t) const;

 private:
  std::vector<bool> exposed_, entry_point_;
  std::vector<uint8_t> reach_;
  std::vector<std::vector<int>> by_access_;  ///< per Access: adversary indices sorted by id
  std::vector<std::optional<model::Capability>> cap_by_access_;
};

/// Number of access classes (bits in a reach mask).
inline constexpr int kAccessCount = 6;
inline constexpr uint8_t kSupplyChainBit = 1u << static_cast<int>(model::Access::SupplyChain);
inline constexpr uint8_t kInsiderBit = 1u << static_cast<int>(model::Access::Insider);

}  // namespace tw::rules
