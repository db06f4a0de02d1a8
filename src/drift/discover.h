#pragma once
// Discover: a draft threat model from the observed system. Every inferred fact carries a
// comment citing the file:line:col it came from, so a person reviews a draft instead of
// writing from nothing.

#include <string>
#include <vector>

#include "observe/observed.h"

namespace tw::drift {

struct DiscoverOptions {
  std::string name;                 ///< system name (default: the first folder's name)
  std::vector<std::string> inputs;  ///< the folders scanned, for the header comment
};

/// The draft model as YAML text (loads with `threatwright check`).
std::string discover_model(const observe::ObservedSystem& obs, const DiscoverOptions& opts);

}  // namespace tw::drift
