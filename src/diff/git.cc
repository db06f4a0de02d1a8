#include "diff/git.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "base/file.h"
#include "base/glob.h"

extern char** environ;

namespace tw::diff {

namespace {

// Closes a descriptor once.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

}  // namespace

base::Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                        uint64_t max_out,
                                        const std::vector<std::string>* env) {
  if (argv.empty()) return base::Error{"no program to run"};
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0)
    return base::Error{std::string("pipe: ") + strerror(errno)};
  Fd out_r{out_pipe[0]}, out_w{out_pipe[1]};
  if (::pipe2(err_pipe, O_CLOEXEC) != 0)
    return base::Error{std::string("pipe: ") + strerror(errno)};
  Fd err_r{err_pipe[0]}, err_w{err_pipe[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_w.fd, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  std::vector<char*> envp;
  if (env) {
    for (const std::string& v : *env) envp.push_back(const_cast<char*>(v.c_str()));
    envp.push_back(nullptr);
  }
  int rc =
      ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return base::Error{"cannot run " + argv[0] + ": " + strerror(rc)};
  out_w.reset();
  err_w.reset();

  ProcessResult r;
  bool too_much = false;
  pollfd fds[2] = {{out_r.fd, POLLIN, 0}, {err_r.fd, POLLIN, 0}};
  int open_fds = 2;
  char buf[1 << 16];
  while (open_fds > 0) {
    int n = ::poll(fds, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      std::string& dst = i == 0 ? r.out : r.err;
      if (i == 1 && dst.size() > (1u << 20)) continue;  // keep stderr bounded
      dst.append(buf, static_cast<size_t>(got));
      if (i == 0 && dst.size() > max_out) {
        too_much = true;
        open_fds = 0;
        ::kill(pid, SIGKILL);
        break;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (too_much) {
    return base::Error{argv[0] + " wrote more than " + std::to_string(max_out) + " bytes"};
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string normalize_path(const std::string& path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    i = j + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(seg);
      }
      continue;
    }
    parts.push_back(seg);
  }
  std::string out = absolute ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += "/";
    out += parts[k];
  }
  if (out.empty()) out = ".";
  return out;
}

namespace {

std::string first_line(const std::string& s) {
  std::string t = s.substr(0, s.find('\n'));
  while (!t.empty() && (t.back() == '\r' || t.back() == ' ')) t.pop_back();
  return t;
}

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\0', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string short_id(const std::string& commit) { return commit.substr(0, 12); }

}  // namespace

std::vector<std::string> git_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    if (v.rfind("GIT_", 0) == 0) continue;  // GIT_DIR, GIT_CONFIG_*, GIT_EXTERNAL_DIFF, ...
    env.emplace_back(v);
  }
  for (const char* v :
       {"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_TERMINAL_PROMPT=0",
        "GIT_NO_REPLACE_OBJECTS=1", "GIT_ATTR_NOSYSTEM=1", "GIT_OPTIONAL_LOCKS=0",
        "GIT_NO_LAZY_FETCH=1", "GIT_PROTOCOL_FROM_USER=0"}) {
    env.emplace_back(v);
  }
  return env;
}

namespace {

// Whether a configuration key (lower case, as `git config --name-only` prints it) can make
// git start a program.
bool starts_a_program(const std::string& key) {
  auto ends = [&](const char* suffix) {
    std::string_view s(suffix);
    return key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0;
  };
  auto starts = [&](const char* prefix) { return key.rfind(prefix, 0) == 0; };
  if (starts("filter.") && (ends(".clean") || ends(".smudge") || ends(".process"))) return true;
  if (starts("diff.") && (ends(".textconv") || ends(".command"))) return true;
  if (starts("merge.") && ends(".driver")) return true;
  if (starts("credential.") && ends(".helper")) return true;
  if (starts("gpg.") && ends(".program")) return true;
  if (starts("remote.") && (ends(".uploadpack") || ends(".receivepack") || ends(".proxy"))) {
    return true;
  }
  for (const char* k :
       {"core.fsmonitor", "core.hookspath", "core.pager", "core.editor", "sequence.editor",
        "core.sshcommand", "core.gitproxy", "core.askpass", "credential.helper", "diff.external",
        "gpg.program", "uploadpack.packobjectshook", "core.alternaterefscommand", "diff.tool",
        "merge.tool", "sendemail.smtpserver"}) {
    if (key == k) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> hardened_config(const std::vector<std::string>& repo_keys) {
  std::vector<std::string> out;
  auto set = [&](const std::string& kv) {
    out.push_back("-c");
    out.push_back(kv);
  };
  // First an empty value for each program key the repository's configuration sets (an empty
  // filter, textconv or helper is no program), then the fixed settings, which win.
  for (const std::string& key : repo_keys) {
    if (!starts_a_program(key)) continue;
    set(key + "=");
    if (key.rfind("filter.", 0) == 0) {
      set(key.substr(0, key.rfind('.')) + ".required=false");
    }
  }
  for (const char* kv :
       {"core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat",
        "core.attributesFile=/dev/null", "core.quotepath=off", "core.untrackedCache=false",
        "diff.external=", "credential.helper=", "core.askPass=", "core.sshCommand=",
        "core.gitProxy=", "protocol.allow=never", "log.showSignature=false",
        "safe.bareRepository=explicit", "color.ui=false", "submodule.recurse=false"}) {
    set(kv);
  }
  return out;
}

base::Result<Git> Git::open(const std::string& dir) {
  const std::vector<std::string> env = git_environment();
  std::vector<std::string> argv = {"git", "--no-pager"};
  for (const std::string& a : hardened_config({})) argv.push_back(a);
  for (const char* a : {"-C", "", "rev-parse", "--show-toplevel", "--absolute-git-dir"}) {
    argv.push_back(*a ? a : dir);
  }
  auto r = run_process(argv, 1 << 20, &env);
  if (!r.ok()) return r.error();
  if (r->exit_code != 0) {
    std::string msg = first_line(r->err);
    return base::Error{dir + ": not in a git work tree" + (msg.empty() ? "" : " (" + msg + ")") +
                       "; run threatwright inside the repository, or name it with --repo"};
  }
  std::string top = first_line(r->out);
  std::string rest = r->out.substr(std::min(r->out.size(), r->out.find('\n') + 1));
  std::string git_dir = first_line(rest);
  if (top.empty() || git_dir.empty()) return base::Error{dir + ": git gave no work tree"};
  Git git(top, git_dir);
  // The repository's own configuration (system and global are ignored): which of its keys
  // could start a program. Reading it runs nothing.
  git.config_ = hardened_config({});
  auto keys = git.run({"config", "--list", "--name-only", "-z"}, 4 << 20);
  if (!keys.ok()) return keys.error();
  std::vector<std::string> names;
  for (std::string& k : split_nul(*keys)) {
    if (!k.empty() && k.back() == '\n') k.pop_back();
    names.push_back(std::move(k));
  }
  git.config_ = hardened_config(names);
  return git;
}

base::Result<bool> Git::check_own_folder(const std::string& dir) const {
  namespace fs = std::filesystem;
  std::string cur = normalize_path(dir);
  std::error_code ec;
  while (base::path_within(cur, top_) && cur != top_) {
    fs::path p(cur);
    bool bare = fs::exists(p / "HEAD", ec) && fs::is_directory(p / "objects", ec) &&
                fs::is_directory(p / "refs", ec);
    if (fs::exists(fs::symlink_status(p / ".git", ec)) || bare) {
      return base::Error{cur + ": this folder is itself a git repository" +
                         std::string(bare ? " (the files of a bare repository)" : " (.git)") +
                         ", not part of the work tree " + top_ +
                         "; threatwright never runs git in a repository found in model "
                         "content (remove those files, or use --repo to name the repository)"};
    }
    cur = base::dir_name(cur);
  }
  return true;
}

base::Result<std::string> Git::run(const std::vector<std::string>& args, uint64_t max_out) const {
  static const std::vector<std::string> env = git_environment();
  std::vector<std::string> argv = {
      "git", "--no-pager", "--git-dir=" + git_dir_, "--work-tree=" + top_,
      "-C",  top_,         "--no-optional-locks"};
  argv.insert(argv.end(), config_.begin(), config_.end());
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_process(argv, max_out, &env);
  if (!r.ok()) return r.error();
  if (r->exit_code != 0) {
    std::string msg = first_line(r->err);
    return base::Error{"git " + (args.empty() ? std::string() : args[0]) +
                       " failed: " + (msg.empty() ? "exit " + std::to_string(r->exit_code) : msg)};
  }
  return std::move(r->out);
}

base::Result<std::string> Git::resolve(const std::string& rev) const {
  if (rev.empty() || rev[0] == '-') return base::Error{"not a revision: '" + rev + "'"};
  auto r = run({"rev-parse", "--verify", "--quiet", rev + "^{commit}"});
  if (!r.ok()) return base::Error{"'" + rev + "' does not name a commit in " + top_};
  std::string commit = first_line(*r);
  if (commit.empty()) return base::Error{"'" + rev + "' does not name a commit in " + top_};
  return commit;
}

base::Result<base::Date> Git::commit_date(const std::string& commit) const {
  auto r = run({"show", "-s", "--no-show-signature", "--format=%cI", commit});
  if (!r.ok()) return r.error();
  std::string line = first_line(*r);
  auto d = base::parse_date(line.substr(0, 10));
  if (!d) return base::Error{"cannot read the date of commit " + short_id(commit)};
  return *d;
}

base::Result<std::vector<std::string>> Git::changed_files(const std::string& commit) const {
  auto tracked = run({"diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
                      "--ignore-submodules=all", commit, "--"});
  if (!tracked.ok()) return tracked.error();
  auto untracked = run({"ls-files", "--others", "--exclude-standard", "-z"});
  if (!untracked.ok()) return untracked.error();
  std::vector<std::string> out = split_nul(*tracked);
  for (std::string& f : split_nul(*untracked)) out.push_back(std::move(f));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

base::Result<std::vector<std::string>> Git::staged_files(const std::string& commit) const {
  auto staged = run({"diff", "--cached", "--name-only", "-z", "--no-renames", "--no-ext-diff",
                     "--no-textconv", "--ignore-submodules=all", commit, "--"});
  if (!staged.ok()) return staged.error();
  std::vector<std::string> out = split_nul(*staged);
  std::sort(out.begin(), out.end());
  return out;
}

base::Result<std::string> Git::repo_path(const std::string& path, const std::string& cwd) const {
  std::string abs = normalize_path(path.empty() || path[0] != '/' ? cwd + "/" + path : path);
  if (abs == top_) return std::string();
  if (!base::path_within(abs, top_)) {
    return base::Error{path + ": outside the git work tree " + top_};
  }
  return abs.substr(top_ == "/" ? 1 : top_.size() + 1);
}

base::Result<GitSource> GitSource::open(const Git& git,
                                        std::string commit,
                                        std::string cwd,
                                        const std::string& scope) {
  GitSource s(git, std::move(commit), std::move(cwd));
  std::vector<std::string> args = {"ls-tree", "-r", "-l", "-z", "--full-tree", s.commit_};
  if (!scope.empty() && scope != ".") {
    args.push_back("--");
    args.push_back(scope);
  }
  auto r = git.run(args);
  if (!r.ok()) return r.error();
  for (const std::string& rec : split_nul(*r)) {
    // <mode> SP <type> SP <object> SP+ <size> TAB <path>
    size_t tab = rec.find('\t');
    if (tab == std::string::npos) continue;
    std::string meta = rec.substr(0, tab), path = rec.substr(tab + 1);
    std::vector<std::string> f;
    for (size_t i = 0; i < meta.size();) {
      size_t j = meta.find(' ', i);
      if (j == std::string::npos) j = meta.size();
      if (j > i) f.push_back(meta.substr(i, j - i));
      i = j + 1;
    }
    if (f.size() < 4 || f[1] != "blob") continue;  // submodules have no files here
    Entry e;
    e.symlink = f[0] == "120000";
    e.object = f[2];
    e.size = std::strtoull(f[3].c_str(), nullptr, 10);
    s.files_.emplace(std::move(path), std::move(e));
  }
  return s;
}

base::Result<std::string> GitSource::resolve(const std::string& path) {
  auto rp = git_->repo_path(path, cwd_);
  if (!rp.ok()) return rp.error();
  std::string cur = *rp;
  for (int hops = 0; hops < 40; ++hops) {
    // Find the first segment of `cur` that is a symbolic link, if any.
    std::string prefix;
    bool followed = false;
    for (size_t i = 0; i <= cur.size(); ++i) {
      if (i != cur.size() && cur[i] != '/') continue;
      prefix = cur.substr(0, i);
      auto it = files_.find(prefix);
      if (it == files_.end() || !it->second.symlink) continue;
      auto target = git_->run({"cat-file", "blob", it->second.object}, 4096);
      if (!target.ok()) return target.error();
      if (target->empty() || (*target)[0] == '/') {
        return base::Error{path + ": symbolic link leaves the repository in commit " +
                           short_id(commit_)};
      }
      std::string dir = base::dir_name(prefix);
      std::string joined = (dir == "." ? "" : dir + "/") + *target + cur.substr(i);
      cur = normalize_path(joined);
      if (cur == ".." || cur.rfind("../", 0) == 0) {
        return base::Error{path + ": symbolic link leaves the repository in commit " +
                           short_id(commit_)};
      }
      followed = true;
      break;
    }
    if (!followed) {
      if (!files_.count(cur)) {
        return base::Error{path + ": no such file in commit " + short_id(commit_)};
      }
      return cur;
    }
  }
  return base::Error{path + ": too many levels of symbolic links in commit " + short_id(commit_)};
}

base::Result<std::string> GitSource::read(const std::string& path,
                                          uint64_t max_bytes,
                                          const std::string& /*within*/) {
  auto rp = resolve(path);
  if (!rp.ok()) return rp.error();
  const Entry& e = files_.at(*rp);
  if (e.size > max_bytes) {
    return base::Error{path + ": file is " + std::to_string(e.size) + " bytes, over the limit of " +
                       std::to_string(max_bytes) + " (raise it with --max-file-size)"};
  }
  auto r = git_->run({"cat-file", "blob", e.object}, max_bytes);
  if (!r.ok()) return base::Error{path + ": " + r.error().message};
  return std::move(*r);
}

base::Result<std::vector<std::string>> GitSource::glob(const std::string& dir,
                                                       const std::string& pattern) {
  std::vector<std::string> out;
  if (!base::has_glob(pattern)) {
    std::string p = base::join_path(dir, pattern);
    if (resolve(p).ok()) out.push_back(p);
    return out;
  }
  auto base_dir = git_->repo_path(dir, cwd_);
  if (!base_dir.ok()) return base_dir.error();
  std::string full = normalize_path(base_dir->empty() ? pattern : *base_dir + "/" + pattern);
  for (auto& [path, entry] : files_) {
    if (!base::glob_match(full, path)) continue;
    if (entry.symlink && !resolve(git_->top() + "/" + path).ok()) continue;
    if (base_dir->empty()) {
      out.push_back(base::join_path(dir, path));
    } else if (base::path_within(path, *base_dir)) {
      out.push_back(base::join_path(dir, path.substr(base_dir->size() + 1)));
    } else {
      out.push_back(git_->top() + "/" + path);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

base::Result<std::string> GitSource::canonical(const std::string& path) {
  auto rp = resolve(path);
  if (!rp.ok()) return rp.error();
  return git_->top() == "/" ? "/" + *rp : git_->top() + "/" + *rp;
}

}  // namespace tw::diff
