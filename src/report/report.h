#pragma once
// Reports and diagrams: one writer per format, each a pure function of the model and its
// analysis. The report writers write their document to a stream as they produce it (a large
// model's JSON runs to hundreds of megabytes); each also has a form that returns the document as
// a string. Deterministic: the same input gives the same bytes (no timestamps; "today" is an
// option, used only to mark expired or overdue dates).

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "engine/analysis.h"
#include "model/model.h"

namespace tw::rules {
class RuleSet;
}

namespace tw::report {

/// What every writer may use besides the model and the analysis.
struct Options {
  /// For "expired" / "overdue" marks; the CLI passes base::today() (THREATWRIGHT_TODAY).
  base::Date today;
  /// Written as the tool version in SARIF and in report footers.
  std::string tool_version = "0.0.0";
  /// Rule metadata for SARIF help text and report details: the analysis' rule set (custom packs
  /// included). When null, built-in rule metadata is used and custom rules fall back to the
  /// threat's own description and mitigation.
  const rules::RuleSet* rules = nullptr;
  /// SARIF: prepended to artifact URIs, which are otherwise relative to the model file's folder
  /// (e.g. "security/threatmodel/" when the model does not sit at the repository root).
  std::string uri_prefix;
  /// Diagrams: draw every element even when the model is too large (diagram_too_large), at the
  /// cost of an unbounded Graphviz layout (`diagram --full`).
  bool full_diagram = false;
};

enum class ReportFormat { Markdown, Html, Sarif, Csv, Json };
enum class DiagramFormat { Dot, Svg, Mermaid };

std::optional<ReportFormat> parse_report_format(std::string_view s);
std::optional<DiagramFormat> parse_diagram_format(std::string_view s);

/// THREAT_MODEL.md: the reviewer's document (docs/reports.md lists its sections).
void write_markdown(const model::Model& m,
                    const engine::Analysis& a,
                    const Options& o,
                    std::ostream& out);
std::string write_markdown(const model::Model& m, const engine::Analysis& a, const Options& o);
/// One self-contained HTML page: inline CSS, inline SVG diagram, sortable/filterable threats.
/// An Error only when the diagram cannot be laid out, and then nothing is written.
base::Result<bool> write_html(const model::Model& m,
                              const engine::Analysis& a,
                              const Options& o,
                              std::ostream& out);
base::Result<std::string> write_html(const model::Model& m,
                                     const engine::Analysis& a,
                                     const Options& o);
/// SARIF 2.1.0 for code-scanning dashboards.
void write_sarif(const model::Model& m,
                 const engine::Analysis& a,
                 const Options& o,
                 std::ostream& out);
std::string write_sarif(const model::Model& m, const engine::Analysis& a, const Options& o);
/// The threat register as RFC 4180 CSV (CRLF line ends, header row).
void write_csv(const model::Model& m,
               const engine::Analysis& a,
               const Options& o,
               std::ostream& out);
std::string write_csv(const model::Model& m, const engine::Analysis& a, const Options& o);
/// The analysis JSON document plus the model's sections.
void write_json(const model::Model& m,
                const engine::Analysis& a,
                const Options& o,
                std::ostream& out);
std::string write_json(const model::Model& m, const engine::Analysis& a, const Options& o);

/// The data-flow diagram in Graphviz DOT.
std::string write_dot(const model::Model& m, const engine::Analysis& a, const Options& o);
/// The data-flow diagram laid out by Graphviz (libgvc) as SVG.
base::Result<std::string> write_svg(const model::Model& m,
                                    const engine::Analysis& a,
                                    const Options& o);
/// The data-flow diagram as a Mermaid flowchart (boundaries as subgraphs).
std::string write_mermaid(const model::Model& m, const engine::Analysis& a, const Options& o);

/// Lays out DOT text with Graphviz and returns SVG (no XML prolog or DOCTYPE).
base::Result<std::string> render_svg(const std::string& dot);

/// Any report format, written to `out` as it is produced. An Error (from HTML's diagram) comes
/// before anything is written.
base::Result<bool> write_report(ReportFormat f,
                                const model::Model& m,
                                const engine::Analysis& a,
                                const Options& o,
                                std::ostream& out);
/// Any report format, as a string.
base::Result<std::string> write_report(ReportFormat f,
                                       const model::Model& m,
                                       const engine::Analysis& a,
                                       const Options& o);
/// Any diagram format.
base::Result<std::string> write_diagram(DiagramFormat f,
                                        const model::Model& m,
                                        const engine::Analysis& a,
                                        const Options& o);

}  // namespace tw::report
