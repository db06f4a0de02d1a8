#include "serve/workbench.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "base/date.h"
#include "base/diagnostic.h"
#include "base/file.h"
#include "check/lint.h"
#include "diff/change_report.h"
#include "diff/git.h"
#include "diff/model_diff.h"
#include "diff/threat_diff.h"
#include "engine/analysis.h"
#include "engine/evidence.h"
#include "import/update.h"
#include "report/diagram.h"
#include "report/report.h"
#include "report/sha256.h"
#include "report/view.h"
#include "serve/triage.h"

namespace tw::serve {

namespace {

Reply error_reply(int status, const std::string& message, const std::string& detail = "") {
  nlohmann::json j = {{"error", message}};
  if (!detail.empty()) j["detail"] = detail;
  return Reply{status, "application/json", j.dump()};
}

std::string evidence_path_of(const WorkbenchOptions& o) {
  if (o.no_evidence) return "";
  return o.evidence_path.empty() ? engine::default_evidence_path(o.model_path) : o.evidence_path;
}

/// Loads (through `files`) and analyses; the analysis' errors join the load's.
struct Loaded {
  load::LoadResult load;
  engine::Analysis analysis;
  base::Date today;
  bool ok = false;
  std::string errors;
};

Loaded load_and_analyze(const WorkbenchOptions& o, load::FileSource& files) {
  Loaded out;
  load::LoadOptions lo;
  lo.limits = o.limits;
  out.load = load::load_model(o.model_path, files, lo);
  out.today = base::today();
  if (!out.load.ok()) {
    out.errors = base::render_text(out.load.diagnostics, false);
    return out;
  }
  engine::AnalyzeOptions ao;
  ao.today = out.today;
  ao.rule_dirs = o.rule_dirs;
  std::string ev = evidence_path_of(o);
  if (!ev.empty()) {
    base::Result<engine::EvidenceFile> history = engine::read_evidence(ev);
    if (!history) {
      out.errors = history.error().message;
      return out;
    }
    ao.evidence = engine::control_evidence(*out.load.model, *history, out.today);
  }
  out.analysis = engine::analyze(*out.load.model, ao);
  if (out.analysis.diagnostics.has_errors()) {
    out.errors = base::render_text(out.analysis.diagnostics, false);
    return out;
  }
  out.ok = true;
  return out;
}

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

std::string Workbench::content_hash(std::string_view text) {
  auto d = report::sha256(text);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (uint8_t b : d) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

Workbench::Workbench(WorkbenchOptions options) : o_(std::move(options)) {
  std::lock_guard<std::mutex> lock(mu_);
  snap_ = build(1);
  seen_ = stamps();  // the files that load read
}

Workbench::~Workbench() = default;

std::vector<Workbench::Stamp> Workbench::stamps() const {
  std::vector<std::string> paths = watched_;
  if (paths.empty()) paths.push_back(o_.model_path);
  std::string ev = evidence_path_of(o_);
  if (!ev.empty()) paths.push_back(ev);
  std::vector<Stamp> out;
  for (const std::string& p : paths) {
    Stamp s{p};
    struct stat st;
    if (::stat(p.c_str(), &st) == 0) {
      s.mtime_ns = mtime_ns(st);
      s.size = static_cast<int64_t>(st.st_size);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::shared_ptr<const Snapshot> Workbench::build(uint64_t version) {
  auto s = std::make_shared<Snapshot>();
  s->version = version;
  base::Result<std::string> text = base::read_file(o_.model_path, o_.limits.max_file_bytes);
  s->hash = text ? content_hash(text.value()) : "";
  load::DiskSource disk;
  Loaded l = load_and_analyze(o_, disk);
  // The files to watch: every file the model was read from.
  std::vector<std::string>& watched = watched_;
  watched.clear();
  if (l.load.model) {
    for (const auto& src : l.load.model->sources) watched.push_back(src->path());
  }
  if (watched.empty()) watched.push_back(o_.model_path);
  // The hash of the text the analysis was made from (the file may change after the read).
  if (l.load.model && !l.load.model->sources.empty()) {
    s->hash = content_hash(l.load.model->sources.front()->text());
  }
  s->ok = l.ok && text.ok();
  s->errors = text ? l.errors : text.error().message;
  nlohmann::json head = {{"version", version},
                         {"hash", s->hash},
                         {"file", o_.model_path},
                         {"ok", s->ok},
                         {"errors", s->errors}};
  std::string report = "null";
  if (s->ok) {
    const model::Model& m = *l.load.model;
    report::Options ro;
    ro.today = l.today;
    auto json = report::write_report(report::ReportFormat::Json, m, l.analysis, ro);
    if (json) report = json.value();
    report::View v(m, l.analysis, ro);
    auto svg = report::render_svg(report::dot_graph(v, report::DotOptions{.links = true}));
    s->svg = svg ? svg.value() : "";
    check::LintOptions lo;
    lo.today = l.today;
    check::LintResult lint = check::lint(m, l.analysis, lo);
    base::Diagnostics all(o_.limits.max_diagnostics);
    all.append(l.load.diagnostics);
    all.append(lint.diagnostics);
    all.sort();
    s->check_json = check::render_check_json(all, lint.card);
  } else {
    s->check_json = "null";
  }
  std::string h = head.dump();
  h.pop_back();  // the closing brace: the report follows
  s->model_json = h + ",\"report\":" + report + "}";
  return s;
}

std::shared_ptr<const Snapshot> Workbench::refresh() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Stamp> now = stamps();
  if (now == seen_) return snap_;
  snap_ = build(snap_->version + 1);
  seen_ = stamps();  // the watched files of this load
  return snap_;
}

std::shared_ptr<const Snapshot> Workbench::current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return snap_;
}

Reply Workbench::triage(std::string_view body) {
  base::Result<TriageAction> action = parse_triage(body);
  if (!action) return error_reply(400, action.error().message);
  std::lock_guard<std::mutex> lock(mu_);
  base::Result<std::string> text = base::read_file(o_.model_path, o_.limits.max_file_bytes);
  if (!text) return error_reply(500, text.error().message);
  if (content_hash(text.value()) != action->base) {
    return error_reply(409,
                       "the model file changed on disk since the page loaded it; reload and "
                       "try again");
  }
  base::Result<std::string> edited = apply_triage(text.value(), action.value());
  if (!edited) return error_reply(422, edited.error().message);
  // The edited model must load and analyse (threat ids in decisions and controls are checked
  // by the analysis) before it replaces the file.
  import::OverlaySource overlay(o_.model_path, edited.value());
  Loaded l = load_and_analyze(o_, overlay);
  if (!l.ok) return error_reply(422, "the edit would leave the model invalid", l.errors);
  base::Result<bool> written =
      base::write_file(o_.model_path, edited.value(), base::WriteMode::Owned);
  if (!written) return error_reply(500, written.error().message);
  seen_.clear();  // the next refresh reloads
  nlohmann::json j = {{"ok", true}, {"hash", content_hash(edited.value())}};
  return Reply{200, "application/json", j.dump()};
}

Reply Workbench::diff(std::string_view rev) {
  if (rev.empty() || rev.size() > 100 || rev.front() == '-') {
    return error_reply(400, "not a git revision");
  }
  for (char c : rev) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '/' || c == '~' || c == '^';
    if (!ok) return error_reply(400, "not a git revision");
  }
  std::string rev_s(rev);
  auto git = diff::Git::open(o_.repo.empty() ? o_.cwd : o_.repo);
  if (!git) return error_reply(422, git.error().message);
  auto repo_path = git->repo_path(o_.model_path, o_.cwd);
  if (!repo_path) return error_reply(422, repo_path.error().message);
  auto commit = git->resolve(rev_s);
  if (!commit) return error_reply(422, commit.error().message);
  std::string scope = base::dir_name(*repo_path);
  auto source = diff::GitSource::open(*git, *commit, o_.cwd, scope == "." ? "" : scope);
  if (!source) return error_reply(422, source.error().message);
  load::DiskSource disk;
  WorkbenchOptions quiet = o_;
  Loaded after = load_and_analyze(quiet, disk);
  if (!after.ok) return error_reply(422, "the model does not load", after.errors);
  diff::ChangeReport report;
  report.git = true;
  report.model_path = o_.model_path;
  report.before = rev_s + " (" + commit->substr(0, 12) + ")";
  report.after = "working tree";
  std::unique_ptr<model::Model> before_model;
  engine::Analysis before_analysis;
  if (source->canonical(o_.model_path).ok()) {
    Loaded before = load_and_analyze(quiet, *source);
    if (!before.load.ok()) {
      return error_reply(422, "the model at " + rev_s + " does not load", before.errors);
    }
    before_model = std::move(before.load.model);
    before_analysis = std::move(before.analysis);
  } else {
    before_model = std::make_unique<model::Model>();
  }
  report.model = diff::diff_models(*before_model, *after.load.model);
  report.threats = diff::diff_threats(before_analysis, after.analysis);
  return Reply{200, "application/json", diff::render_json(report)};
}

}  // namespace tw::serve
