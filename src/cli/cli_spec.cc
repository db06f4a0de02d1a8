#include "cli/cli_spec.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tw::cli {

namespace {

using nlohmann::ordered_json;

/// The allowed values of an option checked with CLI::IsMember: its validator describes
/// itself as `{a,b,c}` in the type name (`TEXT:{a,b,c}`).
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> out;
  size_t open = type_name.find(":{");
  if (open == std::string::npos) return out;
  size_t close = type_name.find('}', open);
  if (close == std::string::npos) return out;
  std::string list = type_name.substr(open + 2, close - open - 2);
  size_t i = 0;
  while (i <= list.size()) {
    size_t comma = list.find(',', i);
    if (comma == std::string::npos) comma = list.size();
    if (comma > i) out.push_back(list.substr(i, comma - i));
    i = comma + 1;
  }
  return out;
}

/// The value's type without its validators: `TEXT`, `INT`, `UINT`, ...
std::string base_type(const std::string& type_name) {
  return type_name.substr(0, type_name.find(':'));
}

ordered_json option_json(const CLI::Option& o) {
  ordered_json j;
  const bool positional = !o.nonpositional();
  j["name"] = positional ? o.get_name(true) : o.get_single_name();
  std::vector<std::string> flags;
  for (const std::string& s : o.get_snames()) flags.push_back("-" + s);
  for (const std::string& l : o.get_lnames()) flags.push_back("--" + l);
  j["flags"] = flags;
  j["positional"] = positional;
  // A flag has no value type; an option or positional names one (TEXT, UINT, ...).
  const std::string type = o.get_type_name();
  const bool takes_value = !type.empty();
  j["takes_value"] = takes_value;
  if (takes_value) {
    j["type"] = base_type(type);
    j["choices"] = choices_of(type);
  }
  j["repeatable"] = o.get_expected_max() > 1 || o.get_items_expected_max() > 1;
  j["required"] = o.get_required();
  j["default"] = o.get_default_str();
  j["group"] = o.get_group();
  j["description"] = o.get_description();
  return j;
}

ordered_json app_json(const CLI::App& app) {
  ordered_json j;
  j["name"] = app.get_name();
  j["description"] = app.get_description();
  ordered_json options = ordered_json::array();
  ordered_json positionals = ordered_json::array();
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;  // hidden
    (o->nonpositional() ? options : positionals).push_back(option_json(*o));
  }
  j["positionals"] = positionals;
  j["options"] = options;
  ordered_json commands = ordered_json::array();
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) {
         return !s->get_group().empty();  // an empty group hides a subcommand
       })) {
    commands.push_back(app_json(*sub));
  }
  j["commands"] = commands;
  return j;
}

void append_help(const CLI::App& app, const std::string& prefix, std::string& out) {
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    std::string name = prefix + " " + sub->get_name();
    out += "\n";
    out += sub->get_formatter()->make_help(sub, name, CLI::AppFormatMode::Normal);
    append_help(*sub, name, out);
  }
}

}  // namespace

std::string cli_spec_json(const CLI::App& root, const std::string& version) {
  ordered_json j = app_json(root);
  j["version"] = version;
  j["footer"] = root.get_footer();
  return j.dump(1) + "\n";
}

std::string all_help_text(const CLI::App& root) {
  std::string out =
      root.get_formatter()->make_help(&root, root.get_name(), CLI::AppFormatMode::Normal);
  append_help(root, root.get_name(), out);
  return out;
}

}  // namespace tw::cli
