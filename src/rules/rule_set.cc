#include "rules/rule_set.h"

#include <algorithm>

#include "rules/condition.h"
#include "rules/context.h"
#include "rules/registry.h"

namespace tw::rules {

RuleSet::RuleSet() : rules_(builtin_rules()) {}

void RuleSet::add(std::shared_ptr<const Rule> rule, base::Diagnostics& diags) {
  if (const Rule* prev = find(rule->id)) {
    auto& d =
        diags.error("duplicate-rule", rule->loc, "rule id '" + rule->id + "' is already used");
    if (prev->source == "built-in") {
      d.hint = "built-in rules cannot be replaced; choose another id";
    } else {
      d.notes.push_back({prev->loc, "first defined here"});
    }
    return;
  }
  const Rule* raw = rule.get();
  owned_.push_back(std::move(rule));
  auto at = std::lower_bound(rules_.begin(), rules_.end(), raw->id,
                             [](const Rule* r, const std::string& id) { return r->id < id; });
  rules_.insert(at, raw);
}

const Rule* RuleSet::find(std::string_view id) const {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), id,
                             [](const Rule* r, std::string_view v) { return r->id < v; });
  return it != rules_.end() && (*it)->id == id ? *it : nullptr;
}

Verdict evaluate(const Rule& rule, const Context& ctx, const Target& target) {
  if (rule.check) return rule.check(ctx, target);
  if (!rule.condition) return std::nullopt;
  switch (rule.condition->decide(ctx, target)) {
    case Condition::Outcome::False:
      return Verdict::clear();
    case Condition::Outcome::Unknown:
      return Verdict::undecided();
    case Condition::Outcome::True:
      break;
  }
  Finding f;
  f.description =
      render_description(rule.description.empty() ? rule.title : rule.description, ctx, target);
  return f;
}

uint8_t rule_vectors(const Rule& rule) {
  if (rule.vectors) return rule.vectors;
  for (AppliesTo a : rule.applies_to) {
    if (a != AppliesTo::SupplyChain) return kNetworkVectors;
  }
  return kSupplyChainBit | kInsiderBit;
}

}  // namespace tw::rules
