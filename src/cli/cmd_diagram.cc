// threatwright diagram MODEL --format dot|svg|mermaid [-o FILE]: the data-flow diagram, with
// trust boundaries as nested zones, boundary-crossing flows highlighted and elements coloured
// by their worst open threat (docs/reports.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/date.h"
#include "base/file.h"
#include "cli/common.h"
#include "engine/analysis.h"
#include "engine/evidence.h"
#include "report/report.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

struct DiagramArgs {
  ModelArgs model;
  std::string format = "svg";
  std::string output;
  std::string evidence;
  std::vector<std::string> rule_dirs;
};

int run_diagram(DiagramArgs& a, Io& io) {
  int rc = kExitOk;
  std::unique_ptr<model::Model> m = load_or_report(a.model, io, rc);
  if (!m) return rc;
  base::Date today = base::today();
  engine::AnalyzeOptions ao;
  ao.today = today;
  ao.rule_dirs = a.rule_dirs;
  std::string evidence_path =
      a.evidence.empty() ? engine::default_evidence_path(a.model.path) : a.evidence;
  base::Result<engine::EvidenceFile> history = engine::read_evidence(evidence_path);
  if (!history) {
    io.err << "threatwright: error: " << history.error().message << "\n";
    return kExitInvalid;
  }
  ao.evidence = engine::control_evidence(*m, *history, today);
  // Colours come from the open threats, so the diagram needs the analysis too.
  engine::Analysis analysis = engine::analyze(*m, ao);
  if (analysis.diagnostics.has_errors()) {
    io.err << base::render_text(analysis.diagnostics, io.err_color);
    return kExitInvalid;
  }
  report::Options ro;
  ro.today = today;
  ro.tool_version = TW_VERSION;
  auto text = report::write_diagram(*report::parse_diagram_format(a.format), *m, analysis, ro);
  if (!text) {
    io.err << "threatwright: error: " << text.error().message << "\n";
    return kExitInternal;
  }
  if (a.output.empty() || a.output == "-") {
    io.out << *text;
    return kExitOk;
  }
  auto written = base::write_file(a.output, *text);
  if (!written) {
    io.err << "threatwright: error: " << written.error().message << "\n";
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace

Command register_diagram(CLI::App& root) {
  auto args = std::make_shared<DiagramArgs>();
  CLI::App* app =
      root.add_subcommand("diagram", "Draw the data-flow diagram as DOT, SVG or Mermaid");
  add_model_options(*app, args->model);
  app->add_option("--format,-f", args->format,
                  "dot (Graphviz source), svg (laid out by Graphviz), mermaid (flowchart)")
      ->capture_default_str()
      ->check(CLI::IsMember({"dot", "svg", "mermaid", "mmd"}));
  app->add_option("--output,-o", args->output, "Write to FILE instead of standard output");
  app->add_option("--evidence", args->evidence,
                  "Verification evidence to read (default: beside the model, "
                  "MODEL.evidence.json)");
  app->add_option("--rules", args->rule_dirs, "Also apply the custom rule packs in DIR");
  return Command{"diagram", app, [args](Io& io) { return run_diagram(*args, io); }};
}

}  // namespace tw::cli
