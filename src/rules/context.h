#pragma once
// What every rule reads: the model, its derived facts (model/facts.h) and a few more facts
// computed once per analysis in linear time, so that no rule scans the whole model per element.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/facts.h"
#include "model/iam.h"
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
  /// IAM: effective grants, administrative rights, trust breadth, principals per component.
  const model::IamFacts iam;

  // ---- components ----
  const model::Component& component(int c) const { return model.components[c]; }
  /// Internet-facing, fed across a boundary from an untrusted zone, or behind an exposed
  /// component that forwards requests (rules/predicates.h, forwards_requests).
  bool exposed(int c) const { return exposed_[c]; }
  /// Receives at least one flow that crosses from a less trusted zone.
  bool entry_point(int c) const { return entry_point_[c]; }
  /// Bit i set when adversaries with access `model::Access(i)` can reach the component, over
  /// the data-flow graph (docs/risk.md, "Reach"). Only classes the model has adversaries of.
  uint8_t reach_mask(int c) const { return reach_[c]; }
  /// How adversaries of access class `access` arrive at component `c`: kNotReached, kDirect (it
  /// is one of their entry points), or the index of the flow they come through.
  int reach_via(int access, int c) const {
    return via_[access].empty() ? kNotReached : via_[access][c];
  }
  static constexpr int kNotReached = -2, kDirect = -1;
  /// The way in for an access class, for explanations: "internet -> lb -> web (https)". Empty
  /// when the class does not reach the target. Linear in the length of the path.
  std::string reach_path(int access, const Target& t) const;
  /// Highest capability among the modelled adversaries able to reach the component.
  std::optional<model::Capability> max_capability(int c) const;
  bool has_failure_analysis(int c) const { return !facts.failure_modes_of[c].empty(); }
  /// Components whose `runs_on` names `c` (the guests of a shared runtime), in model order.
  const std::vector<int>& runs_here(int c) const { return runs_here_[c]; }
  /// The model has a component that keeps secrets: kind secret-store, key-management or hsm.
  bool has_secret_store() const { return has_secret_store_; }

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
  void compute_reach(int access);

  std::vector<bool> exposed_, entry_point_;
  std::vector<std::vector<int>> runs_here_;
  bool has_secret_store_ = false;
  std::vector<uint8_t> reach_;
  std::vector<int32_t> via_[6];  ///< per access class with adversaries: reach_via per component
  std::vector<std::vector<int>> by_access_;  ///< per Access: adversary indices sorted by id
  std::vector<std::optional<model::Capability>> cap_by_access_;
};

/// Number of access classes (bits in a reach mask).
inline constexpr int kAccessCount = 6;
inline constexpr uint8_t access_bit(model::Access a) {
  return static_cast<uint8_t>(1u << static_cast<int>(a));
}
inline constexpr uint8_t kInternetBit = access_bit(model::Access::Internet);
inline constexpr uint8_t kAuthenticatedUserBit = access_bit(model::Access::AuthenticatedUser);
inline constexpr uint8_t kInsiderBit = access_bit(model::Access::Insider);
inline constexpr uint8_t kSupplyChainBit = access_bit(model::Access::SupplyChain);
inline constexpr uint8_t kPhysicalBit = access_bit(model::Access::Physical);
inline constexpr uint8_t kAdjacentNetworkBit = access_bit(model::Access::AdjacentNetwork);
/// Adversaries who send requests over a network, and insiders.
inline constexpr uint8_t kNetworkVectors =
    kInternetBit | kAuthenticatedUserBit | kAdjacentNetworkBit | kInsiderBit;
inline constexpr uint8_t kAllVectors = 0x3f;
/// In a rule's `vectors`: the weakness hurts without any adversary (an outage, lost data), so
/// no fitting adversary does not lower its likelihood; fitting ones still raise it.
inline constexpr uint8_t kNoAdversaryNeeded = 0x80;

}  // namespace tw::rules
