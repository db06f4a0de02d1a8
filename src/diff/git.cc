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

base::Result<ProcessResult> run_process(const std::vector<std::string>& argv, uint64_t max_out) {
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
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
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

base::Result<Git> Git::open(const std::string& dir) {
  auto r = run_process({"git", "-C", dir, "rev-parse", "--show-toplevel"});
  if (!r.ok()) return r.error();
  if (r->exit_code != 0) {
    std::string msg = first_line(r->err);
    return base::Error{dir + ": not in a git work tree" + (msg.empty() ? "" : " (" + msg + ")")};
  }
  std::string top = first_line(r->out);
  if (top.empty()) return base::Error{dir + ": git gave no top-level folder"};
  return Git(top);
}

base::Result<std::string> Git::run(const std::vector<std::string>& args, uint64_t max_out) const {
  std::vector<std::string> argv = {
      "git", "-C", top_, "--no-optional-locks", "-c", "core.quotepath=off"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_process(argv, max_out);
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
  auto r = run({"show", "-s", "--format=%cI", commit});
  if (!r.ok()) return r.error();
  std::string line = first_line(*r);
  auto d = base::parse_date(line.substr(0, 10));
  if (!d) return base::Error{"cannot read the date of commit " + short_id(commit)};
  return *d;
}

base::Result<std::vector<std::string>> Git::changed_files(const std::string& commit) const {
  auto tracked = run({"diff", "--name-only", "-z", "--no-renames", commit, "--"});
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
  auto staged = run({"diff", "--cached", "--name-only", "-z", "--no-renames", commit, "--"});
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
