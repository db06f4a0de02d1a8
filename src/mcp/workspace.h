#pragma once
// The model a server answers about: loaded once, analysed, and loaded again whenever one of
// its files (root, includes, rule packs, evidence) changes on disk, including a file appearing
// in or vanishing from a folder an include glob reads.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "engine/analysis.h"
#include "load/loader.h"
#include "model/model.h"
#include "rules/rule_set.h"

namespace tw::mcp {

struct WorkspaceOptions {
  load::LoadOptions load;
  std::vector<std::string> rule_dirs;  ///< --rules DIR (custom packs)
  std::string evidence;  ///< verification evidence file; "" for the default beside the model
};

class Workspace {
 public:
  /// An empty `model_path` gives a workspace without a model (built-in rules only).
  Workspace(std::string model_path, WorkspaceOptions options);
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace();

  /// Loads again when a file of the model changed since the last load; true when it did.
  bool refresh();
  /// Loads and analyses now, whatever changed.
  void reload();

  /// The model loaded without errors (and was analysed).
  bool ok() const { return model_ != nullptr && !load_diags_.has_errors(); }
  /// The model and its analysis; null unless ok().
  const model::Model* model() const { return ok() ? model_.get() : nullptr; }
  const engine::Analysis* analysis() const { return ok() ? analysis_.get() : nullptr; }
  /// The rules of the analysis: built-in plus custom packs.
  const rules::RuleSet& rules() const { return *rules_; }
  /// Diagnostics of the last load (errors when !ok()).
  const base::Diagnostics& load_diagnostics() const { return load_diags_; }
  /// A message for tools when the model cannot be used: the rendered errors.
  std::string error_text() const;

  const std::string& path() const { return path_; }
  /// Increments at every (re)load.
  int generation() const { return generation_; }

  /// A fresh, separately owned load of the model (for merging a change into it).
  load::LoadResult load_copy() const;
  /// Analyses any model (e.g. a merged one) with this workspace's rules, date and evidence.
  engine::Analysis analyze(const model::Model& m) const;
  /// The options analyses run with.
  const engine::AnalyzeOptions& analyze_options() const { return analyze_options_; }

 private:
  struct Stamp {
    std::string path;
    int64_t mtime_ns = -1;  ///< -1: does not exist
    int64_t size = -1;
  };
  static Stamp stamp(const std::string& path);
  void restamp();
  std::string evidence_path() const;

  std::string path_;
  WorkspaceOptions options_;
  std::unique_ptr<model::Model> model_;
  base::Diagnostics load_diags_;
  std::unique_ptr<rules::RuleSet> rules_;
  std::unique_ptr<engine::Analysis> analysis_;
  engine::AnalyzeOptions analyze_options_;
  std::vector<Stamp> stamps_;
  int generation_ = 0;
};

}  // namespace tw::mcp
