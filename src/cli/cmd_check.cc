// threatwright check MODEL: load and validate a model; report every problem.

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/text.h"
#include "cli/common.h"

namespace tw::cli {

namespace {

struct CheckArgs {
  ModelArgs model;
  bool strict = false;
  bool no_warnings = false;
};

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int run_check(CheckArgs& a, Io& io) {
  load::LoadOptions opts = a.model.load;
  opts.warnings = !a.no_warnings;
  load::LoadResult r = load::load_model(a.model.path, opts);
  const base::Diagnostics& ds = r.diagnostics;
  bool failed = ds.has_errors() || (a.strict && ds.warning_count() > 0);
  if (a.model.format == "json") {
    io.out << base::render_json(ds);
  } else {
    io.err << base::render_text(ds, io.err_color);
    if (!ds.has_errors()) {
      const model::Model& m = *r.model;
      io.out << a.model.path << ": " << (failed ? "not valid (--strict)" : "valid") << ": "
             << plural(m.assets.size(), "asset", "assets") << ", "
             << plural(m.components.size(), "component", "components") << ", "
             << plural(m.flows.size(), "flow", "flows") << ", "
             << plural(m.boundaries.size(), "boundary", "boundaries") << ", "
             << plural(m.controls.size(), "control", "controls") << "; "
             << plural(ds.warning_count(), "warning", "warnings") << "\n";
    }
  }
  if (ds.has_errors()) return kExitInvalid;
  return failed ? kExitGate : kExitOk;
}

}  // namespace

Command register_check(CLI::App& root) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* app = root.add_subcommand("check", "Validate a model and report every problem");
  add_model_options(*app, args->model);
  app->add_option("--format", args->model.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_flag("--strict", args->strict, "Treat warnings as errors (exit 1)");
  app->add_flag("--no-warnings", args->no_warnings, "Report errors only");
  return Command{"check", app, [args](Io& io) { return run_check(*args, io); }};
}

}  // namespace tw::cli
