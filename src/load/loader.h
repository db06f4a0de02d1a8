#pragma once
// Loading a model: files (with includes) -> YAML nodes -> typed, resolved, validated Model.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "model/model.h"

namespace tw::load {

/// Documented resource limits for untrusted input (docs/model-format.md, "Limits").
struct Limits {
  uint64_t max_file_bytes = 128ull << 20;   ///< one file
  uint64_t max_total_bytes = 512ull << 20;  ///< all files of one model
  uint32_t max_depth = 64;                  ///< nesting of mappings/sequences
  uint64_t max_scalar_bytes = 1ull << 20;   ///< one scalar value
  uint64_t max_alias_nodes = 100000;        ///< nodes reachable through aliases, in total
  uint64_t max_nodes = 20'000'000;          ///< YAML nodes in one model
  uint32_t max_files = 1000;                ///< the root file plus includes
  size_t max_diagnostics = 1000;            ///< diagnostics kept (all are counted)
};

/// Where model files come from: the disk, or a git revision (diff --base).
class FileSource {
 public:
  virtual ~FileSource() = default;
  /// The file's bytes; an Error past `max_bytes`, when missing, or when it is not a regular
  /// file inside the canonical folder `within` (links followed).
  virtual base::Result<std::string> read(const std::string& path,
                                         uint64_t max_bytes,
                                         const std::string& within) = 0;
  /// Files matching `pattern` relative to `dir`, sorted, as paths joined to `dir`.
  virtual base::Result<std::vector<std::string>> glob(const std::string& dir,
                                                      const std::string& pattern) = 0;
  /// A canonical form of `path` for cycle and containment checks; an Error if missing.
  virtual base::Result<std::string> canonical(const std::string& path) = 0;
};

/// The real file system. Symlinks are resolved before containment checks.
class DiskSource : public FileSource {
 public:
  base::Result<std::string> read(const std::string& path,
                                 uint64_t max_bytes,
                                 const std::string& within) override;
  base::Result<std::vector<std::string>> glob(const std::string& dir,
                                              const std::string& pattern) override;
  base::Result<std::string> canonical(const std::string& path) override;

 private:
  /// Directory entries the globs of this source (one model) may still visit together.
  size_t glob_entries_left_ = 200000;  // base::kMaxGlobEntriesPerModel
};

struct LoadResult {
  /// Always set, even when loading failed: it owns the source text diagnostics point into.
  std::unique_ptr<model::Model> model;
  base::Diagnostics diagnostics;
  bool ok() const { return !diagnostics.has_errors(); }
};

struct LoadOptions {
  Limits limits;
  /// Also report warnings about unknown security facts and unused elements.
  bool warnings = true;
};

/// Loads the model at `path` and everything it includes.
LoadResult load_model(const std::string& path, const LoadOptions& options = {});
LoadResult load_model(const std::string& path, FileSource& files, const LoadOptions& options);

/// Loads a model from text (no includes are followed unless `root_dir` is set); the text is
/// shown in diagnostics as `display_path`.
LoadResult load_model_text(const std::string& display_path,
                           std::string text,
                           const LoadOptions& options = {});

}  // namespace tw::load
