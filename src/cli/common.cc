#include "cli/common.h"

#include <CLI/CLI.hpp>
#include <ostream>

namespace tw::cli {

void add_model_options(CLI::App& app, ModelArgs& args) {
  app.add_option("MODEL", args.path, "The model file (YAML or JSON)")->required();
  add_limit_options(app, args.load.limits);
}

void add_limit_options(CLI::App& app, load::Limits& l) {
  app.add_option("--max-file-size", l.max_file_bytes, "Largest model file, in bytes")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-total-size", l.max_total_bytes, "Largest total of all model files")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-depth", l.max_depth, "Deepest nesting of YAML collections")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-scalar-size", l.max_scalar_bytes, "Largest single YAML value, in bytes")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-alias-nodes", l.max_alias_nodes, "Nodes reachable through YAML aliases")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-nodes", l.max_nodes, "YAML nodes in one model")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-files", l.max_files, "Files in one model, includes counted")
      ->capture_default_str()
      ->group("Limits");
  app.add_option("--max-diagnostics", l.max_diagnostics, "Diagnostics printed (all are counted)")
      ->capture_default_str()
      ->group("Limits");
}

void print_diagnostics(const base::Diagnostics& ds, const std::string& format, Io& io) {
  if (format == "json") {
    io.out << base::render_json(ds);
  } else {
    io.err << base::render_text(ds, io.err_color);
  }
}

std::unique_ptr<model::Model> load_or_report(const ModelArgs& args,
                                             Io& io,
                                             int& exit_code,
                                             bool print_warnings) {
  load::LoadOptions opts = args.load;
  opts.warnings = print_warnings;
  load::LoadResult r = load::load_model(args.path, opts);
  if (!r.ok()) {
    print_diagnostics(r.diagnostics, args.format, io);
    exit_code = kExitInvalid;
    return nullptr;
  }
  if (print_warnings && r.diagnostics.warning_count() > 0 && args.format != "json") {
    io.err << base::render_text(r.diagnostics, io.err_color);
  }
  exit_code = kExitOk;
  return std::move(r.model);
}

}  // namespace tw::cli
