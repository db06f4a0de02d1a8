#pragma once
// A threat rule: constant metadata (what it detects, how to fix it, where it comes from) next to
// its logic. Built-in rules live one per file in src/rules/<id>.cc; custom rules come from rule
// packs (rules/rule_pack.h) and carry a compiled condition instead of a function.

#include <cstdint>
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
  /// The security fact(s) on the element that claim to counter the weakness ("input_validation"),
  /// empty when the weakness is present or suspected. A claimed finding is still a threat, rated
  /// lower and with status `claimed` until a verified control backs the claim (docs/risk.md).
  std::string claim;
};

/// What a rule concluded on one target. Four outcomes, so that coverage can tell "looked and
/// found nothing" from "could not tell" (docs/quality-gate.md, threat-coverage):
/// - OutOfScope: the element is not what the rule is about (another kind, no such flow);
/// - Clear: the rule applies here, its facts are known, and they rule the weakness out;
/// - Undecided: a fact the rule needs is unknown and it cannot tell;
/// - Found: a weakness, present, suspected or claimed (see Finding).
/// Built-in checks may return `std::nullopt` (out of scope) or a Finding directly.
class Verdict {
 public:
  enum class Kind { OutOfScope, Clear, Undecided, Found };
  Verdict(std::nullopt_t = std::nullopt) {}
  Verdict(Finding f) : kind_(Kind::Found), finding_(std::move(f)) {}
  Verdict(std::optional<Finding> f)
      : kind_(f ? Kind::Found : Kind::OutOfScope), finding_(std::move(f)) {}
  static Verdict clear() { return Verdict(Kind::Clear); }
  static Verdict undecided() { return Verdict(Kind::Undecided); }

  Kind kind() const { return kind_; }
  /// A finding (present, suspected or claimed).
  explicit operator bool() const { return finding_.has_value(); }
  const Finding& operator*() const { return *finding_; }
  Finding& operator*() { return *finding_; }
  const Finding* operator->() const { return &*finding_; }
  Finding* operator->() { return &*finding_; }
  /// A weakness that is present or suspected, not merely claimed away.
  bool weakness() const { return finding_ && finding_->claim.empty(); }

 private:
  explicit Verdict(Kind k) : kind_(k) {}
  Kind kind_ = Kind::OutOfScope;
  std::optional<Finding> finding_;
};

using Check = Verdict (*)(const Context& ctx, const Target& target);

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
  /// Threats of one root cause on one element are grouped under it in reports (a missing rate
  /// limit behind brute force, lockout and flooding): the name of the cause, e.g. "rate_limited".
  /// Empty: the rule is its own root cause.
  std::string root_cause;
  /// Access classes (bits of model::Access) whose adversaries can use the weakness; 0 means the
  /// default for the element kinds (docs/risk.md, "Who can use a weakness").
  uint8_t vectors = 0;
  /// The least adversary capability the weakness needs; less capable adversaries do not raise it.
  model::Capability skill = model::Capability::Low;

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
