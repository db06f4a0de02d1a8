// threatwright verify MODEL --allow-exec: run each implemented control's verification command,
// compare with its expectation, append the results to the evidence file (docs/verify.md).
//
// This is the only place threatwright runs a program. Model files arrive in pull requests, so
// running their commands is opt-in: without --allow-exec nothing is run (exit 2). With it, each
// command runs through /bin/sh -c in the model's folder, in its own process group, with a
// minimal environment, a timeout and bounded captured output.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "base/date.h"
#include "base/file.h"
#include "base/text.h"
#include "cli/common.h"
#include "engine/evidence.h"
#include "engine/pattern.h"

namespace tw::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr size_t kKeepBytes = 1 << 20;  ///< output kept per stream for matching
constexpr size_t kTailBytes = 4096;     ///< output stored in the evidence file per stream
constexpr int kDefaultTimeout = 300;
constexpr int kTermGraceMs = 2000;   ///< SIGTERM, then SIGKILL after this
constexpr int kDrainGraceMs = 1000;  ///< output still read after the shell exits

// Ctrl-C, SIGTERM and SIGHUP stop verify at any point with exit 130. While a command runs
// (its process group must be killed first) or the evidence file is written (it must not be
// left half done), the handler only sets g_interrupted and the main loop stops at the next
// safe point; everywhere else (loading, judging, printing) nothing needs undoing, so the
// handler ends the process at once.
volatile sig_atomic_t g_interrupted = 0;
volatile sig_atomic_t g_deferred = 0;
void on_signal(int) {
  g_interrupted = 1;
  if (g_deferred) return;
  const char msg[] = "threatwright: interrupted\n";
  (void)!::write(2, msg, sizeof msg - 1);
  ::_exit(130);
}

/// Marks a stretch where an interruption waits for the main loop (see on_signal).
class Deferred {
 public:
  Deferred() { g_deferred = 1; }
  ~Deferred() { g_deferred = 0; }
  Deferred(const Deferred&) = delete;
  Deferred& operator=(const Deferred&) = delete;
};

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &sa, nullptr);
}

struct VerifyArgs {
  ModelArgs model;
  bool allow_exec = false;
  std::string evidence;
  std::vector<std::string> controls;
  std::vector<std::string> pass_env;
  int timeout = kDefaultTimeout;
};

struct RunResult {
  std::optional<int> exit_code;
  int signal = 0;
  bool timed_out = false;
  bool interrupted = false;
  bool spawn_failed = false;
  long long duration_ms = 0;
  std::string out, err;  ///< the last kKeepBytes of each stream
};

// Keeps the last `max` bytes of a stream.
void keep_tail(std::string& buf, const char* data, size_t n, size_t max) {
  buf.append(data, n);
  if (buf.size() > 2 * max) buf.erase(0, buf.size() - max);
}

std::string tail(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t start = s.size() - max;
  // Do not start in the middle of a UTF-8 sequence.
  while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
  return s.substr(start);
}

/// The environment a verification sees: PATH, HOME, LANG=C, LC_ALL=C and what --pass-env names.
std::vector<std::string> minimal_env(const std::vector<std::string>& pass) {
  std::vector<std::string> env;
  const char* path = std::getenv("PATH");
  env.push_back(std::string("PATH=") + (path && *path ? path : "/usr/local/bin:/usr/bin:/bin"));
  if (const char* home = std::getenv("HOME")) env.push_back(std::string("HOME=") + home);
  env.push_back("LANG=C");
  env.push_back("LC_ALL=C");
  std::set<std::string> seen = {"PATH", "HOME", "LANG", "LC_ALL"};
  for (const std::string& name : pass) {
    if (!seen.insert(name).second) continue;
    if (const char* v = std::getenv(name.c_str())) env.push_back(name + "=" + v);
  }
  return env;
}

/// Runs `command` through /bin/sh -c in `dir`; never throws.
RunResult run_command(const std::string& command,
                      const std::string& dir,
                      const std::vector<std::string>& env,
                      int timeout_s) {
  RunResult r;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    r.spawn_failed = true;
    return r;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    r.spawn_failed = true;
    return r;
  }
  int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  // Everything the child needs is prepared before fork: it only makes system calls.
  std::vector<char*> argv = {const_cast<char*>("sh"), const_cast<char*>("-c"),
                             const_cast<char*>(command.c_str()), nullptr};
  std::vector<char*> envp;
  for (const std::string& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  long max_fd = std::min(::sysconf(_SC_OPEN_MAX), 65536L);
  auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    for (long fd = 3; fd < max_fd; ++fd) ::close(static_cast<int>(fd));
    if (::chdir(dir.c_str()) != 0) {
      const char msg[] = "threatwright verify: cannot enter the model's folder\n";
      (void)!::write(2, msg, sizeof msg - 1);
      ::_exit(126);
    }
    ::execve("/bin/sh", argv.data(), envp.data());
    ::_exit(127);
  }
  if (devnull >= 0) ::close(devnull);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (pid < 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    r.spawn_failed = true;
    return r;
  }
  ::setpgid(pid, pid);  // also here: no window where a signal to the group misses the child

  auto deadline = start + std::chrono::seconds(timeout_s);
  std::optional<Clock::time_point> exited_at, term_sent_at;
  int status = 0;
  bool reaped = false;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* bufs[2] = {&r.out, &r.err};
  char chunk[65536];
  while (true) {
    if (!reaped) {
      pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) {
        reaped = true;
        exited_at = Clock::now();
      }
    }
    bool open_fds = fds[0].fd >= 0 || fds[1].fd >= 0;
    auto now = Clock::now();
    if (reaped && (!open_fds || now - *exited_at > std::chrono::milliseconds(kDrainGraceMs))) {
      break;  // the shell is gone; leftovers of its group are killed below
    }
    if (!reaped && !term_sent_at && (now >= deadline || g_interrupted)) {
      r.timed_out = !g_interrupted;
      r.interrupted = g_interrupted;
      ::kill(-pid, SIGTERM);
      term_sent_at = now;
    }
    if (term_sent_at && !reaped && now - *term_sent_at > std::chrono::milliseconds(kTermGraceMs)) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      reaped = true;
      exited_at = Clock::now();
      break;
    }
    if (!open_fds) {
      ::usleep(20000);
      continue;
    }
    int ready = ::poll(fds, 2, 50);
    if (ready <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
      if (n > 0) {
        keep_tail(*bufs[i], chunk, static_cast<size_t>(n), kKeepBytes);
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
  }
  ::kill(-pid, SIGKILL);  // background processes the command left behind
  for (pollfd& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  for (std::string* b : bufs) {
    if (b->size() > kKeepBytes) b->erase(0, b->size() - kKeepBytes);
  }
  r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*exited_at - start).count();
  if (WIFEXITED(status) && !r.timed_out && !r.interrupted) {
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  return r;
}

/// UTC now as "YYYY-MM-DDTHH:MM:SSZ", with the date from base::today() so that
/// THREATWRIGHT_TODAY makes runs reproducible.
std::string timestamp() {
  time_t t = ::time(nullptr);
  struct tm tm;
  ::gmtime_r(&t, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", tm.tm_hour, tm.tm_min, tm.tm_sec);
  return base::today().str() + buf;
}

bool is_hex_id(const std::string& s) {
  if (s.size() != 40 && s.size() != 64) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

/// HEAD of the git repository holding `dir`, read from the files (git is not run); empty when
/// there is none.
std::string git_commit(const std::string& dir) {
  constexpr uint64_t kMax = 1 << 20;
  std::error_code ec;
  fs::path p = fs::canonical(dir, ec);
  if (ec) return {};
  for (; !p.empty(); p = p.parent_path()) {
    fs::path dot = p / ".git";
    fs::path gitdir;
    if (fs::is_directory(dot, ec)) {
      gitdir = dot;
    } else if (fs::is_regular_file(dot, ec)) {  // worktree or submodule: "gitdir: PATH"
      auto text = base::read_file(dot.string(), kMax);
      if (!text || text->rfind("gitdir: ", 0) != 0) return {};
      gitdir = trim(text->substr(8));
      if (gitdir.is_relative()) gitdir = p / gitdir;
    }
    if (gitdir.empty()) {
      if (p == p.root_path()) break;
      continue;
    }
    auto head = base::read_file((gitdir / "HEAD").string(), kMax);
    if (!head) return {};
    std::string h = trim(*head);
    if (h.rfind("ref: ", 0) != 0) return is_hex_id(h) ? h : std::string();
    std::string ref = trim(h.substr(5));
    if (ref.find("..") != std::string::npos) return {};
    fs::path common = gitdir;
    if (auto c = base::read_file((gitdir / "commondir").string(), kMax)) {
      common = trim(*c);
      if (common.is_relative()) common = gitdir / common;
    }
    for (const fs::path& base : {gitdir, common}) {
      if (auto v = base::read_file((base / ref).string(), kMax)) {
        std::string id = trim(*v);
        if (is_hex_id(id)) return id;
      }
    }
    if (auto packed = base::read_file((common / "packed-refs").string(), 64ull << 20)) {
      size_t pos = 0;
      while (pos < packed->size()) {
        size_t end = packed->find('\n', pos);
        if (end == std::string::npos) end = packed->size();
        std::string line = packed->substr(pos, end - pos);
        pos = end + 1;
        size_t sp = line.find(' ');
        if (sp != std::string::npos && trim(line.substr(sp + 1)) == ref &&
            is_hex_id(line.substr(0, sp))) {
          return line.substr(0, sp);
        }
      }
    }
    return {};  // unborn branch
  }
  return {};
}

std::string seconds(long long ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

// The last `lines` lines of a captured stream, sanitised for the terminal.
std::string last_lines(const std::string& s, size_t lines) {
  std::vector<std::string> out;
  size_t end = s.size();
  while (end > 0 && s[end - 1] == '\n') --end;
  while (end > 0 && out.size() < lines) {
    size_t start = s.rfind('\n', end - 1);
    start = start == std::string::npos ? 0 : start + 1;
    std::string line = s.substr(start, std::min<size_t>(end - start, 300));
    out.insert(out.begin(), base::printable(line));
    end = start > 0 ? start - 1 : 0;
  }
  std::string text;
  for (const std::string& l : out) text += "      | " + l + "\n";
  return text;
}

struct Planned {
  const model::Control* control;
  std::string command;
  int timeout;
};

int run_verify(VerifyArgs& a, Io& io) {
  install_signal_handlers();
  int rc = kExitOk;
  std::unique_ptr<model::Model> m = load_or_report(a.model, io, rc);
  if (!m) return rc;
  base::Diagnostics patterns(a.model.load.limits.max_diagnostics);
  engine::check_patterns(*m, patterns);
  if (patterns.has_errors()) {  // before anything runs: the model is wrong, not the command
    print_diagnostics(patterns, a.model.format, io);
    return kExitInvalid;
  }

  std::set<std::string> wanted(a.controls.begin(), a.controls.end());
  for (const std::string& id : wanted) {
    const model::Control* c = m->control(id);
    if (!c) {
      io.err << "threatwright: error: no control " << base::squote(id) << " in " << a.model.path
             << "\n";
      return kExitInvalid;
    }
  }
  std::vector<Planned> plan;
  size_t manual = 0, skipped = 0;
  for (const model::Control& c : m->controls) {
    if (!wanted.empty() && !wanted.count(c.id)) continue;
    if (!c.verification) continue;
    if (!c.verification->automated()) {
      ++manual;
      continue;
    }
    if (c.status != model::ControlStatus::Implemented) {
      ++skipped;
      continue;
    }
    plan.push_back(
        {&c, c.verification->command, c.verification->timeout_seconds.value_or(a.timeout)});
  }

  if (!a.allow_exec) {
    io.err << "threatwright: error: verify runs the commands that the model names, and does so "
              "only with --allow-exec\n";
    if (!plan.empty()) io.err << "  it would run, in " << base::printable(m->root_dir) << ":\n";
    for (const Planned& p : plan) {
      io.err << "    " << p.control->id << ": " << base::printable(p.command) << "\n";
    }
    io.err << "hint: model files can arrive in pull requests: read these commands, then pass "
              "--allow-exec\n";
    return kExitInvalid;
  }

  std::string evidence_path =
      a.evidence.empty() ? engine::default_evidence_path(a.model.path) : a.evidence;
  // Read the history first: a file that cannot be read is never overwritten.
  base::Result<engine::EvidenceFile> history = engine::read_evidence(evidence_path);
  if (!history) {
    io.err << "threatwright: error: cannot read the evidence file: "
           << base::printable(history.error().message)
           << "\nhint: repair or move it; verify appends to it and will not overwrite a history "
              "it cannot read\n";
    return kExitInvalid;
  }
  if (plan.empty()) {
    io.out << a.model.path << ": no implemented control has a verification command";
    if (manual || skipped) {
      io.out << " (" << manual << " manual, " << skipped << " not implemented)";
    }
    io.out << "\n";
    return kExitOk;
  }

  std::vector<std::string> env = minimal_env(a.pass_env);
  std::string commit = git_commit(m->root_dir);
  io.out << "verify: " << plan.size() << (plan.size() == 1 ? " control" : " controls") << " of "
         << a.model.path << ", in " << base::printable(m->root_dir) << "\n";
  io.out.flush();
  size_t passed = 0, failed = 0;
  for (const Planned& p : plan) {
    if (g_interrupted) {
      io.err << "threatwright: interrupted\n";
      return 130;
    }
    engine::EvidenceRecord rec;
    rec.control = p.control->id;
    rec.command = p.command;
    rec.started_at = timestamp();
    rec.git_commit = commit;
    RunResult run;
    {
      Deferred wait;  // the command's group is killed before verify stops
      run = run_command(p.command, m->root_dir, env, p.timeout);
      if (run.interrupted || g_interrupted) {
        io.err << "threatwright: interrupted; " << p.control->id
               << " was stopped and not recorded\n";
        return 130;
      }
    }
    rec.duration_ms = run.duration_ms;
    rec.exit_code = run.exit_code;
    rec.timed_out = run.timed_out;
    rec.output_tail = tail(run.out, kTailBytes);
    rec.stderr_tail = tail(run.err, kTailBytes);
    engine::judge(p.control->verification->expect, run.out, rec);
    if (run.timed_out) {  // the configured timeout, not the time the kill took
      rec.reason = "timed out after " + std::to_string(p.timeout) + " s";
    }
    if (run.spawn_failed) {
      rec.passed = false;
      rec.reason = "could not start /bin/sh";
    } else if (run.signal && !run.timed_out) {
      rec.reason = "killed by signal " + std::to_string(run.signal);
    }
    if (rec.passed) {
      ++passed;
      io.out << "pass  " << p.control->id << " (" << seconds(rec.duration_ms) << ")\n";
    } else {
      ++failed;
      io.out << "FAIL  " << p.control->id << " (" << seconds(rec.duration_ms)
             << "): " << base::printable(rec.reason) << "\n";
      io.out << last_lines(run.out, 10) << last_lines(run.err, 10);
    }
    io.out.flush();
    // Appended after every run, so that an interrupted verify keeps what it found.
    history->records.push_back(std::move(rec));
    {
      Deferred wait;  // the evidence file is written whole or not at all
      base::Result<bool> w = base::write_file(evidence_path, engine::serialize_evidence(*history),
                                              base::WriteMode::Owned);
      if (!w) {
        io.err << "threatwright: error: " << base::printable(w.error().message) << "\n";
        return kExitInternal;
      }
    }
    if (g_interrupted) {
      io.err << "threatwright: interrupted after recording " << p.control->id << "\n";
      return 130;
    }
  }
  io.out << "evidence appended to " << evidence_path << "\n";
  io.out << passed << " passed, " << failed << " failed\n";
  return failed ? kExitGate : kExitOk;
}

}  // namespace

Command register_verify(CLI::App& root) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* app = root.add_subcommand(
      "verify", "Run the controls' verification commands (only with --allow-exec)");
  add_model_options(*app, args->model);
  app->add_flag("--allow-exec", args->allow_exec,
                "Run the commands the model names (through /bin/sh, in the model's folder)");
  app->add_option("--evidence", args->evidence,
                  "Evidence file to append to (default: beside the model, MODEL.evidence.json)");
  app->add_option("--control", args->controls, "Verify only this control (repeatable)");
  app->add_option("--pass-env", args->pass_env,
                  "Also pass this environment variable to the commands (repeatable)");
  app->add_option("--timeout", args->timeout,
                  "Seconds before a command is killed, unless its timeout_seconds says otherwise")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  return Command{"verify", app, [args](Io& io) { return run_verify(*args, io); }};
}

}  // namespace tw::cli
