#pragma once
// The built-in rule library.

#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace tw::rules {

/// Every built-in rule, sorted by id.
const std::vector<const Rule*>& builtin_rules();
/// The built-in rule with this id, or null.
const Rule* find_builtin(std::string_view id);

}  // namespace tw::rules
