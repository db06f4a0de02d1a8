// threatwright lsp: a Language Server Protocol server for editors over stdio (Content-Length
// framed JSON-RPC 2.0 on stdin/stdout; logs on stderr). Diagnostics as `check` reports them,
// hover, completion, definition, references and "did you mean" fixes. docs/lsp.md tells how to
// set up VS Code, Neovim and Helix.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <memory>
#include <ostream>

#include "base/file.h"
#include "cli/common.h"
#include "lsp/server.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

struct LspArgs {
  std::string root;
  std::vector<std::string> models;
  load::Limits limits;
  size_t max_message = lsp::kDefaultMaxMessageBytes;
};

int run_lsp(LspArgs& a, Io& io) {
  if (!a.root.empty() && !base::canonical_path(a.root).ok()) {
    io.err << "threatwright: error: cannot open the workspace root '" << a.root << "'\n";
    return kExitInvalid;
  }
  for (auto& m : a.models) {
    auto canon = base::canonical_path(m);
    if (!canon.ok()) {
      io.err << "threatwright: error: cannot open the model '" << m << "'\n";
      return kExitInvalid;
    }
    m = *canon;  // documents are keyed by absolute path
  }
  // A client that goes away must end the loop with a write error, not kill us mid-write.
  std::signal(SIGPIPE, SIG_IGN);
  lsp::ServerOptions so;
  so.version = TW_VERSION;
  so.root = a.root;
  so.models = a.models;
  so.max_message_bytes = a.max_message;
  so.load.limits = a.limits;
  lsp::Server server(
      so, [](const lsp::Json&) {}, &io.err);
  lsp::MessageReader reader(
      [](char* buf, size_t n) -> long {
        for (;;) {
          ssize_t k = ::read(STDIN_FILENO, buf, n);
          if (k < 0 && errno == EINTR) continue;
          return static_cast<long>(k);
        }
      },
      a.max_message);
  int code = server.serve(reader, io.out);
  if (!server.exited()) io.err << "threatwright lsp: the input ended without 'exit'\n";
  // LSP: exit after shutdown is 0, exit without it (or input that ended) is 1.
  return code == 0 ? kExitOk : kExitGate;
}

}  // namespace

Command register_lsp(CLI::App& root) {
  auto args = std::make_shared<LspArgs>();
  CLI::App* app = root.add_subcommand(
      "lsp", "Language server for editors: diagnostics, hover, completion, navigation (stdio)");
  app->add_option("--root", args->root,
                  "Workspace root: no file outside it is read (default: the client's workspace "
                  "folder, else the current folder)");
  app->add_option("--model", args->models,
                  "Model to check at start-up, so its included files belong to it (repeatable)");
  add_limit_options(*app, args->limits);
  app->add_option("--max-message-size", args->max_message, "Largest LSP message accepted, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  return Command{"lsp", app, [args](Io& io) { return run_lsp(*args, io); }};
}

}  // namespace tw::cli
