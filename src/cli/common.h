#pragma once
// Helpers shared by commands: loading a model with the standard flags and printing its
// diagnostics.

#include <memory>
#include <string>

#include "base/date.h"
#include "base/file.h"
#include "cli/command.h"
#include "engine/analysis.h"
#include "engine/infrastructure.h"
#include "load/loader.h"
#include "rules/rule_set.h"

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

/// Options of the commands that analyse a model (analyze, report, diagram).
struct AnalysisArgs {
  std::vector<std::string> rule_dirs;  ///< --rules DIR (repeatable)
  std::string evidence;                ///< --evidence FILE; empty: beside the model
  bool no_evidence = false;            ///< --no-evidence: as if no verification ever ran
  std::vector<std::string> infra;      ///< --infra DIR (repeatable): infrastructure evidence
  std::string infra_map;               ///< --map FILE: observed names -> model ids
};

/// Adds --rules and --evidence.
void add_analysis_options(CLI::App& app, AnalysisArgs& args);

/// Adds --infra and --map (docs/drift.md, "In the analysis").
void add_infra_options(CLI::App& app, AnalysisArgs& args);

/// --infra: reads the folders and joins them with `m` (drift/infra.h), which takes the
/// security facts the infrastructure shows. Null when no folder was given; on a missing folder
/// or an unreadable --map prints the error, sets `exit_code` to 2 and returns null.
std::shared_ptr<engine::Infrastructure> read_infrastructure(
    const AnalysisArgs& args, model::Model& m, uint64_t max_file_bytes, Io& io, int& exit_code);

/// A loaded model and its analysis, with what the analysis points into.
struct Analyzed {
  std::unique_ptr<model::Model> model;
  std::unique_ptr<rules::RuleSet> rules;  ///< built-in plus custom packs
  engine::Analysis analysis;
  base::Date today;
};

/// Loads the model, reads its evidence file (a missing file is no evidence; an unreadable one
/// is an error), compiles the custom rule packs (`rules:` and --rules), and analyses. On any
/// error prints the diagnostics (as `diag_format`: text or json), sets `exit_code` to 2 and
/// returns nullptr.
std::unique_ptr<Analyzed> load_and_analyze(const ModelArgs& model,
                                           const AnalysisArgs& args,
                                           const std::string& diag_format,
                                           Io& io,
                                           int& exit_code);

/// Hands a large object to process teardown instead of freeing it piece by piece: on a
/// 20,000-component model, freeing the model and its analysis costs a tenth of the run, and
/// the exit reclaims the memory anyway. The object stays reachable (no leak reports).
template <class T>
void keep_until_exit(std::unique_ptr<T> object) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::shared_ptr<void>(std::move(object)));
}

/// Writes a rendered document to `path` (atomically), or to stdout when `path` is empty or
/// "-". A rendering or write failure is an internal error (exit 3).
int write_output(const base::Result<std::string>& text, const std::string& path, Io& io);
/// The same for a document written as it is produced: `produce` writes to stdout, or to the
/// file as it goes (base::write_file: atomic for a regular file, through a link or device).
int write_output_streamed(const base::Producer& produce, const std::string& path, Io& io);

/// Prints diagnostics in the requested format (text to stderr, json to stdout).
void print_diagnostics(const base::Diagnostics& ds, const std::string& format, Io& io);

}  // namespace tw::cli
