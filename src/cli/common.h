#pragma once
// Helpers shared by commands: loading a model with the standard flags and printing its
// diagnostics.

#include <memory>
#include <string>

#include "cli/command.h"
#include "load/loader.h"

namespace tw::cli {

/// Options every model-reading command accepts.
struct ModelArgs {
  std::string path;
  load::LoadOptions load;
  std::string format = "text";  ///< text | json: also the format of diagnostics
};

/// Adds the documented limit flags (--max-file-size, --max-depth, ...).
void add_limit_options(CLI::App& app, load::Limits& limits);

/// Adds MODEL and the limit flags.
void add_model_options(CLI::App& app, ModelArgs& args);

/// Loads the model; prints its diagnostics to stderr (text) or stdout (json) when
/// `print_ok_diagnostics` or when loading failed. Returns nullptr (with `exit_code` set to
/// 2) when the model has errors.
std::unique_ptr<model::Model> load_or_report(const ModelArgs& args,
                                             Io& io,
                                             int& exit_code,
                                             bool print_warnings = false);

/// Prints diagnostics in the requested format (text to stderr, json to stdout).
void print_diagnostics(const base::Diagnostics& ds, const std::string& format, Io& io);

}  // namespace tw::cli
