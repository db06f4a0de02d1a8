// threatwright serve MODEL: the workbench, a local web application over one model file
// (docs/serve.md). This file only wires the command line to src/serve/: it parses the
// options, starts the server, prints the address (with the per-run token) and waits for
// Ctrl-C.

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>

#include "base/file.h"
#include "cli/common.h"
#include "serve/server.h"
#include "serve/workbench.h"

extern char** environ;

namespace tw::cli {

namespace {

struct ServeArgs {
  ModelArgs model;
  std::string host;
  int port = 0;
  bool no_open = false;
  AnalysisArgs analysis;
  std::string repo;
};

/// Opens the page in the desktop's browser without putting the token on a command line
/// (which other local users can read): a private redirect file is opened instead.
void open_browser(const std::string& url, Io& io, pid_t& opener) {
  if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) return;
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  std::string dir_t = std::string(runtime && *runtime ? runtime : "/tmp") + "/threatwright-XXXXXX";
  std::vector<char> dir(dir_t.begin(), dir_t.end());
  dir.push_back('\0');
  if (!::mkdtemp(dir.data())) return;  // mode 0700
  std::string file = std::string(dir.data()) + "/open.html";
  std::string html =
      "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" "
      "content=\"0;url=" +
      url + "\"><title>threatwright</title>\n";
  if (!base::write_file(file, html, base::WriteMode::Owned).ok()) return;
  ::chmod(file.c_str(), 0600);
  // Not waited for here: xdg-open may return only when the browser it started exits, and
  // Ctrl-C must still stop serve (the child is reaped when serve stops).
  const char* argv[] = {"xdg-open", file.c_str(), nullptr};
  if (::posix_spawnp(&opener, "xdg-open", nullptr, nullptr, const_cast<char**>(argv), environ) !=
      0) {
    opener = 0;
    io.err << "threatwright: note: could not start xdg-open; open the address above\n";
  }
}

int run_serve(ServeArgs& a, Io& io) {
  if (!base::canonical_path(a.model.path).ok()) {
    io.err << "threatwright: error: cannot open the model '" << a.model.path << "'\n";
    return kExitInvalid;
  }
  serve::ServerOptions so;
  if (!a.host.empty()) {
    so.host = a.host;
    if (!serve::is_loopback(a.host)) {
      io.err << "threatwright: warning: listening on " << a.host
             << ", not on loopback: anyone who can reach it and learns the token can read and "
                "edit the model\n";
    }
  }
  so.port = a.port;
  serve::WorkbenchOptions wo;
  wo.model_path = a.model.path;
  wo.limits = a.model.load.limits;
  wo.evidence_path = a.analysis.evidence;
  wo.no_evidence = a.analysis.no_evidence;
  wo.rule_dirs = a.analysis.rule_dirs;
  wo.repo = a.repo;
  std::error_code ec;
  wo.cwd = std::filesystem::current_path(ec).string();
  serve::Workbench wb(wo);
  if (!wb.current()->ok) {
    io.err << wb.current()->errors;
    io.err << "threatwright: note: serving anyway; the page shows these errors until the model "
              "loads\n";
  }
  // Ctrl-C and SIGTERM are waited for below: blocked in every thread the server starts.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  auto server = serve::Server::start(wb, so);
  if (!server) {
    io.err << "threatwright: error: " << server.error().message << "\n";
    return kExitInternal;
  }
  io.out << "threatwright serve: " << a.model.path << " at\n  " << server.value()->url()
         << "\n(the address carries a token: share it only with who may edit the model; Ctrl-C "
            "stops)\n"
         << std::flush;
  pid_t opener = 0;
  if (!a.no_open) open_browser(server.value()->url(), io, opener);
  int sig = 0;
  sigwait(&stop, &sig);
  server.value().reset();
  if (opener > 0) {
    int status;
    ::waitpid(opener, &status, WNOHANG);
  }
  return kExitOk;
}

}  // namespace

Command register_serve(CLI::App& root) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* app = root.add_subcommand(
      "serve", "Workbench in the browser: explore the diagram and threats, triage into the model");
  add_model_options(*app, args->model);
  app->add_option("--port", args->port, "Port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app->add_option("--host", args->host,
                  "Address to listen on (default 127.0.0.1; another than loopback is warned "
                  "about)");
  app->add_flag("--no-open", args->no_open, "Do not open the page in the desktop's browser");
  add_analysis_options(*app, args->analysis);
  app->add_option("--repo", args->repo,
                  "The git repository of the diff view (default: the current folder's)");
  return Command{"serve", app, [args](Io& io) { return run_serve(*args, io); }};
}

}  // namespace tw::cli
