#pragma once
// A deterministic synthetic model: N components in nested boundaries, 3N flows, assets,
// adversaries, supply chain, controls. Shaped like a real model (all fields, mixed facts).

#include <string>

namespace tw::bench {

std::string synthetic_model(int components);

}  // namespace tw::bench
