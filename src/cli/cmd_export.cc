// threatwright export FORMAT MODEL [-o FILE]: the model (and its analysed threats) in another
// tool's format: tm-bom, threat-dragon, otm, threat-composer, cyclonedx (docs/interop.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/common.h"
#include "engine/analysis.h"
#include "export/export.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

struct ExportArgs {
  std::string format;
  ModelArgs model;
  std::string output;
  AnalysisArgs analysis;
};

int run_export(ExportArgs& a, Io& io) {
  int rc = kExitOk;
  // Threat-carrying formats export the analysis (generated and hand-written threats with
  // their statuses), so every format runs it: the same loading and errors as `report`.
  std::unique_ptr<Analyzed> run = load_and_analyze(a.model, a.analysis, "text", io, rc);
  if (!run) return rc;
  exports::Options eo;
  eo.tool_version = TW_VERSION;
  eo.today = run->today;
  auto text = exports::write(*exports::parse_format(a.format), *run->model, run->analysis, eo);
  keep_until_exit(std::move(run));
  return write_output(text, a.output, io);
}

}  // namespace

Command register_export(CLI::App& root) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* app = root.add_subcommand(
      "export", "Write the model in another tool's format (TM-BOM, Threat Dragon, OTM, ...)");
  std::vector<std::string> names;
  for (auto n : exports::format_names()) names.emplace_back(n);
  app->add_option("FORMAT", args->format,
                  "tm-bom (OWASP Threat Model Library, lossless), threat-dragon (v2 JSON with a "
                  "laid-out diagram), otm (Open Threat Model 0.2), threat-composer (AWS), "
                  "cyclonedx (the supply chain as a CycloneDX 1.6 SBOM)")
      ->required()
      ->check(CLI::IsMember(names));
  add_model_options(*app, args->model);
  app->add_option("--output,-o", args->output, "Write to FILE instead of standard output");
  add_analysis_options(*app, args->analysis);
  return Command{"export", app, [args](Io& io) { return run_export(*args, io); }};
}

}  // namespace tw::cli
