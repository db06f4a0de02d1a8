#pragma once
// The versioned JSON form of an analysis (docs/json-output.md), shared by `analyze --format
// json`, report/ and mcp/.

#include <nlohmann/json.hpp>
#include <string>

#include "engine/analysis.h"
#include "model/model.h"

namespace tw::rules {
class RuleSet;
struct Rule;
}  // namespace tw::rules

namespace tw::engine {

/// Version of the JSON output format; bumped on any incompatible change.
inline constexpr int kJsonFormatVersion = 1;

/// threatwright's version, e.g. "0.1.0".
std::string_view threatwright_version();

/// One threat as JSON (the elements of "threats").
nlohmann::ordered_json threat_json(const Threat& t);
/// The whole analysis: {"threatwright_version", "format_version", "model", "summary", "threats"}.
nlohmann::ordered_json analysis_json(const model::Model& m, const Analysis& a);
/// analysis_json rendered with two-space indentation and a final newline.
std::string render_analysis_json(const model::Model& m, const Analysis& a);

/// One rule's metadata as JSON (the elements of `rules --format json`).
nlohmann::ordered_json rule_json(const rules::Rule& r);
/// {"format_version", "rules": [...]} for every rule in the set, sorted by id.
nlohmann::ordered_json rules_json(const rules::RuleSet& rules);

}  // namespace tw::engine
