#pragma once
// Assessing a proposed change: a model fragment (YAML or JSON text with new or changed
// components, flows, assets, ...) is merged into a fresh copy of the model in memory, the copy
// is analysed, and the result is compared with the model as it is. Nothing is written.
//
// An element of the fragment whose id already exists in the model (in the same section)
// changes it: only the keys the fragment gives replace the model's values (`key: null` makes
// a fact unknown again). Any other element is added. Decisions are matched by their threat id.

#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "load/loader.h"
#include "mcp/jsonrpc.h"
#include "model/model.h"

namespace tw::mcp {

class Workspace;

/// One element the fragment adds or changes.
struct ChangedElement {
  model::Kind kind;
  std::string id;
  bool added = true;  ///< false: an existing element changed
};

struct MergeResult {
  /// The merged model. It owns the fragment's text, which diagnostics point into; use it as a
  /// model only when ok().
  std::unique_ptr<model::Model> model;
  /// Problems the change introduces (fragment syntax, unknown keys, dangling references,
  /// warnings not already reported for the model), with positions.
  base::Diagnostics diagnostics;
  std::vector<ChangedElement> elements;  ///< in fragment order
  bool ok() const { return model != nullptr && !diagnostics.has_errors(); }
};

/// Merges fragment `text` (shown as `display` in diagnostics) into `base`, a freshly loaded
/// model whose own diagnostics are `base_diags`. The result's model is resolved.
MergeResult merge_change(load::LoadResult base,
                         std::string text,
                         const std::string& display,
                         const load::Limits& limits = {});

struct Assessment {
  std::string text;  ///< for people and language models
  Json structured;   ///< the same, as data
  bool has_errors = false;
};

/// Assesses fragment `text` against the workspace's model.
Assessment assess_change(const Workspace& ws, std::string text, const std::string& display);

}  // namespace tw::mcp
