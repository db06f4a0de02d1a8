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

/// Above this many components or flows, diagrams switch to compact labels (DOT) or a
/// boundary-level overview (Mermaid in Markdown), so they stay readable and renderable.
inline constexpr size_t kLargeComponents = 120;
inline constexpr size_t kLargeFlows = 240;

std::string dot_graph(const View& v, const DotOptions& opt);

/// `overview_when_large`: for Markdown on GitHub, large models are drawn per boundary.
std::string mermaid_graph(const View& v, bool overview_when_large);

/// Fill colour for an element's worst open severity (white when none).
const char* severity_fill(std::optional<engine::Severity> s);

}  // namespace tw::report
