#pragma once
// The data-flow diagram in DOT and Mermaid, shared by the diagram writers and the reports that
// embed a diagram (Markdown: Mermaid; HTML: SVG laid out from the DOT).

#include <optional>
#include <string>

#include "engine/analysis.h"
#include "report/view.h"

namespace tw::report {

struct DotOptions {
  /// Nodes link to their section of the HTML report (`#el-<id>`).
  bool links = false;
};

/// Above this many components or flows a diagram is "too large": every format (DOT, SVG,
/// Mermaid, the HTML and Markdown reports) then draws an overview, one node per trust boundary
/// with the flows between them counted, so that it stays readable and its Graphviz layout
/// stays bounded (a full layout of 2,000 components took minutes). `diagram --full` (and
/// Options::full_diagram) draws every element anyway; reports always list every element.
inline constexpr size_t kLargeComponents = 120;
inline constexpr size_t kLargeFlows = 240;

/// The one rule for "too large" (see kLargeComponents).
bool diagram_too_large(const model::Model& m);
/// Whether a diagram of `m` is drawn as the overview: too large and no full diagram asked for.
bool draws_overview(const model::Model& m, const Options& o);
/// What a document says above or below an overview: what it shows and how to get all of it.
std::string overview_note(const model::Model& m);

/// The full diagram, or the overview when draws_overview(). The overview nests boundaries
/// down to the deepest level whose zones and aggregated flows stay within kLargeComponents and
/// kLargeFlows; when even the top level does not, it groups by trust level.
std::string dot_graph(const View& v, const DotOptions& opt);

/// The full flowchart, or the overview when draws_overview().
std::string mermaid_graph(const View& v);

/// Fill colour for an element's worst open severity (white when none).
const char* severity_fill(std::optional<engine::Severity> s);

}  // namespace tw::report
