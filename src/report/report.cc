#include "report/report.h"

#include <sstream>

namespace tw::report {

std::optional<ReportFormat> parse_report_format(std::string_view s) {
  if (s == "md" || s == "markdown") return ReportFormat::Markdown;
  if (s == "html") return ReportFormat::Html;
  if (s == "sarif") return ReportFormat::Sarif;
  if (s == "csv") return ReportFormat::Csv;
  if (s == "json") return ReportFormat::Json;
  return std::nullopt;
}

std::optional<DiagramFormat> parse_diagram_format(std::string_view s) {
  if (s == "dot") return DiagramFormat::Dot;
  if (s == "svg") return DiagramFormat::Svg;
  if (s == "mermaid" || s == "mmd") return DiagramFormat::Mermaid;
  return std::nullopt;
}

base::Result<bool> write_report(ReportFormat f,
                                const model::Model& m,
                                const engine::Analysis& a,
                                const Options& o,
                                std::ostream& out) {
  switch (f) {
    case ReportFormat::Markdown:
      write_markdown(m, a, o, out);
      return true;
    case ReportFormat::Html:
      return write_html(m, a, o, out);
    case ReportFormat::Sarif:
      write_sarif(m, a, o, out);
      return true;
    case ReportFormat::Csv:
      write_csv(m, a, o, out);
      return true;
    case ReportFormat::Json:
      write_json(m, a, o, out);
      return true;
  }
  return base::Error{"unknown report format"};
}

base::Result<std::string> write_report(ReportFormat f,
                                       const model::Model& m,
                                       const engine::Analysis& a,
                                       const Options& o) {
  std::ostringstream out;
  auto written = write_report(f, m, a, o, out);
  if (!written) return written.error();
  return std::move(out).str();
}

base::Result<std::string> write_diagram(DiagramFormat f,
                                        const model::Model& m,
                                        const engine::Analysis& a,
                                        const Options& o) {
  switch (f) {
    case DiagramFormat::Dot:
      return write_dot(m, a, o);
    case DiagramFormat::Svg:
      return write_svg(m, a, o);
    case DiagramFormat::Mermaid:
      return write_mermaid(m, a, o);
  }
  return base::Error{"unknown diagram format"};
}

}  // namespace tw::report
