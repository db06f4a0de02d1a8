#include "rules/rule.h"

#include <algorithm>

namespace tw::rules {

namespace {
constexpr std::string_view kAppliesNames[] = {"external-entity", "process", "data-store", "flow",
                                              "supply-chain"};
}  // namespace

std::string_view applies_to_name(AppliesTo a) { return kAppliesNames[static_cast<int>(a)]; }

std::optional<AppliesTo> parse_applies_to(std::string_view s) {
  for (int i = 0; i < 5; ++i) {
    if (kAppliesNames[i] == s) return static_cast<AppliesTo>(i);
  }
  return std::nullopt;
}

AppliesTo applies_to_of(model::ComponentType t) {
  switch (t) {
    case model::ComponentType::ExternalEntity:
      return AppliesTo::ExternalEntity;
    case model::ComponentType::Process:
      return AppliesTo::Process;
    case model::ComponentType::DataStore:
      return AppliesTo::DataStore;
  }
  return AppliesTo::Process;
}

bool Rule::applies(AppliesTo a) const {
  return std::find(applies_to.begin(), applies_to.end(), a) != applies_to.end();
}

}  // namespace tw::rules
