#include "cli/common.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "base/file.h"
#include "drift/infra.h"
#include "engine/evidence.h"
#include "engine/infrastructure.h"
#include "observe/scan.h"
#include "rules/rule_pack.h"

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

void add_analysis_options(CLI::App& app, AnalysisArgs& args) {
  app.add_option("--rules", args.rule_dirs, "Also apply the custom rule packs in DIR (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--evidence", args.evidence,
                 "Verification evidence file (default: MODEL's name with .evidence.json)");
  app.add_flag("--no-evidence", args.no_evidence,
               "Ignore verification evidence, e.g. for a committed document that must not "
               "change with each verification run");
}

void add_infra_options(CLI::App& app, AnalysisArgs& args) {
  app.add_option("--infra", args.infra,
                 "Read the infrastructure files in DIR as evidence: the facts they show replace "
                 "the model's claims, drift findings join the output (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--map", args.infra_map,
                 "With --infra: a mapping file tying observed names to model ids");
}

std::shared_ptr<engine::Infrastructure> read_infrastructure(
    const AnalysisArgs& args, model::Model& m, uint64_t max_file_bytes, Io& io, int& exit_code) {
  if (args.infra.empty()) {
    if (!args.infra_map.empty()) {
      io.err << "threatwright: error: --map needs --infra DIR\n";
      exit_code = kExitInvalid;
    }
    return nullptr;
  }
  drift::Mapping map;
  if (!args.infra_map.empty()) {
    auto read = drift::read_mapping(args.infra_map);
    if (!read.ok()) {
      io.err << "threatwright: error: --map: " << read.error().message << "\n";
      exit_code = kExitInvalid;
      return nullptr;
    }
    map = std::move(*read);
  }
  observe::ObservedSystem obs = observe::scan(args.infra);
  for (const auto& p : obs.problems)
    if (p.where.line == 0 && p.message == "no such file or folder") {
      io.err << "threatwright: error: --infra " << p.where.file << ": no such file or folder\n";
      exit_code = kExitInvalid;
      return nullptr;
    }
  auto infra = std::make_shared<engine::Infrastructure>(drift::join_infrastructure(m, obs, map));
  infra->dirs = args.infra;
  drift::attach_sources(*infra, max_file_bytes);
  return infra;
}

std::unique_ptr<Analyzed> load_and_analyze(const ModelArgs& margs,
                                           const AnalysisArgs& args,
                                           const std::string& diag_format,
                                           Io& io,
                                           int& exit_code) {
  ModelArgs quiet = margs;
  quiet.format = diag_format;
  auto out = std::make_unique<Analyzed>();
  out->model = load_or_report(quiet, io, exit_code);
  if (!out->model) return nullptr;
  std::shared_ptr<engine::Infrastructure> infra =
      read_infrastructure(args, *out->model, margs.load.limits.max_file_bytes, io, exit_code);
  if (exit_code != kExitOk) return nullptr;
  const model::Model& m = *out->model;
  out->today = base::today();
  engine::AnalyzeOptions opts;
  opts.today = out->today;
  std::string evidence_path =
      args.evidence.empty() ? engine::default_evidence_path(margs.path) : args.evidence;
  base::Result<engine::EvidenceFile> history =
      args.no_evidence ? engine::EvidenceFile{} : engine::read_evidence(evidence_path);
  if (!history) {
    io.err << "threatwright: error: " << history.error().message << "\n";
    exit_code = kExitInvalid;
    return nullptr;
  }
  opts.evidence = engine::control_evidence(m, *history, out->today);
  out->rules = std::make_unique<rules::RuleSet>();
  base::Diagnostics diags(margs.load.limits.max_diagnostics);
  rules::load_rule_packs(m, args.rule_dirs, *out->rules, diags);
  out->analysis = engine::analyze(m, opts, *out->rules);
  if (infra) {
    drift::apply_to_analysis(out->analysis, *infra);
    out->analysis.infrastructure = std::move(infra);
  }
  diags.append(out->analysis.diagnostics);
  diags.sort();
  if (diags.has_errors()) {  // rule-pack mistakes, dangling threat ids
    print_diagnostics(diags, diag_format, io);
    exit_code = kExitInvalid;
    return nullptr;
  }
  exit_code = kExitOk;
  return out;
}

int write_output(const base::Result<std::string>& text, const std::string& path, Io& io) {
  if (!text) {
    io.err << "threatwright: error: " << text.error().message << "\n";
    return kExitInternal;
  }
  if (path.empty() || path == "-") {
    io.out << text.value();
    return kExitOk;
  }
  auto written = base::write_file(path, text.value());
  if (!written) {
    io.err << "threatwright: error: " << written.error().message << "\n";
    return kExitInternal;
  }
  return kExitOk;
}

int write_output_streamed(const base::Producer& produce, const std::string& path, Io& io) {
  base::Result<bool> written = true;
  if (path.empty() || path == "-") {
    written = produce(io.out);
  } else {
    written = base::write_file(path, produce);
  }
  if (!written) {
    io.err << "threatwright: error: " << written.error().message << "\n";
    return kExitInternal;
  }
  return kExitOk;
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
