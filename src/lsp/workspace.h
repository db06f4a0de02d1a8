#pragma once
// The documents an editor has open and the models they belong to. A model is loaded through
// an overlay of the disk: an open document is read from the editor's text (saved or not),
// any other file from the disk, and only inside the workspace root (symlinks resolved). Each
// check runs what `check` runs (load, analysis, lint) and keeps an index of every id's
// definition and references for hover, definition, references and completion.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "engine/analysis.h"
#include "load/loader.h"

namespace tw::lsp {

/// One id written in a model file: where its element is defined, or a reference to it.
struct Occurrence {
  std::string id;
  const base::SourceFile* file = nullptr;
  uint32_t line = 0, col = 0, len = 0;  ///< as base::Loc: 1-based, code points
  bool definition = false;
};

/// One check of one root model: everything hover, completion and navigation read.
struct Snapshot {
  std::string root;  ///< the root model's path (as its documents are keyed)
  load::LoadResult load;
  engine::Analysis analysis;  ///< empty when the model did not load
  bool analyzed = false;
  base::Diagnostics diagnostics;  ///< load + analysis + lint, sorted
  std::vector<Occurrence> occurrences;
  /// Paths of the model's files (the root and its includes, as SourceFile::path()).
  std::vector<std::string> files;

  bool has_file(const std::string& path) const;
  /// Occurrences of `id`, definitions first.
  std::vector<const Occurrence*> find(const std::string& id) const;
};

struct WorkspaceOptions {
  /// Files outside this folder (after resolving symlinks) are never read. Empty: no bound.
  std::string root;
  load::LoadOptions load;
};

class Workspace {
 public:
  explicit Workspace(WorkspaceOptions options);
  ~Workspace();

  /// Whether `path` may be read: inside the root once symlinks are resolved (a file that
  /// does not exist yet: its folder).
  bool contains(const std::string& path) const;

  void open(const std::string& path, std::string text, int version);
  void change(const std::string& path, std::string text, int version);
  void close(const std::string& path);
  /// The editor's text of an open document, or null.
  const std::string* text(const std::string& path) const;
  bool is_open(const std::string& path) const { return text(path) != nullptr; }

  /// The root model `path` belongs to: a checked model that includes it, else itself.
  std::string root_of(const std::string& path) const;
  /// Loads and checks the model rooted at `root`, replacing its snapshot.
  const Snapshot& check(const std::string& root);
  /// The latest snapshot of the model `path` belongs to, or null.
  const Snapshot* snapshot_for(const std::string& path) const;
  void drop(const std::string& root) { snapshots_.erase(root); }

 private:
  class Overlay;
  WorkspaceOptions options_;
  std::string canonical_root_;
  struct Doc {
    std::string text;
    int version = 0;
  };
  std::map<std::string, Doc> docs_;                             // by path as the editor names it
  std::map<std::string, std::unique_ptr<Snapshot>> snapshots_;  // by root path
};

/// Every id occurrence in `m`: the elements' ids (definitions) and every reference field.
std::vector<Occurrence> index_model(const model::Model& m);

}  // namespace tw::lsp
