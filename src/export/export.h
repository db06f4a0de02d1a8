#pragma once
// Export: the resolved model (and, where a format carries threats, its analysis) written in the
// formats other threat-modelling tools read (docs/interop.md, "Export"). One writer per format;
// each returns the file's text. cli/ only wires `threatwright export FORMAT MODEL`.
//
// Every string that comes from the model is hostile (models arrive in pull requests): each
// writer builds JSON with nlohmann::json, so quoting is exact, and runs every string through
// base::clean_json_strings (no C1, bidi or hidden characters reach the other tool). Text that
// the other tool renders as Markdown (Threat Composer) is escaped with base::md_escape.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "engine/analysis.h"
#include "model/model.h"

namespace tw::exports {

enum class Format { TmBom, ThreatDragon, Otm, ThreatComposer, CycloneDx };

/// "tm-bom", "threat-dragon", "otm", "threat-composer", "cyclonedx".
std::optional<Format> parse_format(std::string_view s);
std::string_view format_name(Format f);
/// Every format name, in the order above.
const std::vector<std::string_view>& format_names();

struct Options {
  std::string tool_version;  ///< threatwright's version, written where a format names its tool
  base::Date today;          ///< the export date (SBOM timestamp, TM-BOM reviewed_at fallback)
};

/// The file text (JSON, two-space indentation, final newline).
base::Result<std::string> write(Format f,
                                const model::Model& m,
                                const engine::Analysis& a,
                                const Options& o);

std::string write_tm_bom(const model::Model& m, const engine::Analysis& a, const Options& o);
std::string write_threat_dragon(const model::Model& m, const engine::Analysis& a, const Options& o);
std::string write_otm(const model::Model& m, const engine::Analysis& a, const Options& o);
std::string write_threat_composer(const model::Model& m,
                                  const engine::Analysis& a,
                                  const Options& o);
std::string write_cyclonedx(const model::Model& m, const Options& o);

}  // namespace tw::exports
