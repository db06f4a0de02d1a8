// The threatwright binary: the one top-level handler. Parses the command line, runs one
// command, maps errors to the documented exit codes (see command.h).

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/cli_spec.h"
#include "cli/command.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

/// A command's name and the function that adds it to the command line.
struct Entry {
  const char* name;
  Registrar add;
};

// Every command, in the order `help` lists them.
constexpr Entry kCommands[] = {
    {"check", register_check},
    {"analyze", register_analyze},
    {"rules", register_rules},
    {"diff", register_diff},
    {"verify", register_verify},
    {"report", register_report},
    {"diagram", register_diagram},
    {"import", register_import},
    {"export", register_export},
    {"schema", register_schema},
    {"drift", register_drift},
    {"discover", register_discover},
    {"mcp", register_mcp},
    {"lsp", register_lsp},
    {"serve", register_serve},
    {"assess-change", register_assess_change},
    {"assess-infrastructure-change", register_assess_infrastructure_change},
    {"list-threats", register_list_threats},
    {"get-threat-model", register_get_threat_model},
    {"check-controls", register_check_controls},
    {"explain-rule", register_explain_rule},
    {"get-guidance", register_get_guidance},
};

/// The commands to build for this command line. Building all of them (about 170 options)
/// costs 0.3 ms of a small `check`'s 2 ms (bench/startup.sh), so a run builds the command it
/// names: `threatwright CMD ...` builds CMD, `--version` none, anything else (help, a typo)
/// all of them.
std::vector<const Entry*> commands_for(int argc, char** argv) {
  std::vector<const Entry*> out;
  std::string_view first = argc > 1 ? argv[1] : "";
  if (first == "--version" && argc == 2) return out;
  for (const Entry& e : kCommands) {
    if (first == e.name) return {&e};
  }
  for (const Entry& e : kCommands) out.push_back(&e);
  return out;
}

// Shown under `threatwright help`; the man page takes its EXIT STATUS and ENVIRONMENT sections
// from here (scripts/gen-cli-docs.py reads "HEADING:" paragraphs of "  NAME  text" lines).
constexpr const char* kFooter =
    "Exit status:\n"
    "  0  success: the model is valid, the gate passed, all verifications passed\n"
    "  1  a gate failed: open threats at or above --fail-on, quality errors from check, "
    "warnings under check --strict, a failed verification\n"
    "  2  invalid model, bad usage, or a refused action (verify without --allow-exec)\n"
    "  3  internal error (a bug, an I/O failure writing output, out of memory)\n"
    "\n"
    "Environment:\n"
    "  NO_COLOR  no colour even on a terminal\n"
    "  THREATWRIGHT_TODAY  the date (YYYY-MM-DD) used for expiry, staleness and review checks\n"
    "  THREATWRIGHT_THREADS  at most N threads for large models (1: no threads)\n";

bool color_for(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(fd) && !(no_color && *no_color);
}

int run(int argc, char** argv) {
  // Never destroyed: tearing down every option at exit costs more than the process exit.
  static CLI::App& app = *new CLI::App("threatwright: threat modeling as code", "threatwright");
  app.set_version_flag("--version", std::string("threatwright ") + TW_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  std::vector<Command> commands;
  for (const Entry* e : commands_for(argc, argv)) {
    commands.push_back(e->add(app));
    if (commands.back().app->get_name() != e->name) {  // kCommands and cmd_*.cc disagree
      std::cerr << "threatwright: internal error: command '" << e->name << "' registers as '"
                << commands.back().app->get_name() << "'\n";
      return kExitInternal;
    }
  }
  std::string help_topic, help_format = "text";
  bool help_all = false;
  CLI::App* help = app.add_subcommand("help", "Show help for threatwright or one command");
  app.footer(kFooter);  // after the commands: a subcommand inherits the footer set before it
  help->add_option("COMMAND", help_topic, "The command to explain");
  help->add_flag("--all", help_all, "Every command's help, one after the other");
  help->add_option("--format", help_format,
                   "With --all: text, or json (the whole command line as data, from which the "
                   "man page and the shell completions are generated)")
      ->check(CLI::IsMember({"text", "json"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitInvalid;
  }
  Io io{std::cout, std::cerr, color_for(1), color_for(2)};
  if (help->parsed()) {
    if (help_all) {
      std::cout << (help_format == "json" ? cli_spec_json(app, TW_VERSION) : all_help_text(app));
      return kExitOk;
    }
    if (help_topic.empty()) {
      // app.help() would describe the selected `help` subcommand; format the root instead.
      std::cout << app.get_formatter()->make_help(&app, "threatwright", CLI::AppFormatMode::Normal);
      return kExitOk;
    }
    for (const Command& c : commands) {
      if (c.name == help_topic) {
        std::cout << c.app->help();
        return kExitOk;
      }
    }
    std::cerr << "threatwright: error: no command named '" << help_topic
              << "'; run 'threatwright help' for the list\n";
    return kExitInvalid;
  }
  for (const Command& c : commands) {
    if (c.app->parsed()) return c.run(io);
  }
  std::cerr << "threatwright: error: no command given; run 'threatwright help'\n";
  return kExitInvalid;
}

// A crash (a bug) ends with the documented exit 3 and a short message instead of a signal
// death (exit 139): only async-signal-safe calls, on an alternate stack so that a stack
// overflow can still report. -o files are written atomically (base/file.h), so a crash leaves
// the old file or none, never a part. Sanitizer builds keep their own handlers and reports.
extern "C" void on_crash(int sig) {
  static const char kMsg[] = "threatwright: internal error: crashed (signal ";
  char num[4] = {static_cast<char>('0' + sig / 10 % 10), static_cast<char>('0' + sig % 10), ')',
                 '\n'};
  ssize_t ignored = ::write(2, kMsg, sizeof kMsg - 1);
  ignored = ::write(2, sig >= 10 ? num : num + 1, sig >= 10 ? 4 : 3);
  (void)ignored;
  ::_exit(kExitInternal);
}

void install_crash_handler() {
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_handler = on_crash;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::sigaction(sig, &sa, nullptr);
#endif
}

}  // namespace
}  // namespace tw::cli

int main(int argc, char** argv) {
  tw::cli::install_crash_handler();
  std::ios::sync_with_stdio(false);
  try {
    int rc = tw::cli::run(argc, argv);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "threatwright: error: cannot write the output\n";
      return tw::cli::kExitInternal;
    }
    return rc;
  } catch (const std::bad_alloc&) {
    std::cerr << "threatwright: internal error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "threatwright: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "threatwright: internal error\n";
  }
  return tw::cli::kExitInternal;
}
