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
                                        uint64_t max_out = 64ull << 20,
                                        const std::vector<std::string>* env = nullptr);

/// The environment every git call gets: this process's, without any GIT_* variable, plus
/// GIT_CONFIG_NOSYSTEM=1, GIT_CONFIG_GLOBAL=/dev/null, no terminal prompt, no replace objects,
/// no lazy fetch (docs/security.md).
std::vector<std::string> git_environment();

/// The `-c key=value` pairs given to every git call, so that no configuration can start a
/// program: fsmonitor off, hooks from /dev/null, no pager, no external diff, no credential
/// helper, no transport at all, no signature check, bare repositories only when named;
/// plus an empty value for every program-starting key of the repository's own configuration
/// (`repo_keys`: filter and diff drivers, editors, ...).
std::vector<std::string> hardened_config(const std::vector<std::string>& repo_keys);

/// Lexically normalised form of a '/'-separated path: no ".", "..", empty segments. A relative
/// path that climbs above its start keeps its leading "..".
std::string normalize_path(const std::string& path);

/// One git work tree, addressed by its top-level folder.
class Git {
 public:
  /// The work tree holding folder `dir`, which threatwright chooses (the current folder, or
  /// `diff --repo`), never a folder of the model. Discovery runs with the hardened
  /// configuration and `safe.bareRepository=explicit`, so a bare repository committed into a
  /// folder is never picked up; every later call names the repository (--git-dir,
  /// --work-tree) and discovers nothing.
  static base::Result<Git> open(const std::string& dir);
  const std::string& top() const { return top_; }

  /// An Error when folder `dir` (inside the work tree), or one between it and the top, is
  /// itself the root of another repository: it holds `.git`, or the files of a bare
  /// repository (HEAD, objects/, refs/). A model folder must belong to this work tree only.
  base::Result<bool> check_own_folder(const std::string& dir) const;

  /// Runs `git --no-pager --git-dir=GIT --work-tree=TOP -C TOP --no-optional-locks` with the
  /// hardened configuration and environment and ARGS; an Error with git's message on failure.
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
  Git(std::string top, std::string git_dir) : top_(std::move(top)), git_dir_(std::move(git_dir)) {}
  std::string top_, git_dir_;
  std::vector<std::string> config_;  ///< hardened -c arguments
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
