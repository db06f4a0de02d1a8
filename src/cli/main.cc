// The threatwright binary: the one top-level handler. Parses the command line, runs one
// command, maps errors to the documented exit codes (see command.h).

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <vector>

#include "cli/command.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

// Every command, in the order `help` lists them.
constexpr Registrar kCommands[] = {
    register_check,
    register_analyze,
    register_rules,
    register_diff,
    register_verify,
    register_report,
    register_diagram,
    register_mcp,
    register_assess_change,
    register_list_threats,
    register_get_threat_model,
    register_check_controls,
    register_explain_rule,
    register_get_guidance,
};

bool color_for(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(fd) && !(no_color && *no_color);
}

int run(int argc, char** argv) {
  CLI::App app{"threatwright: threat modeling as code", "threatwright"};
  app.set_version_flag("--version", std::string("threatwright ") + TW_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  std::vector<Command> commands;
  for (Registrar r : kCommands) commands.push_back(r(app));
  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for threatwright or one command");
  help->add_option("COMMAND", help_topic, "The command to explain");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitInvalid;
  }
  Io io{std::cout, std::cerr, color_for(1), color_for(2)};
  if (help->parsed()) {
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

}  // namespace
}  // namespace tw::cli

int main(int argc, char** argv) {
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
