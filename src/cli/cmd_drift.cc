// threatwright drift MODEL [DIR...]: where infrastructure files contradict the threat model
// (docs/drift.md). threatwright discover [DIR...]: a draft model from them (docs/discover.md).

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>

#include "base/file.h"
#include "cli/common.h"
#include "diff/git.h"
#include "drift/change.h"
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
  AnalysisArgs analysis;
  std::string base;
  std::vector<std::string> dirs;
  std::string format = "text";
  std::string fail_on;
  std::string map;
  std::string output;
};

/// The infrastructure files under `dirs` as they were at revision `rev` of the repository
/// threatwright runs in (never one discovered from the scanned folders: they come with the
/// change). git runs hardened (diff/git.h).
base::Result<observe::ObservedSystem> observe_at(const std::string& rev,
                                                 const std::vector<std::string>& dirs,
                                                 uint64_t max_file_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  auto git = diff::Git::open(cwd);
  if (!git.ok()) return git.error();
  auto commit = git->resolve(rev);
  if (!commit.ok()) return commit.error();
  auto source = diff::GitSource::open(*git, *commit, cwd);
  if (!source.ok()) return source.error();
  std::vector<observe::TextFile> files;
  observe::ScanLimits limits;
  uint64_t total = 0;
  for (const std::string& dir : dirs) {
    std::vector<std::string> paths;
    if (fs::is_directory(dir, ec) || dir == ".") {
      auto found = source->glob(dir, "**");
      if (!found.ok()) return found.error();
      paths = std::move(*found);
    } else {
      auto rp = git->repo_path(dir, cwd);
      if (!rp.ok()) return rp.error();
      if (source->has(*rp)) paths.push_back(dir);
    }
    for (const std::string& p : paths) {
      std::string rel = fs::path(p).lexically_relative(dir).generic_string();
      if (!observe::scanned_path(rel.empty() || rel == "." ? fs::path(p).filename().string() : rel))
        continue;
      if (files.size() >= limits.max_files || total > limits.max_total_bytes) break;
      auto text = source->read(p, std::min<uint64_t>(max_file_bytes, limits.max_file_bytes), "");
      if (!text.ok()) continue;  // too large, or a link leaving the tree: as scan() skips it
      total += text->size();
      files.push_back({p, std::move(*text)});
    }
  }
  return observe::read_files(files, limits);
}

int run_drift_change(DriftArgs& a,
                     Io& io,
                     std::optional<engine::Severity> fail_on,
                     const drift::Mapping& map) {
  std::string diag = a.format == "json" ? "json" : "text";
  int code = kExitOk;
  auto analyzed = load_and_analyze(a.model, a.analysis, diag, io, code);
  if (!analyzed) return code;
  const model::Model& m = *analyzed->model;
  if (a.dirs.empty()) a.dirs.push_back(m.root_dir.empty() ? "." : m.root_dir);
  observe::ObservedSystem after = observe::scan(a.dirs);
  for (const auto& p : after.problems)
    if (p.where.line == 0 && p.message == "no such file or folder") {
      io.err << "threatwright: error: " << p.where.file << ": no such file or folder\n";
      return kExitInvalid;
    }
  auto before = observe_at(a.base, a.dirs, a.model.load.limits.max_file_bytes);
  if (!before.ok()) {
    io.err << "threatwright: error: --base " << a.base << ": " << before.error().message << "\n";
    return kExitInvalid;
  }
  drift::InfraChange change =
      drift::compare_infrastructure(m, &analyzed->analysis, *before, after, map);
  std::string text;
  if (a.format == "json")
    text = drift::render_change_json(change);
  else if (a.format == "sarif")
    text = drift::render_sarif(change.introduced, TW_VERSION);
  else if (a.format == "markdown")
    text = drift::render_change_markdown(change);
  else
    text = drift::render_change_text(change);
  int w = write_output(base::Result<std::string>(std::move(text)), a.output, io);
  if (w != kExitOk) return w;
  auto worst = drift::worst_introduced(change);
  keep_until_exit(std::move(analyzed));
  if (fail_on && worst && *worst >= *fail_on) return kExitGate;
  return kExitOk;
}

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
  if (!a.base.empty()) return run_drift_change(a, io, fail_on, map);
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
                  "critical); with --base, only findings the change introduces count");
  app->add_option("--map", a->map,
                  "A YAML file 'map: {observed-name: model-id}' tying resources to elements");
  app->add_option("--base", a->base,
                  "Report what the infrastructure change since git revision REV does: new and "
                  "settled findings, the observed surface gained or lost, the model elements "
                  "touched and their open threats");
  add_analysis_options(*app, a->analysis);
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
