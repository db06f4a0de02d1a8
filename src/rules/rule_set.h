#pragma once
// The rules of one analysis: the built-in library plus custom rule packs, compiled once.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "rules/rule.h"

namespace tw::rules {

class Context;

class RuleSet {
 public:
  /// The built-in rules only.
  RuleSet();

  /// Adds a custom rule. An id already taken (by a built-in or an earlier custom rule) is an
  /// error reported at the rule's location; the rule is then dropped.
  void add(std::shared_ptr<const Rule> rule, base::Diagnostics& diags);

  /// All rules, sorted by id.
  const std::vector<const Rule*>& rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  size_t custom_count() const { return owned_.size(); }

  /// Keeps a rule-pack file alive for as long as this set (rule locations point into it).
  void keep(std::shared_ptr<const base::SourceFile> file) { sources_.push_back(std::move(file)); }
  const std::vector<std::shared_ptr<const base::SourceFile>>& sources() const { return sources_; }

 private:
  std::vector<std::shared_ptr<const base::SourceFile>> sources_;
  std::vector<std::shared_ptr<const Rule>> owned_;
  std::vector<const Rule*> rules_;
};

/// Runs one rule on one target: the built-in check, or the custom rule's condition (true: a
/// finding; false: clear; unknown: undecided).
Verdict evaluate(const Rule& rule, const Context& ctx, const Target& target);
/// The access classes whose adversaries can use the rule's weakness: its `vectors`, or the
/// default for its element kinds (supply-chain entries: supply-chain and insider; everything
/// else: the network classes and insider).
uint8_t rule_vectors(const Rule& rule);

}  // namespace tw::rules
