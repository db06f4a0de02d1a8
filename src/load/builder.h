#pragma once
// YAML nodes of one file -> typed model sections (appended to a Model). No cross-references
// are resolved here; see resolve.h.

#include "model/model.h"

namespace tw::load {

struct BuildContext;
struct Node;

/// Appends the sections of a top-level mapping to `m`. `root` says whether this is the
/// root model file (which must hold `threatwright:` and `system:`). Includes and `rules:`
/// are handled by the loader, not here.
void build_sections(BuildContext& ctx, const Node* top, bool root, model::Model& m);

}  // namespace tw::load
