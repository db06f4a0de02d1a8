#pragma once
// The condition language of custom rule packs (docs/rule-packs.md): a small, safe expression
// language over element attributes and derived facts, with three-valued logic (an unknown fact
// is neither true nor false). Compiled once to a tree; evaluation is bounded by its size and
// never runs code.
//
//   expr       := or
//   or         := and ('or' and)*
//   and        := unary ('and' unary)*
//   unary      := 'not' unary | '(' expr ')' | test
//   test       := ATTR                              (a boolean attribute is true)
//               | ATTR ('=='|'!='|'<'|'<='|'>'|'>=') VALUE
//               | ATTR ['not'] 'in' '[' VALUE (',' VALUE)* ']'
//               | ATTR 'is' ['not'] ('known'|'unknown')

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace tw::rules {

class Context;

/// Documented limits of one condition.
struct ConditionLimits {
  size_t max_chars = 2000;
  size_t max_nodes = 200;
  size_t max_depth = 24;
  size_t max_list = 64;
};

/// A compile error at a byte offset in the condition text.
struct ConditionError {
  size_t offset = 0;
  size_t length = 1;
  std::string message;
  std::string hint;  ///< e.g. "did you mean 'internet_exposed'?"
};

struct Condition {
  struct Node;
  std::vector<Node> nodes;
  int root = 0;  ///< index of the root node
  /// True when the condition definitely holds on the target (unknown counts as not holding).
  bool holds(const Context& ctx, const Target& target) const;
  enum class Outcome { False, True, Unknown };
  /// The three-valued result: false means the facts it reads are known and rule it out.
  Outcome decide(const Context& ctx, const Target& target) const;
  ~Condition();
};

/// Compiles `text` for rules applying to `kinds`. Attributes must exist for every kind.
/// Returns null and fills `error` on a mistake.
std::shared_ptr<const Condition> compile_condition(std::string_view text,
                                                   const std::vector<AppliesTo>& kinds,
                                                   ConditionError& error,
                                                   const ConditionLimits& limits = {});

/// Checks a description template: `{attr}` placeholders must name attributes of `kinds`.
bool check_template(std::string_view text,
                    const std::vector<AppliesTo>& kinds,
                    ConditionError& error);
/// Expands `{attr}` placeholders with the target's values ("unknown" when not set).
std::string render_description(std::string_view text, const Context& ctx, const Target& target);

/// One attribute of the language, for documentation and `rules` listings.
struct AttributeInfo {
  std::string_view name;
  std::string type;  ///< "bool", "int", "string", or the enum's value list "a | b | c"
  std::string_view doc;
  std::vector<AppliesTo> kinds;
};
std::vector<AttributeInfo> attribute_catalog();

}  // namespace tw::rules
