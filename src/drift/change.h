#pragma once
// What an infrastructure change does to the threat model (docs/drift.md, "Changes"): the
// observed system before and after a change of infrastructure files, compared through drift.
// Findings the change introduces or settles, what it adds to or takes from the observed
// surface (components, exposures, flows, grants, pipelines), the model elements it touches and
// their open threats. One input (two observed systems, the model and its analysis), one output
// (an InfraChange and its renderings).

#include <string>
#include <vector>

#include "drift/drift.h"

namespace tw::engine {
struct Analysis;
}

namespace tw::drift {

/// One difference in the observed surface.
struct SurfaceChange {
  bool added = true;     ///< false: removed by the change
  std::string what;      ///< "component", "exposure", "flow", "grant", "pipeline"
  std::string observed;  ///< observed id (component, pipeline or principal)
  std::string element;   ///< the model component it stands for ("" when none)
  std::string message;
  observe::Where where;  ///< after the change for additions, before it for removals
};

/// A model element the change touches, with the threats on it that are still open.
struct TouchedElement {
  std::string id;
  base::Loc at;
  std::vector<std::string> open_threats;  ///< "<threat id> (<severity>)", highest first
};

struct InfraChange {
  std::vector<Finding> introduced;  ///< drift findings after the change, not before
  std::vector<Finding> settled;     ///< drift findings before the change, not after
  size_t unchanged = 0;             ///< findings on both sides
  std::vector<SurfaceChange> surface;
  std::vector<TouchedElement> touched;
  size_t files_before = 0, files_after = 0;
  std::vector<observe::FileProblem> problems;  ///< of the system after the change
};

/// Compares `before` and `after` against the model. `analysis` (of the model) lists the open
/// threats of touched elements; without it the list is empty. Findings are matched by what
/// they say (code, observed id, model element, message), not by where, so moved lines do
/// not count as changes.
InfraChange compare_infrastructure(const model::Model& m,
                                   const engine::Analysis* analysis,
                                   const observe::ObservedSystem& before,
                                   const observe::ObservedSystem& after,
                                   const Mapping& map);

/// The highest severity among introduced findings; nullopt when there are none.
std::optional<engine::Severity> worst_introduced(const InfraChange& c);

std::string render_change_text(const InfraChange& c);
std::string render_change_json(const InfraChange& c);
std::string render_change_markdown(const InfraChange& c);

}  // namespace tw::drift
