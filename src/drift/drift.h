#pragma once
// Drift: where what the infrastructure files show contradicts the threat model.
// Each finding cites the observed side (file:line:col of the infrastructure file) and, when
// the model has a counterpart, the model side.

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/source.h"
#include "engine/analysis.h"
#include "model/model.h"
#include "observe/observed.h"

namespace tw::drift {

struct Finding {
  std::string code;  ///< "exposure-not-in-model", "public-bucket", ... (docs/drift.md)
  engine::Severity severity = engine::Severity::Medium;
  std::string message;
  std::string observed;        ///< observed component or pipeline id ("" when none)
  observe::Where observed_at;  ///< infrastructure side
  std::string element;         ///< model element id ("" when the model has none)
  base::Loc model_at;          ///< model side (invalid when the model has none)
  std::string model_says;      ///< what the model states there, for the message
  std::string hint;            ///< how to settle it
};

/// Ties observed names to model ids where they differ: `observed name or id -> model id`.
struct Mapping {
  std::map<std::string, std::string> to_model;
};

/// Reads a mapping file: a YAML mapping `map: {observed: model-id, ...}`.
base::Result<Mapping> read_mapping(const std::string& path);

/// The model component an observed component stands for (mapping first, then id, name or an
/// alias in slug form), or nullptr.
const model::Component* match(const model::Model& m,
                              const observe::ObservedComponent& c,
                              const Mapping& map);

/// Lower-case, non-alphanumerics folded to '-': "OWASP crAPI" -> "owasp-crapi".
std::string slug(const std::string& s);

/// All findings, sorted by severity (highest first), then observed file:line:col.
std::vector<Finding> find_drift(const model::Model& m,
                                const observe::ObservedSystem& obs,
                                const Mapping& map);

/// Renderings. `root` is the folder paths are shown relative to (SARIF uri base).
std::string render_text(const std::vector<Finding>& fs, const observe::ObservedSystem& obs);
std::string render_json(const std::vector<Finding>& fs, const observe::ObservedSystem& obs);
std::string render_sarif(const std::vector<Finding>& fs, const std::string& tool_version);
std::string render_markdown(const std::vector<Finding>& fs, const observe::ObservedSystem& obs);

}  // namespace tw::drift
