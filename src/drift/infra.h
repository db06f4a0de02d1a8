#pragma once
// The join of infrastructure and model for the normal analysis (`analyze`, `check`, `report`
// with `--infra DIR`; docs/drift.md, "In the analysis"). What the files show is evidence, not a
// claim: a security fact they show replaces what the model claims or leaves unknown before the
// rules run, a fact they confirm is marked verified, and the drift findings travel with the
// analysis into the quality gate and the reports.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "drift/drift.h"
#include "engine/analysis.h"
#include "engine/infrastructure.h"
#include "model/model.h"
#include "observe/observed.h"

namespace tw::drift {

/// Compares the model as written with `obs` (find_drift), then sets the security facts of the
/// model's components and flows that the infrastructure shows: a fact the model leaves unknown
/// or claims to be safer than deployed takes the observed value (internet_facing,
/// encrypted_at_rest, runs_as_root of components; encrypted of flows). A model stricter than
/// the infrastructure keeps its value. Each fact is recorded with its source location.
engine::Infrastructure join_infrastructure(model::Model& m,
                                           const observe::ObservedSystem& obs,
                                           const Mapping& map);

/// Reads the infrastructure files the findings point into (each at most `max_bytes`), so that
/// diagnostics can quote the line; a file that cannot be read is left out (the position stays).
void attach_sources(engine::Infrastructure& infra, uint64_t max_bytes);

/// After the analysis: a claimed threat whose claim the infrastructure verifies on its target is
/// mitigated (evidence, not a claim), and the reason of a threat whose fact the infrastructure
/// set names the file. The summary is recounted.
void apply_to_analysis(engine::Analysis& a, const engine::Infrastructure& infra);

/// Drift findings as quality-gate diagnostics, coded "drift-<code>": high and critical are
/// errors, medium and low warnings; notes (info: a component on one side only) stay in the
/// reports. Each points at the infrastructure file, with a note at the model's element.
base::Diagnostics infra_diagnostics(const engine::Infrastructure& infra, size_t limit);

/// For `analyze`: "infrastructure: N drift findings (...), M facts (...) from F files" and one
/// line per finding, `file:line:col: severity: message [code]`.
std::string render_infra_text(const engine::Infrastructure& infra);

}  // namespace tw::drift
