// threatwright drift MODEL [DIR...]: where infrastructure files contradict the threat model
// (docs/drift.md). threatwright discover [DIR...]: a draft model from them (docs/discover.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/common.h"
#include "drift/discover.h"
#include "drift/drift.h"
#include "observe/scan.h"

#ifndef TW_VERSION
#define TW_VERSION "0"
#endif

namespace tw::cli {

namespace {

struct DriftArgs {
  ModelArgs model;
  std::vector<std::string> dirs;
  std::string format = "text";
  std::string fail_on;
  std::string map;
  std::string output;
};

int run_drift(DriftArgs& a, Io& io) {
  std::optional<engine::Severity> fail_on;
  if (!a.fail_on.empty()) {
    fail_on = engine::parse_severity(a.fail_on);
    if (!fail_on) {
      io.err << "threatwright: error: --fail-on: unknown severity '" << a.fail_on
             << "' (expected info, low, medium, high or critical)\n";
      return kExitInvalid;
    }
  }
  drift::Mapping map;
  if (!a.map.empty()) {
    auto m = drift::read_mapping(a.map);
    if (!m.ok()) {
      io.err << "threatwright: error: --map: " << m.error().message << "\n";
      return kExitInvalid;
    }
    map = std::move(*m);
  }
  a.model.format = a.format == "json" ? "json" : "text";
  int code = kExitOk;
  auto model = load_or_report(a.model, io, code);
  if (!model) return code;
  if (a.dirs.empty()) a.dirs.push_back(model->root_dir.empty() ? "." : model->root_dir);
  observe::ObservedSystem obs = observe::scan(a.dirs);
  for (const auto& p : obs.problems)
    if (p.where.line == 0 && p.message == "no such file or folder") {
      io.err << "threatwright: error: " << p.where.file << ": no such file or folder\n";
      return kExitInvalid;
    }
  auto findings = drift::find_drift(*model, obs, map);
  std::string text;
  if (a.format == "json")
    text = drift::render_json(findings, obs);
  else if (a.format == "sarif")
    text = drift::render_sarif(findings, TW_VERSION);
  else if (a.format == "markdown")
    text = drift::render_markdown(findings, obs);
  else
    text = drift::render_text(findings, obs);
  int w = write_output(base::Result<std::string>(std::move(text)), a.output, io);
  if (w != kExitOk) return w;
  if (fail_on)
    for (const auto& f : findings)
      if (f.severity >= *fail_on) return kExitGate;
  keep_until_exit(std::move(model));
  return kExitOk;
}

struct DiscoverArgs {
  std::vector<std::string> dirs;
  std::string output;
  std::string name;
  std::string format = "yaml";
};

int run_discover(DiscoverArgs& a, Io& io) {
  if (a.dirs.empty()) a.dirs.push_back(".");
  observe::ObservedSystem obs = observe::scan(a.dirs);
  for (const auto& p : obs.problems) {
    if (p.where.line == 0 && p.message == "no such file or folder") {
      io.err << "threatwright: error: " << p.where.file << ": no such file or folder\n";
      return kExitInvalid;
    }
    io.err << "threatwright: warning: " << p.where.str() << ": " << p.message << "\n";
  }
  if (obs.files.empty()) {
    io.err << "threatwright: error: no infrastructure files found under the given folders "
              "(Terraform, CloudFormation, Kubernetes, compose, GitHub Actions, OpenAPI)\n";
    return kExitInvalid;
  }
  drift::DiscoverOptions opts;
  opts.name = a.name;
  opts.inputs = a.dirs;
  std::string text = drift::discover_model(obs, opts);
  int w = write_output(base::Result<std::string>(std::move(text)), a.output, io);
  if (w == kExitOk && !a.output.empty() && a.output != "-")
    io.err << "threatwright: wrote a draft model from " << obs.files.size()
           << " infrastructure files to " << a.output << "; review it, then run check\n";
  return w;
}

}  // namespace

Command register_drift(CLI::App& root) {
  auto a = std::make_shared<DriftArgs>();
  CLI::App* app =
      root.add_subcommand("drift", "Report where infrastructure files contradict the threat model");
  add_model_options(*app, a->model);
  app->add_option("DIR", a->dirs,
                  "Folders or files of infrastructure (default: the model's folder)");
  app->add_option("--format", a->format, "Output format: text, json, sarif or markdown")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}));
  app->add_option("--fail-on", a->fail_on,
                  "Exit 1 when a finding has this severity or higher (info, low, medium, high, "
                  "critical)");
  app->add_option("--map", a->map,
                  "A YAML file 'map: {observed-name: model-id}' tying resources to elements");
  app->add_option("-o,--output", a->output, "Write to FILE instead of stdout");
  return Command{"drift", app, [a](Io& io) { return run_drift(*a, io); }};
}

Command register_discover(CLI::App& root) {
  auto a = std::make_shared<DiscoverArgs>();
  CLI::App* app = root.add_subcommand(
      "discover", "Draft a threat model from infrastructure files (every fact cites its source)");
  app->add_option("DIR", a->dirs, "Folders or files of infrastructure (default: .)");
  app->add_option("-o,--output", a->output, "Write the draft model to FILE instead of stdout");
  app->add_option("--name", a->name, "The system's name (default: the first folder's name)");
  return Command{"discover", app, [a](Io& io) { return run_discover(*a, io); }};
}

}  // namespace tw::cli
