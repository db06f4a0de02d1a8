#pragma once
// Facts derived from a resolved model, computed once in linear time: trust of each component,
// boundary crossings and their direction, internet exposure, assets at stake.

#include <vector>

#include "model/model.h"

namespace tw::model {

enum class Crossing { None, Inbound, Outbound, Lateral };

struct Facts {
  explicit Facts(const Model& m);

  const Model& model;
  std::vector<Trust> trust;                        ///< per component (untrusted when no boundary)
  std::vector<std::vector<int>> flows_in;          ///< per component: flow indices ending there
  std::vector<std::vector<int>> flows_out;         ///< per component: flow indices starting there
  std::vector<Crossing> crossing;                  ///< per flow
  std::vector<bool> internet_exposed;              ///< per component: internet_facing or fed by an
                                                   ///< untrusted zone across a boundary
  std::vector<std::vector<int>> assets_at;         ///< per component: stored + carried (sorted)
  std::vector<std::vector<int>> supply_of;         ///< per component: supply-chain entries used
  std::vector<std::vector<int>> failure_modes_of;  ///< per component
  std::vector<int> dependents;                     ///< per component: distinct callers (flows in)

  /// Inbound crossing: from a less trusted to a more trusted zone.
  bool entry_point(int flow) const { return crossing[flow] == Crossing::Inbound; }
  bool crosses(int flow) const { return crossing[flow] != Crossing::None; }
  /// Highest asset value among `assets` (nullopt when none has a value).
  std::optional<Value> max_value(const std::vector<int>& assets) const;
  /// Asset indices carried by a flow either way, `data` and `returns` (resolved only).
  std::vector<int> flow_assets(int flow) const;
  /// Whether an adversary with this access can reach the component.
  bool reaches(const Adversary& a, int component) const;
};

/// Trust of a boundary by index (untrusted when unset).
Trust boundary_trust(const Model& m, int boundary);
/// Per component: how many distinct components call it (resolved flows in). Facts::dependents,
/// for callers that need nothing else.
std::vector<int> count_dependents(const Model& m);

}  // namespace tw::model
