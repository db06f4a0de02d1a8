#pragma once
// Predicates shared by the built-in rules. Each is O(1) or linear in the flows of one element,
// so a rule stays linear in the model.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "rules/context.h"

namespace tw::rules {

/// The component's kind is one of `kinds`.
bool kind_in(const model::Component& c, std::initializer_list<std::string_view> kinds);
bool is_database(const model::Component& c);  ///< sql-database, nosql-database, cache
bool is_process(const model::Component& c);
bool is_data_store(const model::Component& c);
bool is_external(const model::Component& c);

/// Whether a protocol name is known to be encrypted (true), known to be plaintext (false), or
/// unknown (nullopt).
std::optional<bool> protocol_encrypted(std::string_view protocol);
/// Whether the flow is encrypted: its `encrypted` fact, else what its protocol implies.
std::optional<bool> flow_encrypted(const model::Flow& f);

/// Highest value among assets (nullopt when none is valued).
std::optional<model::Value> max_value(const model::Model& m, const std::vector<int>& assets);
/// Highest confidentiality / integrity / availability among assets (nullopt when none set).
enum class Cia { Confidentiality, Integrity, Availability };
std::optional<model::Level3> max_cia(const model::Model& m, const std::vector<int>& assets, Cia d);
/// Assets whose value is at least `v` or whose `d` level is high.
std::vector<int> sensitive_assets(const model::Model& m,
                                  const std::vector<int>& assets,
                                  Cia d,
                                  model::Value v = model::Value::High);
/// At least one asset in `assets` is valued `v` or more.
bool any_value_at_least(const model::Model& m, const std::vector<int>& assets, model::Value v);

/// "unknown" phrases for descriptions: "is not set" / "is false".
std::string fact_state(const std::optional<bool>& v, std::string_view name);

/// Comma-separated ids of the given assets: "cards, tokens".
std::string asset_list(const model::Model& m, const std::vector<int>& assets);

/// Finding for a weakness that is either known (`value == false`) or only suspected because
/// the fact is unknown (likelihood one lower, and the description says so).
std::optional<Finding> weak_unless_true(const std::optional<bool>& value,
                                        std::string_view fact,
                                        std::string description);

/// The component's authentication is strong (mfa, mtls, client certificate).
bool strong_authentication(const model::Component& c);
/// The component logs users in with a password (with or without a second factor).
bool password_login(const model::Component& c);

/// An exposed process or entry point that queries a component of kind `store_kind` without
/// validating its input (known or suspected); the injection rules differ only in that kind.
std::optional<Finding> unvalidated_query(const Context& ctx,
                                         const Target& t,
                                         std::string_view store_kind);

/// Out-flow of `c` whose destination matches `pred`; -1 if none.
template <class Pred>
int find_flow_out(const Context& ctx, int c, Pred pred) {
  for (int f : ctx.facts.flows_out[c]) {
    if (pred(ctx.flow(f), ctx.to(f))) return f;
  }
  return -1;
}
/// In-flow of `c` whose source matches `pred`; -1 if none.
template <class Pred>
int find_flow_in(const Context& ctx, int c, Pred pred) {
  for (int f : ctx.facts.flows_in[c]) {
    if (pred(ctx.flow(f), ctx.from(f))) return f;
  }
  return -1;
}

/// `name (id)` of a component for descriptions.
std::string label(const model::Component& c);
std::string label(const model::Flow& f);

}  // namespace tw::rules
