// threatwright mcp MODEL: serves the threat model to AI coding agents over the Model Context
// Protocol (newline-delimited JSON-RPC 2.0 on stdin/stdout; logs on stderr). Read-only; the
// model is reloaded when its files change. docs/agents.md tells how to register it.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <memory>
#include <ostream>

#include "base/file.h"
#include "cli/common.h"
#include "mcp/server.h"
#include "mcp/tools.h"
#include "mcp/workspace.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

struct McpArgs {
  ModelArgs model;
  std::vector<std::string> rule_dirs;
  std::string evidence;
  size_t max_message = mcp::kDefaultMaxMessageBytes;
  size_t max_batch = mcp::kDefaultMaxBatch;
  size_t max_reply = mcp::kDefaultMaxReplyBytes;
};

int run_mcp(McpArgs& a, Io& io) {
  // A model that does not exist is a usage error; one with errors is served, and the tools
  // report the errors until the files are fixed (the server reloads them).
  if (!base::canonical_path(a.model.path).ok()) {
    io.err << "threatwright: error: cannot open the model '" << a.model.path << "'\n";
    return kExitInvalid;
  }
  // A client that goes away must end the loop with a write error, not kill us mid-write.
  std::signal(SIGPIPE, SIG_IGN);
  mcp::WorkspaceOptions wo;
  wo.load = a.model.load;
  wo.rule_dirs = a.rule_dirs;
  wo.evidence = a.evidence;
  mcp::Workspace ws(a.model.path, wo);
  if (ws.ok()) {
    io.err << "threatwright mcp: serving " << a.model.path << " (" << ws.analysis()->threats.size()
           << " threats) over stdio\n";
  } else {
    io.err << "threatwright mcp: serving " << a.model.path
           << ", which has errors (tools report them until it is fixed):\n"
           << base::render_text(ws.load_diagnostics(), io.err_color);
  }
  mcp::ThreatTools tools(ws, TW_VERSION);
  mcp::ServerOptions so;
  so.version = TW_VERSION;
  so.max_message_bytes = a.max_message;
  so.max_batch = a.max_batch;
  so.max_reply_bytes = a.max_reply;
  mcp::Server server(tools, so);
  mcp::LineReader reader(
      [](char* buf, size_t n) -> long {
        for (;;) {
          ssize_t k = ::read(STDIN_FILENO, buf, n);
          if (k < 0 && errno == EINTR) continue;
          return static_cast<long>(k);
        }
      },
      a.max_message);
  if (!server.serve(reader, io.out, io.err)) {
    io.err << "threatwright mcp: the client closed the connection\n";
  }
  return kExitOk;
}

}  // namespace

Command register_mcp(CLI::App& root) {
  auto args = std::make_shared<McpArgs>();
  CLI::App* app = root.add_subcommand(
      "mcp", "Serve the threat model to AI coding agents (Model Context Protocol over stdio)");
  add_model_options(*app, args->model);
  app->add_option("--rules", args->rule_dirs, "Folder of custom rule packs (repeatable)");
  app->add_option("--evidence", args->evidence,
                  "Verification evidence file (default: beside the model)");
  app->add_option("--max-message-size", args->max_message,
                  "Largest JSON-RPC message accepted, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  app->add_option("--max-batch", args->max_batch,
                  "Most messages in one JSON-RPC batch (a longer batch is refused)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  app->add_option("--max-reply-size", args->max_reply,
                  "Largest reply to one message, in bytes (a batch's replies together)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{4096}, size_t{1} << 31));
  return Command{"mcp", app, [args](Io& io) { return run_mcp(*args, io); }};
}

}  // namespace tw::cli
