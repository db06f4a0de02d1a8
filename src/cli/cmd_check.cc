// threatwright check MODEL: load and validate a model, report every problem, then hold it to
// the quality criteria of a good threat model (check/lint.h) and print the report card.
// Never runs anything: verification evidence is only read (docs/quality-gate.md).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <ostream>

#include "base/date.h"
#include "base/text.h"
#include "check/lint.h"
#include "cli/common.h"
#include "drift/infra.h"
#include "engine/analysis.h"
#include "engine/evidence.h"
#include "engine/infrastructure.h"

namespace tw::cli {

namespace {

struct CheckArgs {
  ModelArgs model;
  bool strict = false;
  bool no_warnings = false;
  std::string evidence;
  std::vector<std::string> rule_dirs;
  int many_dependents = 3;
  AnalysisArgs infra;  ///< --infra, --map
};

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Everything except warnings (for --no-warnings), keeping the counts right.
int run_check(CheckArgs& a, Io& io) {
  load::LoadOptions opts = a.model.load;
  opts.warnings = !a.no_warnings;
  load::LoadResult r = load::load_model(a.model.path, opts);
  if (r.diagnostics.has_errors()) {  // structural: the model cannot be read or resolved
    print_diagnostics(r.diagnostics, a.model.format, io);
    return kExitInvalid;
  }
  int infra_code = kExitOk;
  std::shared_ptr<engine::Infrastructure> infra =
      read_infrastructure(a.infra, *r.model, a.model.load.limits.max_file_bytes, io, infra_code);
  if (infra_code != kExitOk) return infra_code;
  const model::Model& m = *r.model;
  base::Date today = base::today();

  check::LintOptions lo;
  lo.max_diagnostics = a.model.load.limits.max_diagnostics;
  lo.today = today;
  lo.strict = a.strict;
  lo.warnings = !a.no_warnings;
  lo.many_dependents = a.many_dependents;
  lo.check_code = true;
  std::string evidence_path =
      a.evidence.empty() ? engine::default_evidence_path(a.model.path) : a.evidence;
  engine::AnalyzeOptions ao;
  ao.today = today;
  ao.rule_dirs = a.rule_dirs;
  base::Result<engine::EvidenceFile> history = engine::read_evidence(evidence_path);
  // A fresh clone has no evidence (it is not committed): say once what records it, rather
  // than leave the reader to infer it from one diagnostic per control.
  bool no_evidence_yet = history && history->records.empty() &&
                         std::any_of(m.controls.begin(), m.controls.end(), [](const auto& c) {
                           return c.verification && c.verification->automated();
                         });
  if (history) {
    ao.evidence = engine::control_evidence(m, *history, today);
  } else {
    lo.evidence_error = history.error().message;
    ao.evidence = engine::control_evidence(m, {}, today);
  }
  engine::Analysis analysis = engine::analyze(m, ao);
  if (infra) {
    drift::apply_to_analysis(analysis, *infra);
    analysis.infrastructure = infra;
  }
  check::LintResult lint = check::lint(m, analysis, lo);

  size_t limit = a.model.load.limits.max_diagnostics;
  base::Diagnostics all(limit);
  all.append(r.diagnostics);
  all.append(analysis.diagnostics);
  all.append(lint.diagnostics);
  if (infra) all.append(drift::infra_diagnostics(*infra, limit));
  all.sort();
  // Rule packs and dangling threat ids in controls or decisions make the model unreadable as
  // meant, like a dangling reference: exit 2. Quality gaps: exit 1.
  bool invalid = analysis.diagnostics.has_errors();
  bool failed = all.has_errors() || (a.strict && all.warning_count() > 0);

  if (a.model.format == "json") {
    io.out << check::render_check_json(all, lint.card);
  } else {
    io.err << base::render_text(all, io.err_color);
    io.out << a.model.path << ": " << (invalid ? "not valid" : "valid") << ": "
           << plural(m.assets.size(), "asset", "assets") << ", "
           << plural(m.components.size(), "component", "components") << ", "
           << plural(m.flows.size(), "flow", "flows") << ", "
           << plural(m.boundaries.size(), "boundary", "boundaries") << ", "
           << plural(m.controls.size(), "control", "controls") << "; "
           << plural(all.warning_count(), "warning", "warnings") << "\n";
    io.out << check::render_card_text(lint.card, io.out_color);
    io.out << "quality gate: " << (failed ? "failed" : "passed");
    if (all.error_count() || all.warning_count()) {
      io.out << " (" << plural(all.error_count(), "error", "errors") << ", "
             << plural(all.warning_count(), "warning", "warnings")
             << (a.strict && all.warning_count() ? ", --strict" : "") << ")";
    }
    io.out << "\n";
    if (infra) {
      size_t shown = 0;
      for (const auto& f : infra->findings) shown += f.severity != engine::Severity::Info;
      io.out << "infrastructure: " << plural(shown, "drift finding", "drift findings") << " ("
             << plural(infra->findings.size() - shown, "note", "notes") << "), "
             << plural(infra->facts.size(), "fact", "facts") << " from "
             << plural(infra->files, "file", "files") << "\n";
    }
    if (no_evidence_yet) {
      io.out << "note: no verification evidence recorded yet (" << evidence_path
             << "): 'threatwright verify " << a.model.path
             << " --allow-exec' runs the controls' commands and records it\n";
    }
  }
  keep_until_exit(std::move(r.model));
  keep_until_exit(std::make_unique<engine::Analysis>(std::move(analysis)));
  if (invalid) return kExitInvalid;
  return failed ? kExitGate : kExitOk;
}

}  // namespace

Command register_check(CLI::App& root) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* app = root.add_subcommand(
      "check", "Validate a model, report every problem, and apply the quality gate");
  add_model_options(*app, args->model);
  app->add_option("--format", args->model.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_flag("--strict", args->strict, "Treat warnings as errors (exit 1)");
  app->add_flag("--no-warnings", args->no_warnings, "Report errors only");
  app->add_option("--evidence", args->evidence,
                  "Verification evidence to read (default: beside the model, "
                  "MODEL.evidence.json); it is only read, never produced");
  app->add_option("--rules", args->rule_dirs, "Also apply the custom rule packs in DIR");
  app->add_option("--many-dependents", args->many_dependents,
                  "Callers that make a component 'depended on' whatever its kind")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  add_infra_options(*app, args->infra);
  return Command{"check", app, [args](Io& io) { return run_check(*args, io); }};
}

}  // namespace tw::cli
