// threatwright diff OLD NEW | diff --base REV [MODEL]: what a change does to a threat model —
// elements, attack surface, weakened properties, threats, expired acceptances, and code that
// moved without its model (docs/diff.md).

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "base/date.h"
#include "base/file.h"
#include "cli/common.h"
#include "diff/change_report.h"
#include "diff/git.h"
#include "engine/analysis.h"
#include "engine/evidence.h"

namespace tw::cli {

namespace {

namespace fs = std::filesystem;

struct DiffArgs {
  std::vector<std::string> paths;
  std::string base;
  std::string repo;  ///< --repo: the git work tree (default: the one holding the current folder)
  std::string format = "text";
  std::string fail_on;
  bool staged = false;         ///< --staged: base HEAD, only staged files count as changed
  bool fail_on_drift = false;  ///< --fail-on-drift: code drift fails the run (exit 1)
  std::vector<std::string> rule_dirs;
  load::LoadOptions load;
};

/// Models found by default when `--base REV` is given no MODEL.
constexpr const char* kDefaultModels[] = {"threatwright.yaml", "threatwright.yml",
                                          "threat-model.yaml", "threat-model.yml",
                                          "model.yaml",        "model.yml"};

void error(Io& io, const std::string& msg) { io.err << "threatwright: error: " << msg << "\n"; }

// Loads one side; prints its diagnostics (prefixed with `label`) and returns null on errors.
std::unique_ptr<model::Model> load_side(const std::string& path,
                                        load::FileSource& files,
                                        const std::string& label,
                                        const DiffArgs& a,
                                        Io& io) {
  load::LoadOptions opts = a.load;
  opts.warnings = false;
  load::LoadResult r = load::load_model(path, files, opts);
  if (!r.ok()) {
    error(io, "the " + label + " model does not load:");
    print_diagnostics(r.diagnostics, a.format == "json" ? "json" : "text", io);
    return nullptr;
  }
  return std::move(r.model);
}

engine::Analysis analyse(const model::Model& m,
                         const std::string& evidence_path,
                         const DiffArgs& a,
                         base::Date today,
                         Io& io) {
  engine::AnalyzeOptions opts;
  opts.today = today;
  opts.rule_dirs = a.rule_dirs;
  if (!evidence_path.empty()) {
    auto ev = engine::read_evidence(evidence_path);
    if (ev.ok()) {
      opts.evidence = engine::control_evidence(m, *ev, today);
    } else {
      io.err << "threatwright: warning: " << ev.error().message << "; evidence ignored\n";
    }
  }
  engine::Analysis an = engine::analyze(m, opts);
  if (an.diagnostics.has_errors() && a.format != "json") {
    io.err << base::render_text(an.diagnostics, io.err_color);
  }
  return an;
}

std::string short_id(const std::string& commit) { return commit.substr(0, 12); }

int run_diff(DiffArgs& a, Io& io) {
  std::optional<engine::Severity> fail_on;
  if (!a.fail_on.empty()) {
    fail_on = engine::parse_severity(a.fail_on);
    if (!fail_on) {
      error(io, "--fail-on: unknown severity '" + a.fail_on +
                    "' (expected info, low, medium, high or critical)");
      return kExitInvalid;
    }
  }
  if (a.staged && a.base.empty()) a.base = "HEAD";
  const bool git_mode = !a.base.empty();
  if (a.fail_on_drift && !git_mode) {
    error(io, "--fail-on-drift needs --base REV or --staged (code drift is found through git)");
    return kExitInvalid;
  }
  if (!git_mode && a.paths.size() != 2) {
    error(io, "diff needs two model files (OLD NEW), or --base REV [MODEL]");
    return kExitInvalid;
  }
  if (git_mode && a.paths.size() > 1) {
    error(io, "with --base REV, give at most one model file");
    return kExitInvalid;
  }
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  if (ec) {
    error(io, "cannot read the current folder: " + ec.message());
    return kExitInternal;
  }
  const base::Date today = base::today();
  diff::ChangeReport report;
  report.fail_on = fail_on;
  std::unique_ptr<model::Model> before, after;
  std::string before_evidence, after_evidence;
  std::vector<std::string> changed_files;
  base::Date base_day = today;
  std::optional<diff::Git> git;

  if (!git_mode) {
    load::DiskSource disk;
    report.before = a.paths[0];
    report.after = a.paths[1];
    before = load_side(a.paths[0], disk, "old", a, io);
    if (!before) return kExitInvalid;
    after = load_side(a.paths[1], disk, "new", a, io);
    if (!after) return kExitInvalid;
    before_evidence = engine::default_evidence_path(a.paths[0]);
    after_evidence = engine::default_evidence_path(a.paths[1]);
    report.model = diff::diff_models(*before, *after);
  } else {
    std::string path;
    if (!a.paths.empty()) {
      path = a.paths[0];
    } else {
      for (const char* p : kDefaultModels) {
        if (fs::is_regular_file(p, ec)) {
          path = p;
          break;
        }
      }
      if (path.empty()) {
        error(io,
              "no model file given and none of threatwright.yaml, threat-model.yaml, model.yaml "
              "found here");
        return kExitInvalid;
      }
    }
    // The working-tree model first: it must load.
    load::DiskSource disk;
    after = load_side(path, disk, "working-tree", a, io);
    if (!after) return kExitInvalid;
    // The repository is the one threatwright is run in (or --repo), never one discovered
    // from the model's folder: that folder's content comes with the change (review B1).
    auto opened = diff::Git::open(a.repo.empty() ? cwd : a.repo);
    if (!opened.ok()) {
      error(io, opened.error().message);
      return kExitInvalid;
    }
    git.emplace(std::move(*opened));
    std::string model_dir = base::dir_name(base::join_path(cwd, path));
    if (!git->repo_path(model_dir, cwd).ok()) {
      error(io, path + ": not inside the git work tree " + git->top() +
                    " (run threatwright inside the repository, or name it with --repo)");
      return kExitInvalid;
    }
    if (auto own = git->check_own_folder(model_dir); !own.ok()) {
      error(io, own.error().message);
      return kExitInvalid;
    }
    auto commit = git->resolve(a.base);
    if (!commit.ok() && a.staged && a.base == "HEAD") {
      // The first commit of a repository: there is nothing to compare the staged files with.
      io.err << "threatwright: note: no commit yet; nothing to compare with\n";
      return kExitOk;
    }
    if (!commit.ok()) {
      error(io, commit.error().message);
      return kExitInvalid;
    }
    auto repo_path = git->repo_path(path, cwd);
    if (!repo_path.ok()) {
      error(io, repo_path.error().message);
      return kExitInvalid;
    }
    // Only the model's folder tree: includes cannot leave it.
    std::string scope = base::dir_name(*repo_path);
    auto source = diff::GitSource::open(*git, *commit, cwd, scope == "." ? "" : scope);
    if (source.ok() && scope != "." && !source->canonical(path).ok()) {
      source = diff::GitSource::open(*git, *commit, cwd);  // a folder on the way is a link
    }
    if (!source.ok()) {
      error(io, source.error().message);
      return kExitInternal;
    }
    report.git = true;
    report.model_path = path;
    report.before = a.base + " (" + short_id(*commit) + ")";
    report.after = "working tree";
    if (source->canonical(path).ok()) {
      before = load_side(path, *source, "base (" + a.base + ")", a, io);
      if (!before) return kExitInvalid;
    } else {
      // The model is new in this change: everything in it is added.
      io.err << "threatwright: note: " << path << " does not exist at " << a.base
             << "; comparing with an empty model\n";
      before = std::make_unique<model::Model>();
    }
    if (auto d = git->commit_date(*commit); d.ok()) base_day = *d;
    // One evidence history (the working tree's) for both sides: only model changes count.
    before_evidence = after_evidence = engine::default_evidence_path(path);
    report.model = diff::diff_models(*before, *after);

    auto changed = a.staged ? git->staged_files(*commit) : git->changed_files(*commit);
    if (!changed.ok()) {
      error(io, changed.error().message);
      return kExitInternal;
    }
    changed_files = std::move(*changed);
  }

  engine::Analysis an_before = analyse(*before, before_evidence, a, today, io);
  engine::Analysis an_after = analyse(*after, after_evidence, a, today, io);
  report.threats = diff::diff_threats(an_before, an_after);
  if (git_mode) {
    // Code drift: a component whose code changed while its meaning in the model did not.
    auto dir_of = [&](const model::Component& c) -> std::string {
      if (!c.loc.file || !git) return "";
      auto d = git->repo_path(base::dir_name(c.loc.file->path()), cwd);
      return d.ok() ? *d : "";
    };
    std::vector<std::string> updated =
        diff::components_changed_in_meaning(*before, *after, report.model, report.threats);
    report.drift = diff::find_code_drift(*after, dir_of, changed_files, updated);
  }
  report.fail_on_drift = a.fail_on_drift;
  report.threats.expired = diff::expired_acceptances(*before, base_day, *after, today, &an_after);
  if (fail_on) report.gate = diff::gate_failures(report.threats, *fail_on);

  if (a.format == "json") {
    io.out << diff::render_json(report);
  } else if (a.format == "md") {
    io.out << diff::render_markdown(report);
  } else {
    io.out << diff::render_text(report, io.out_color);
  }
  if (a.fail_on_drift && !report.drift.empty()) {
    io.err << "threatwright: code changed under the code: globs of " << report.drift.size()
           << (report.drift.size() == 1 ? " component" : " components")
           << " without a threat-model update (--fail-on-drift)\n";
  }
  if (report.gate_failed()) return kExitGate;
  return kExitOk;
}

}  // namespace

Command register_diff(CLI::App& root) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* app = root.add_subcommand(
      "diff", "Show what a change does to a threat model: OLD NEW, or --base REV [MODEL]");
  app->add_option("MODELS", args->paths,
                  "OLD NEW model files; with --base, the model file (default threatwright.yaml "
                  "or model.yaml)");
  app->add_option("--base", args->base,
                  "Compare the model as it was at this git revision with the working tree");
  app->add_option("--repo", args->repo,
                  "With --base: the git work tree to compare in (default: the one holding the "
                  "current folder; never one found in the model's folder)");
  app->add_option("--format", args->format,
                  "Output format: text, md (pull-request comment) "
                  "or json")
      ->check(CLI::IsMember({"text", "md", "json"}));
  app->add_option("--fail-on", args->fail_on,
                  "Exit 1 when the change adds or raises open threats at or above this severity");
  app->add_flag("--staged", args->staged,
                "Only files staged for commit count as changed, compared with --base (default "
                "HEAD): the pre-commit hook threatwright-diff-staged");
  app->add_flag("--fail-on-drift", args->fail_on_drift,
                "With --base: exit 1 when code under a component's `code:` globs changed while "
                "its meaning in the model did not");
  app->add_option("--rules", args->rule_dirs, "Folder of custom rule packs (repeatable)")
      ->allow_extra_args(false);
  add_limit_options(*app, args->load.limits);
  return Command{"diff", app, [args](Io& io) { return run_diff(*args, io); }};
}

}  // namespace tw::cli
