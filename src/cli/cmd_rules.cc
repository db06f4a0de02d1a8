// threatwright rules [--format json] [--rules DIR]: list every rule with its metadata;
// threatwright rules show ID: one rule in full.

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "base/text.h"
#include "cli/common.h"
#include "engine/json_output.h"
#include "model/model.h"
#include "rules/rule_doc.h"
#include "rules/rule_pack.h"
#include "rules/rule_set.h"

namespace tw::cli {

namespace {

struct RulesArgs {
  std::string format = "text";
  std::vector<std::string> rule_dirs;
  std::string show_id;
  CLI::App* show = nullptr;
};

int run_rules(RulesArgs& a, Io& io) {
  rules::RuleSet set;
  base::Diagnostics diags;
  model::Model none;
  rules::load_rule_packs(none, a.rule_dirs, set, diags);
  if (diags.has_errors()) {
    print_diagnostics(diags, a.format, io);
    return kExitInvalid;
  }
  if (a.show->parsed()) {
    const rules::Rule* r = set.find(a.show_id);
    if (!r) {
      std::vector<std::string_view> ids;
      for (const rules::Rule* x : set.rules()) ids.push_back(x->id);
      std::string dym = base::did_you_mean(a.show_id, ids);
      io.err << "threatwright: error: no rule '" << a.show_id << "'"
             << (dym.empty() ? "" : "; did you mean '" + dym + "'?") << "\n";
      return kExitInvalid;
    }
    if (a.format == "json") {
      io.out << engine::rule_json(*r).dump(2) << "\n";
    } else {
      io.out << base::printable_lines(rules::render_rule_text(*r));
    }
    return kExitOk;
  }
  if (a.format == "json") {
    io.out << engine::rules_json(set).dump(2) << "\n";
    return kExitOk;
  }
  for (const rules::Rule* r : set.rules()) {
    std::string id = r->id;
    if (id.size() < 38) id.append(38 - id.size(), ' ');
    io.out << id << "  " << rules::stride_list(r->stride) << "  " << base::printable(r->title)
           << "\n";
  }
  io.out << "\n" << set.rules().size() << " rules (" << set.custom_count() << " custom)\n";
  return kExitOk;
}

}  // namespace

Command register_rules(CLI::App& root) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* app = root.add_subcommand("rules", "List the threat rules, or show one");
  app->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_option("--rules", args->rule_dirs, "Also list the custom rule packs in DIR");
  args->show = app->add_subcommand("show", "Show one rule in full");
  args->show->add_option("ID", args->show_id, "The rule id")->required();
  args->show->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return Command{"rules", app, [args](Io& io) { return run_rules(*args, io); }};
}

}  // namespace tw::cli
