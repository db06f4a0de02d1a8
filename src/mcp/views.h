#pragma once
// JSON and one-line text views of model elements, threats and diagnostics, as the tools
// return them. Every list is sorted or in model order; nothing depends on hash order.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "engine/analysis.h"
#include "mcp/jsonrpc.h"
#include "model/enums.h"
#include "model/facts.h"
#include "model/model.h"

namespace tw::mcp {

/// "path:line:col", or "" for no position.
std::string loc_text(const base::Loc& loc);

/// A diagnostic: severity, code, message, file, line, column, hint and its rendered text.
Json diagnostic_json(const base::Diagnostic& d);
Json diagnostics_json(const base::Diagnostics& ds);

/// A threat with its rating, status, controls, assets and location.
Json threat_json(const engine::Threat& t);
/// "[HIGH] id: title (open)".
std::string threat_line(const engine::Threat& t);

Json asset_json(const model::Asset& a);
Json adversary_json(const model::Adversary& a);
Json boundary_json(const model::Model& m, const model::Boundary& b);
/// A component with its zone, trust, exposure and security facts (unknown facts as null).
Json component_json(const model::Model& m, const model::Facts& facts, int c);
/// A flow with its ends, zones, crossing direction and security facts.
Json flow_json(const model::Model& m, const model::Facts& facts, int f);
Json supply_json(const model::SupplyItem& s);
Json control_json(const model::Control& c, const engine::Analysis& a);

/// "none", "inbound" (an entry point), "outbound", "lateral".
std::string crossing_name(model::Crossing c);
/// The boundary id of a component ("" when in no zone) and its trust name.
std::string zone_of(const model::Model& m, int c);
std::string trust_name(model::Trust t);

/// Threat statuses that no longer need work: every status but open and claimed.
bool resolved_status(model::ThreatStatus s);
/// kebab-case words of a name, e.g. "Rate limit login" -> "rate-limit-login".
std::string kebab(std::string_view s);

/// `"value"` for a present optional enum/bool, null otherwise.
template <class E>
Json opt_enum(const std::optional<E>& e) {
  return e ? Json(std::string(model::name(*e))) : Json(nullptr);
}
Json opt_bool(const std::optional<bool>& b);
template <class E>
Json enum_list(const std::vector<E>& values) {
  Json out = Json::array();
  for (E e : values) out.push_back(std::string(model::name(e)));
  return out;
}

}  // namespace tw::mcp
