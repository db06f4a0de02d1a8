#pragma once
// Security checklists per element kind (web-app, api, sql-database, ..., or an element type:
// process, data-store, external-entity, flow): what to get right, which model fact records
// it, and which rules raise a threat when it is missing. For a concrete element, each item
// is also checked against the element's facts.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace tw::rules {
class RuleSet;
}

namespace tw::mcp {

struct ChecklistItem {
  std::string id;                  ///< kebab-case, stable
  std::string text;                ///< what to do
  std::string fact;                ///< the model key recording it ("" when none)
  std::vector<std::string> rules;  ///< rules that flag it when missing (existing ids only)
  /// For an element: "ok", "missing", "unknown" (fact not stated), or "" (no fact to check).
  std::string state;
  std::string detail;  ///< the element's value, when checked
};

struct Guidance {
  std::string kind;     ///< as asked ("web-app", "flow", ...)
  std::string applies;  ///< "process", "data-store", "external-entity", "flow"
  std::vector<ChecklistItem> items;
  /// A change's checklist (password-reset, file-upload, webhook, iam-role), not an element's.
  bool topic = false;
};

/// Every kind with a checklist, sorted.
std::vector<std::string> guidance_kinds();

/// The checklist for a kind or element type; nullopt when unknown. Rule ids not in `rules`
/// are left out. With `m`, a kind it declares (`kinds:`) gets its base kind's checklist.
std::optional<Guidance> guidance_for(std::string_view kind,
                                     const rules::RuleSet& rules,
                                     const model::Model* m = nullptr);

/// The checklist for one component or flow of `m`, each item checked against its facts.
std::optional<Guidance> guidance_for_element(const model::Model& m,
                                             const std::string& id,
                                             const rules::RuleSet& rules);

}  // namespace tw::mcp
