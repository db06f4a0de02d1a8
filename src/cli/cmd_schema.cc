// threatwright schema [--include] [-o FILE]: the JSON Schema of the model format, for editors
// (`# yaml-language-server: $schema=...`). Generated from the loader's own tables (load/format.h);
// docs/schema/ holds the same bytes (a test keeps them current).

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/common.h"
#include "load/schema.h"

namespace tw::cli {

namespace {

struct SchemaArgs {
  bool include = false;
  std::string output;
};

int run_schema(SchemaArgs& a, Io& io) {
  std::string text =
      load::json_schema(a.include ? load::SchemaFor::Include : load::SchemaFor::Root);
  return write_output(base::Result<std::string>(std::move(text)), a.output, io);
}

}  // namespace

Command register_schema(CLI::App& root) {
  auto args = std::make_shared<SchemaArgs>();
  CLI::App* app =
      root.add_subcommand("schema", "Write the JSON Schema of the model format (for editors)");
  app->add_flag("--include", args->include,
                "The schema of an included file (every section optional, 'threatwright' too)");
  app->add_option("--output,-o", args->output, "Write to FILE instead of standard output");
  return Command{"schema", app, [args](Io& io) { return run_schema(*args, io); }};
}

}  // namespace tw::cli
