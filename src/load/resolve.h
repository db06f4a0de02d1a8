#pragma once
// Cross-reference resolution and semantic checks of a built model: unique ids, references
// to existing elements of the right kind, boundary-parent cycles, and warnings about
// unknown security facts, contradictory flows and unused assets or adversaries.

#include "base/diagnostic.h"
#include "model/model.h"

namespace tw::load {

/// Fills `m.ids`, resolves every Ref (except threat ids, which exist only after analysis)
/// and reports problems. Warnings only when `warnings` is set.
void resolve(model::Model& m, base::Diagnostics& diags, bool warnings);

}  // namespace tw::load
