#pragma once
// The versioned JSON form of an analysis (docs/json-output.md), shared by `analyze --format
// json`, report/ and mcp/.

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/json_writer.h"
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
void write_threat_json(base::JsonWriter& w, const Threat& t);
/// The fields of the analysis document, into an object the caller has opened:
/// "threatwright_version", "format_version", "model", "summary" (of the whole analysis) and
/// "threats" (`shown` when given, else every threat).
void write_analysis_fields(base::JsonWriter& w,
                           const model::Model& m,
                           const Analysis& a,
                           const std::vector<const Threat*>* shown = nullptr);
/// The whole analysis document, two-space indented with a final newline, written as it is
/// produced.
void write_analysis_json(std::ostream& out,
                         const model::Model& m,
                         const Analysis& a,
                         const std::vector<const Threat*>* shown = nullptr);
/// write_analysis_json into a string.
std::string render_analysis_json(const model::Model& m, const Analysis& a);

/// One rule's metadata as JSON (the elements of `rules --format json`).
nlohmann::ordered_json rule_json(const rules::Rule& r);
/// {"format_version", "rules": [...]} for every rule in the set, sorted by id.
nlohmann::ordered_json rules_json(const rules::RuleSet& rules);

}  // namespace tw::engine
