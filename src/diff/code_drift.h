#pragma once
// Code that moved without its model: files changed under a component's `code:` globs while no
// file of the threat model changed.

#include <functional>
#include <string>
#include <vector>

#include "diff/model_diff.h"
#include "diff/threat_diff.h"
#include "model/model.h"

namespace tw::diff {

struct CodeDrift {
  std::string component, name;
  std::vector<std::string> globs;  ///< repository-relative, as matched
  std::vector<std::string> files;  ///< changed files under them (repository paths, sorted)
};

/// A component's `code:` globs as repository-relative patterns. A glob is relative to the
/// folder of the file that declares the component (`file_dir`, repository-relative, "" at the
/// top); a leading '/' anchors it at the repository's top instead. `..` segments before the
/// first wildcard are resolved.
std::vector<std::string> repo_globs(const model::Component& c, const std::string& file_dir);

/// Components whose *meaning* in the model changed between two versions: the component itself
/// (its facts), a flow from or to it, a hand-written threat, failure mode or not_applicable entry
/// on it, a control or decision naming a threat on it, or a threat on it that the analysis now
/// rates or decides differently. Comments, whitespace, key order and moving text between files
/// change nothing. Sorted ids.
std::vector<std::string> components_changed_in_meaning(const model::Model& before,
                                                       const model::Model& after,
                                                       const ModelDiff& model,
                                                       const ThreatDiff& threats);

/// Components of `model` whose code changed while their meaning in the model did not
/// (`updated`, sorted ids, from components_changed_in_meaning). `dir_of` gives the
/// repository-relative folder of the file declaring a component; `changed` are
/// repository-relative paths. Sorted by component id.
std::vector<CodeDrift> find_code_drift(
    const model::Model& model,
    const std::function<std::string(const model::Component&)>& dir_of,
    const std::vector<std::string>& changed,
    const std::vector<std::string>& updated);

}  // namespace tw::diff
