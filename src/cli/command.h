#pragma once
// The command interface: each subcommand lives in cmd_<name>.cc, registers its options on a
// CLI11 sub-app and returns an exit code. Only cli/ (and mcp/) print or choose exit codes;
// main.cc is the one top-level handler that turns exceptions into exit code 3.

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace tw::cli {

/// Documented exit codes (README, docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,        ///< success; the model is valid / the gate passed
  kExitGate = 1,      ///< a gate failed: findings at or above a threshold, quality errors
  kExitInvalid = 2,   ///< invalid model, bad usage, refused (e.g. verify without --allow-exec)
  kExitInternal = 3,  ///< a bug or an I/O failure
};

/// Streams and terminal facts for a command run.
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool out_color = false;  ///< stdout is a terminal and NO_COLOR is unset
  bool err_color = false;
};

struct Command {
  std::string name;
  CLI::App* app = nullptr;
  std::function<int(Io&)> run;
};

/// Each cmd_<name>.cc defines one of these; main.cc lists them all.
using Registrar = Command (*)(CLI::App& root);

Command register_check(CLI::App& root);
Command register_analyze(CLI::App& root);
Command register_rules(CLI::App& root);
Command register_diff(CLI::App& root);
Command register_verify(CLI::App& root);

Command register_report(CLI::App& root);
Command register_diagram(CLI::App& root);
Command register_import(CLI::App& root);
Command register_export(CLI::App& root);
Command register_schema(CLI::App& root);

// Infrastructure: drift against the model, and a draft model from it (cmd_drift.cc).
Command register_drift(CLI::App& root);
Command register_discover(CLI::App& root);

// The MCP server and its CLI mirror for AI coding agents (cmd_mcp.cc, cmd_agent.cc).
Command register_mcp(CLI::App& root);
Command register_lsp(CLI::App& root);
Command register_serve(CLI::App& root);
Command register_assess_change(CLI::App& root);
Command register_assess_infrastructure_change(CLI::App& root);
Command register_list_threats(CLI::App& root);
Command register_get_threat_model(CLI::App& root);
Command register_check_controls(CLI::App& root);
Command register_explain_rule(CLI::App& root);
Command register_get_guidance(CLI::App& root);

}  // namespace tw::cli
