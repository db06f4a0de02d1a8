#pragma once
// A threat rule: constant metadata (what it detects, how to fix it, where it comes from) next to
// its logic. Built-in rules live one per file in src/rules/<id>.cc; custom rules come from rule
// packs (rules/rule_pack.h) and carry a compiled condition instead of a function.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "model/enums.h"

namespace tw::rules {

class Context;
struct Condition;

/// The kind of model element a rule inspects.
enum class AppliesTo { ExternalEntity, Process, DataStore, Flow, SupplyChain };
std::string_view applies_to_name(AppliesTo a);
std::optional<AppliesTo> parse_applies_to(std::string_view s);
/// The element kind of a component type.
AppliesTo applies_to_of(model::ComponentType t);

/// An element a rule is evaluated on: an index into components, flows or supply_chain.
struct Target {
  AppliesTo kind = AppliesTo::Process;  ///< ExternalEntity/Process/DataStore: a component
  int index = -1;
  bool is_component() const { return kind != AppliesTo::Flow && kind != AppliesTo::SupplyChain; }
};

/// What a rule found on one target.
struct Finding {
  /// What was detected on this target, in context (names the element and the facts).
  std::string description;
  /// Added to the rule's likelihood factor, e.g. -1 when the weakness is only suspected because
  /// a fact is unknown.
  int likelihood_delta = 0;
  /// Assets at stake when narrower than everything at the target (asset indices, sorted).
  std::optional<std::vector<int>> assets;
};

using Check = std::optional<Finding> (*)(const Context& ctx, const Target& target);

/// A rule's metadata and logic. Built-in and custom rules share this shape.
struct Rule {
  std::string id;  ///< kebab-case, unique; threat ids are "<id>@<target-id>"
  std::string title;
  std::vector<model::Stride> stride;
  std::vector<AppliesTo> applies_to;
  std::vector<int> cwe;
  std::vector<int> capec;
  std::string detection;  ///< the detection logic, in words
  int likelihood = 3;     ///< default likelihood factor (1..5): how easy the weakness is to use
  int impact = 3;         ///< default impact factor (1..5): how bad its use is
  std::string mitigation;
  std::string false_positives;
  std::vector<std::string> references;

  /// Built-in rules: the logic. Null for custom rules.
  Check check = nullptr;
  /// Custom rules: the compiled `when:` condition and the description template.
  std::shared_ptr<const Condition> condition;
  std::string description;
  /// "built-in", or the rule-pack file it came from.
  std::string source = "built-in";
  base::Loc loc;

  bool applies(AppliesTo a) const;
};

}  // namespace tw::rules
