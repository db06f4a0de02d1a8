// threatwright report MODEL --format md|html|sarif|csv|json [-o FILE]: the threat model as a
// document for people (THREAT_MODEL.md, HTML), code scanning (SARIF) and tools (CSV, JSON).
// Deterministic: the same model, evidence and date give the same bytes (docs/reports.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/date.h"
#include "cli/common.h"
#include "engine/analysis.h"
#include "report/report.h"
#include "rules/rule_set.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

struct ReportArgs {
  ModelArgs model;
  std::string format = "md";
  std::string output;
  AnalysisArgs analysis;
  std::string uri_prefix;
};

int run_report(ReportArgs& a, Io& io) {
  int rc = kExitOk;
  std::unique_ptr<Analyzed> run = load_and_analyze(a.model, a.analysis, "text", io, rc);
  if (!run) return rc;
  const model::Model* m = run->model.get();
  const engine::Analysis& analysis = run->analysis;
  const base::Date& today = run->today;
  const rules::RuleSet& rules = *run->rules;

  report::Options ro;
  ro.today = today;
  ro.tool_version = TW_VERSION;
  ro.rules = &rules;
  ro.uri_prefix = a.uri_prefix;
  report::ReportFormat format = *report::parse_report_format(a.format);
  // Written as it is produced, to stdout or to the file: a large model's JSON runs to hundreds
  // of megabytes.
  int rc_written = write_output_streamed(
      [&](std::ostream& out) { return report::write_report(format, *m, analysis, ro, out); },
      a.output, io);
  keep_until_exit(std::move(run));
  return rc_written;
}

}  // namespace

Command register_report(CLI::App& root) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* app =
      root.add_subcommand("report", "Write the threat model as Markdown, HTML, SARIF, CSV or JSON");
  add_model_options(*app, args->model);
  app->add_option("--format,-f", args->format,
                  "md (THREAT_MODEL.md), html (self-contained page), sarif (code scanning), csv "
                  "(threat register), json (analysis plus model sections)")
      ->capture_default_str()
      ->check(CLI::IsMember({"md", "markdown", "html", "sarif", "csv", "json"}));
  app->add_option("--output,-o", args->output, "Write to FILE instead of standard output");
  add_analysis_options(*app, args->analysis);
  add_infra_options(*app, args->analysis);
  app->add_option("--uri-prefix", args->uri_prefix,
                  "SARIF: prefix for file locations, which are relative to the model's folder "
                  "(e.g. 'security/model/' when that folder is not the repository root)");
  return Command{"report", app, [args](Io& io) { return run_report(*args, io); }};
}

}  // namespace tw::cli
