#pragma once
// The command line described as data: every command, subcommand, option and positional
// argument of the CLI11 app tree, with their descriptions, value types and allowed values.
// `threatwright help --all --format json` prints it; the man page and the bash, zsh and fish
// completions are generated from it at build time (scripts/gen-cli-docs.py), so they list
// exactly what the binary accepts.

#include <string>

namespace CLI {
class App;
}

namespace tw::cli {

/// The JSON description of `root` and everything below it (docs/cli.md, "help --all").
std::string cli_spec_json(const CLI::App& root, const std::string& version);

/// The help text of `root` followed by the help of every command (and subcommand), in order.
std::string all_help_text(const CLI::App& root);

}  // namespace tw::cli
