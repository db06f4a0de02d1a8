#pragma once
// YAML nodes of one file -> typed model sections (appended to a Model). No cross-references
// are resolved here; see resolve.h.

#include <string_view>

#include "model/model.h"

namespace tw::load {

struct BuildContext;
struct Node;

/// Builds one item of the top-level list section `section` (e.g. "components") into `m`.
/// Returns false, building nothing, for other keys ("include", "rules", unknown keys that
/// build_sections reports).
bool build_item(BuildContext& ctx, std::string_view section, const Node* item, model::Model& m);

/// Appends the sections of a top-level mapping to `m` (items already streamed to
/// build_item are no longer in the tree). `root` says whether this is the
/// root model file (which must hold `threatwright:` and `system:`). Includes and `rules:`
/// are handled by the loader, not here.
void build_sections(BuildContext& ctx, const Node* top, bool root, model::Model& m);

}  // namespace tw::load
