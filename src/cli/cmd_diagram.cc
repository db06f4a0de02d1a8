// threatwright diagram MODEL --format dot|svg|mermaid [-o FILE]: the data-flow diagram, with
// trust boundaries as nested zones, boundary-crossing flows highlighted and elements coloured
// by their worst open threat (docs/reports.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/date.h"
#include "cli/common.h"
#include "engine/analysis.h"
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
  AnalysisArgs analysis;
  bool full = false;
};

int run_diagram(DiagramArgs& a, Io& io) {
  int rc = kExitOk;
  // Colours come from the open threats, so the diagram needs the analysis too.
  std::unique_ptr<Analyzed> run = load_and_analyze(a.model, a.analysis, "text", io, rc);
  if (!run) return rc;
  const model::Model* m = run->model.get();
  const engine::Analysis& analysis = run->analysis;
  const base::Date& today = run->today;
  report::Options ro;
  ro.today = today;
  ro.tool_version = TW_VERSION;
  ro.full_diagram = a.full;
  auto text = report::write_diagram(*report::parse_diagram_format(a.format), *m, analysis, ro);
  keep_until_exit(std::move(run));  // only the text is needed from here on
  return write_output(text, a.output, io);
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
  app->add_flag("--full", args->full,
                "Draw every element even when the model is too large for it (more than 120 "
                "components or 240 flows): the Graphviz layout of an SVG may then take minutes");
  add_analysis_options(*app, args->analysis);
  return Command{"diagram", app, [args](Io& io) { return run_diagram(*args, io); }};
}

}  // namespace tw::cli
