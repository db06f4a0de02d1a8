#pragma once
// Code that moved without its model: files changed under a component's `code:` globs while no
// file of the threat model changed.

#include <functional>
#include <string>
#include <vector>

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

/// Components of `model` whose code changed. `dir_of` gives the repository-relative folder of
/// the file declaring a component; `changed` are repository-relative paths. Returns nothing when
/// any of `changed` is one of `model_files` (the model was updated). Sorted by component id.
std::vector<CodeDrift> find_code_drift(
    const model::Model& model,
    const std::function<std::string(const model::Component&)>& dir_of,
    const std::vector<std::string>& changed,
    const std::vector<std::string>& model_files);

}  // namespace tw::diff
