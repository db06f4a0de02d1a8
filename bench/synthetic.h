#pragma once
// A deterministic synthetic model: N components in nested boundaries, 3N flows, assets,
// adversaries, supply chain, controls. Shaped like a real model (all fields, mixed facts).

#include <string>

namespace tw::bench {

std::string synthetic_model(int components);

/// The security review's "did you mean" case (B10): `components` bare components and
/// `dangling` flows between them. With `broken`, every flow's source is an id that does not
/// exist: half are typos of a component id (`comp-17x`, one edit away), half name nothing
/// like one (`missing-17`); else the flows are valid.
std::string dangling_model(int components, int dangling, bool broken);

}  // namespace tw::bench
