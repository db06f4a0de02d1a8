#include "mcp/workspace.h"

#include <sys/stat.h>

#include <algorithm>

#include "base/date.h"
#include "base/file.h"
#include "engine/evidence.h"
#include "rules/rule_pack.h"

namespace tw::mcp {

Workspace::Workspace(std::string model_path, WorkspaceOptions options)
    : path_(std::move(model_path)), options_(std::move(options)) {
  reload();
}

Workspace::~Workspace() = default;

Workspace::Stamp Workspace::stamp(const std::string& path) {
  Stamp s;
  s.path = path;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.size = static_cast<int64_t>(st.st_size);
  }
  return s;
}

std::string Workspace::evidence_path() const {
  return options_.evidence.empty() ? engine::default_evidence_path(path_) : options_.evidence;
}

void Workspace::restamp() {
  stamps_.clear();
  if (path_.empty()) return;
  std::vector<std::string> paths = {path_, base::dir_name(path_), evidence_path()};
  if (model_) {
    for (const auto& src : model_->sources) {
      paths.push_back(src->path());
      paths.push_back(base::dir_name(src->path()));
    }
    for (const model::RuleFile& rf : model_->rule_files) {
      paths.push_back(rf.path);
      paths.push_back(base::dir_name(rf.path));
    }
  }
  for (const std::string& d : options_.rule_dirs) paths.push_back(d);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  for (const std::string& p : paths) stamps_.push_back(stamp(p));
}

bool Workspace::refresh() {
  for (const Stamp& s : stamps_) {
    Stamp now = stamp(s.path);
    if (now.mtime_ns != s.mtime_ns || now.size != s.size) {
      reload();
      return true;
    }
  }
  return false;
}

void Workspace::reload() {
  ++generation_;
  analysis_.reset();
  model_.reset();
  load_diags_ = base::Diagnostics(options_.load.limits.max_diagnostics);
  rules_ = std::make_unique<rules::RuleSet>();
  analyze_options_ = engine::AnalyzeOptions{};
  analyze_options_.today = base::today();
  analyze_options_.rule_dirs = options_.rule_dirs;
  if (path_.empty()) return;
  load::LoadResult r = load::load_model(path_, options_.load);
  model_ = std::move(r.model);
  load_diags_ = std::move(r.diagnostics);
  restamp();
  if (!ok()) return;
  base::Diagnostics pack_diags;
  rules::load_rule_packs(*model_, options_.rule_dirs, *rules_, pack_diags);
  auto evidence = engine::read_evidence(evidence_path());
  if (evidence.ok()) {
    analyze_options_.evidence =
        engine::control_evidence(*model_, evidence.value(), analyze_options_.today);
  }
  analysis_ = std::make_unique<engine::Analysis>(analyze(*model_));
  analysis_->diagnostics.append(pack_diags);
}

std::string Workspace::error_text() const {
  if (ok()) return {};
  if (path_.empty()) return "no threat model was given; pass the model file";
  base::Diagnostics errors(load_diags_.items().size() + 1);
  for (const base::Diagnostic& d : load_diags_.items()) {
    if (d.severity == base::Severity::Error) errors.add(d);
  }
  return "the threat model " + path_ + " cannot be read; fix these errors first:\n" +
         base::render_text(errors, false);
}

load::LoadResult Workspace::load_copy() const { return load::load_model(path_, options_.load); }

engine::Analysis Workspace::analyze(const model::Model& m) const {
  return engine::analyze(m, analyze_options_, *rules_);
}

}  // namespace tw::mcp
