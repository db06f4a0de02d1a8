#pragma once
// Reading a model as it was at a git revision, through git itself (no checkout): a FileSource
// over `git ls-tree` and `git cat-file`, and the list of files changed since the revision.
// git runs via posix_spawn with an argument vector, never through a shell.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "load/loader.h"

namespace tw::diff {

struct ProcessResult {
  int exit_code = -1;  ///< -1 when killed by a signal
  std::string out, err;
};

/// Runs `argv[0]` (looked up on PATH) with `argv`, stdin from /dev/null, capturing stdout and
/// stderr. An Error when it cannot start or writes more than `max_out` bytes to stdout.
base::Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                        uint64_t max_out = 64ull << 20);

/// Lexically normalised form of a '/'-separated path: no ".", "..", empty segments. A relative
/// path that climbs above its start keeps its leading "..".
std::string normalize_path(const std::string& path);

/// One git work tree, addressed by its top-level folder.
class Git {
 public:
  /// The repository holding folder `dir` (`git rev-parse --show-toplevel`).
  static base::Result<Git> open(const std::string& dir);
  const std::string& top() const { return top_; }

  /// Runs `git -C TOP --no-optional-locks ARGS...`; an Error with git's message on failure.
  base::Result<std::string> run(const std::vector<std::string>& args,
                                uint64_t max_out = 64ull << 20) const;
  /// The commit a revision names (`rev-parse --verify REV^{commit}`).
  base::Result<std::string> resolve(const std::string& rev) const;
  /// The committer date of a commit.
  base::Result<base::Date> commit_date(const std::string& commit) const;
  /// Files (relative to TOP) that differ between `commit` and the work tree, staged or not,
  /// renames as both paths, plus untracked files that are not ignored. Sorted.
  base::Result<std::vector<std::string>> changed_files(const std::string& commit) const;
  /// Files (relative to TOP) staged for commit that differ from `commit` (`git diff --cached`),
  /// renames as both paths. Sorted.
  base::Result<std::vector<std::string>> staged_files(const std::string& commit) const;
  /// `path` (absolute, or relative to `cwd`) relative to TOP, lexically normalised; an Error
  /// when it lies outside the work tree.
  base::Result<std::string> repo_path(const std::string& path, const std::string& cwd) const;

 private:
  explicit Git(std::string top) : top_(std::move(top)) {}
  std::string top_;
};

/// The files of one commit, as a FileSource for load_model. Paths are given absolute or
/// relative to `cwd` (the process's working folder, as for the disk); canonical paths are the
/// absolute paths they would have in the work tree, so containment checks work as on disk.
/// Symbolic links stored in the commit are followed (within the tree).
class GitSource : public load::FileSource {
 public:
  /// Lists the commit's files (`git ls-tree -r -l -z`), only those below the repository folder
  /// `scope` when it is not empty (a model cannot include files outside its own folder tree).
  static base::Result<GitSource> open(const Git& git,
                                      std::string commit,
                                      std::string cwd,
                                      const std::string& scope = "");

  /// `within` is not needed: paths resolve inside the commit's tree (resolve()).
  base::Result<std::string> read(const std::string& path,
                                 uint64_t max_bytes,
                                 const std::string& within) override;
  base::Result<std::vector<std::string>> glob(const std::string& dir,
                                              const std::string& pattern) override;
  base::Result<std::string> canonical(const std::string& path) override;

  /// Whether the commit holds a file at this repository-relative path.
  bool has(const std::string& repo_path) const { return files_.count(repo_path) > 0; }

 private:
  struct Entry {
    bool symlink = false;
    uint64_t size = 0;
    std::string object;
  };
  GitSource(const Git& git, std::string commit, std::string cwd)
      : git_(&git), commit_(std::move(commit)), cwd_(std::move(cwd)) {}
  /// The repository path of `path` after following symbolic links; Error if missing.
  base::Result<std::string> resolve(const std::string& path);

  const Git* git_;
  std::string commit_, cwd_;
  std::map<std::string, Entry> files_;  ///< by repository path
};

}  // namespace tw::diff
