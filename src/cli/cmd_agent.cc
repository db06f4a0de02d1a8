// The MCP tools as commands, for agents and scripts without MCP (docs/agents.md):
//   threatwright assess-change MODEL FRAGMENT   threatwright list-threats MODEL
//   threatwright get-threat-model MODEL         threatwright check-controls MODEL --name ...
//   threatwright explain-rule [RULE]            threatwright get-guidance [KIND] [--element ID]
//   threatwright assess-infrastructure-change MODEL --write PATH=FILE --delete PATH
// Each prints the tool's text, or its structured result with --format json. Exit codes: 0 ok,
// 1 `assess-change --fail-on` found new unmitigated threats at or above the severity (or
// `assess-infrastructure-change --fail-on` new drift), 2 an invalid model, fragment or
// argument.

#include <CLI/CLI.hpp>
#include <iostream>
#include <iterator>
#include <memory>
#include <ostream>

#include "base/file.h"
#include "base/text.h"
#include "cli/common.h"
#include "engine/analysis.h"
#include "mcp/change.h"
#include "mcp/tools.h"
#include "mcp/workspace.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::cli {

namespace {

using mcp::Json;

struct AgentArgs {
  ModelArgs model;
  std::vector<std::string> rule_dirs;
  std::string evidence;
  // Tool arguments.
  std::string fragment, fail_on;
  std::string component, target, stride, severity, status;
  int limit = 100;
  std::string name, mechanism;
  std::vector<std::string> targets, threats;
  std::string rule, kind, element;
  std::vector<std::string> writes, deletes;
};

void add_common(CLI::App& app, AgentArgs& a, bool model_required) {
  if (model_required) {
    add_model_options(app, a.model);
  } else {
    app.add_option("--model", a.model.path, "The model file, for its custom rules and elements");
  }
  app.add_option("--format", a.model.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--rules", a.rule_dirs, "Folder of custom rule packs (repeatable)");
  if (model_required) {
    app.add_option("--evidence", a.evidence,
                   "Verification evidence file (default: beside the model)");
  }
}

std::unique_ptr<mcp::Workspace> open(const AgentArgs& a) {
  mcp::WorkspaceOptions wo;
  wo.load = a.model.load;
  wo.rule_dirs = a.rule_dirs;
  wo.evidence = a.evidence;
  return std::make_unique<mcp::Workspace>(a.model.path, wo);
}

int emit(
    const std::string& text, const Json& structured, bool is_error, const AgentArgs& a, Io& io) {
  if (a.model.format == "json") {
    Json out = structured.is_object() ? structured : Json{{"error", text}};
    io.out << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    if (is_error)
      io.err << base::printable_lines(text) << (text.empty() || text.back() == '\n' ? "" : "\n");
  } else {
    std::ostream& os = is_error ? io.err : io.out;
    os << base::printable_lines(text) << (text.empty() || text.back() == '\n' ? "" : "\n");
  }
  return is_error ? kExitInvalid : kExitOk;
}

int run_tool(const AgentArgs& a, const char* tool, const Json& args, Io& io) {
  auto ws = open(a);
  mcp::ThreatTools tools(*ws, TW_VERSION);
  std::optional<mcp::ToolResult> r = tools.call_tool(tool, args);
  return emit(r->text, r->structured, r->is_error, a, io);
}

int run_assess(const AgentArgs& a, Io& io) {
  std::string text;
  std::string display = a.fragment;
  if (a.fragment == "-") {
    display = "<stdin>";
    // Bounded like a model file.
    uint64_t limit = a.model.load.limits.max_file_bytes;
    char buf[65536];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
      text.append(buf, static_cast<size_t>(std::cin.gcount()));
      if (text.size() > limit) {
        io.err << "threatwright: error: the change on stdin exceeds " << limit << " bytes\n";
        return kExitInvalid;
      }
    }
  } else {
    auto content = base::read_file(a.fragment, a.model.load.limits.max_file_bytes,
                                   base::folder_of(a.fragment));
    if (!content.ok()) {
      io.err << "threatwright: error: " << content.error().message << "\n";
      return kExitInvalid;
    }
    text = std::move(*content);
  }
  std::optional<engine::Severity> fail_on;
  if (!a.fail_on.empty()) fail_on = engine::parse_severity(a.fail_on);
  auto ws = open(a);
  if (!ws->ok()) return emit(ws->error_text(), nullptr, true, a, io);
  mcp::Assessment r = mcp::assess_change(*ws, std::move(text), display);
  int rc = emit(r.text, r.structured, r.has_errors, a, io);
  if (rc != kExitOk || !fail_on) return rc;
  for (const Json& t : r.structured.value("new_threats", Json::array())) {
    auto sev = engine::parse_severity(t.value("severity", ""));
    if (!t.value("covered", false) && sev && *sev >= *fail_on) return kExitGate;
  }
  return kExitOk;
}

Json opt(Json args, const char* key, const std::string& value) {
  if (!value.empty()) args[key] = value;
  return args;
}

}  // namespace

Command register_assess_change(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand(
      "assess-change",
      "Assess a proposed change (a model fragment): new attack surface and threats; writes "
      "nothing");
  add_common(*app, *a, true);
  app->add_option("FRAGMENT", a->fragment, "The change: a YAML or JSON model fragment ('-': stdin)")
      ->required();
  app->add_option("--fail-on", a->fail_on,
                  "Exit 1 when the change adds unmitigated threats of this severity or worse")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  return Command{"assess-change", app, [a](Io& io) { return run_assess(*a, io); }};
}

/// assess-infrastructure-change: each `--write PATH=FILE` becomes {path, content of FILE}.
int run_assess_infra(const AgentArgs& a, Io& io) {
  Json files = Json::array();
  for (const std::string& w : a.writes) {
    size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == w.size()) {
      io.err << "threatwright: error: --write '" << w
             << "': expected PATH=FILE (PATH relative to the model's folder, FILE the new "
                "text)\n";
      return kExitInvalid;
    }
    std::string file = w.substr(eq + 1);
    auto content = base::read_file(file, a.model.load.limits.max_file_bytes, base::folder_of(file));
    if (!content.ok()) {
      io.err << "threatwright: error: --write: " << content.error().message << "\n";
      return kExitInvalid;
    }
    files.push_back(Json{{"path", w.substr(0, eq)}, {"content", std::move(*content)}});
  }
  for (const std::string& d : a.deletes) files.push_back(Json{{"path", d}, {"content", nullptr}});
  if (files.empty()) {
    io.err << "threatwright: error: name the change with --write PATH=FILE or --delete PATH\n";
    return kExitInvalid;
  }
  auto ws = open(a);
  mcp::ThreatTools tools(*ws, TW_VERSION);
  std::optional<mcp::ToolResult> r =
      tools.call_tool("assess_infrastructure_change", Json{{"files", files}});
  int rc = emit(r->text, r->structured, r->is_error, a, io);
  if (rc != kExitOk || a.fail_on.empty()) return rc;
  auto fail_on = engine::parse_severity(a.fail_on);
  for (const Json& f : r->structured.value("introduced", Json::array())) {
    auto sev = engine::parse_severity(f.value("severity", ""));
    if (sev && fail_on && *sev >= *fail_on) return kExitGate;
  }
  return kExitOk;
}

Command register_assess_infrastructure_change(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand(
      "assess-infrastructure-change",
      "Assess proposed infrastructure files against the threat model: drift introduced or "
      "settled, surface gained or lost; writes nothing");
  add_common(*app, *a, true);
  app->add_option("--write", a->writes,
                  "PATH=FILE: the change writes FILE's text to PATH (relative to the model's "
                  "folder); repeatable");
  app->add_option("--delete", a->deletes, "PATH: the change deletes PATH; repeatable");
  app->add_option("--fail-on", a->fail_on,
                  "Exit 1 when the change introduces drift of this severity or worse")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  return Command{"assess-infrastructure-change", app,
                 [a](Io& io) { return run_assess_infra(*a, io); }};
}

Command register_list_threats(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand("list-threats", "List the model's threats, filtered");
  add_common(*app, *a, true);
  app->add_option("--target", a->target, "Component or flow id");
  app->add_option("--stride", a->stride, "STRIDE category (name or letter)");
  app->add_option("--severity", a->severity, "Minimum severity");
  app->add_option("--status", a->status, "Threat status");
  app->add_option("--limit", a->limit, "Most threats to show")->capture_default_str();
  return Command{"list-threats", app, [a](Io& io) {
                   Json args{{"limit", a->limit}};
                   args = opt(args, "target", a->target);
                   args = opt(args, "stride", a->stride);
                   args = opt(args, "severity", a->severity);
                   args = opt(args, "status", a->status);
                   return run_tool(*a, "list_threats", args, io);
                 }};
}

Command register_get_threat_model(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand(
      "get-threat-model", "The model's sections and open threats, optionally for one element");
  add_common(*app, *a, true);
  app->add_option("--component", a->component, "Scope to one component or flow");
  return Command{"get-threat-model", app, [a](Io& io) {
                   return run_tool(*a, "get_threat_model",
                                   opt(Json::object(), "component", a->component), io);
                 }};
}

Command register_check_controls(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand(
      "check-controls", "Which documented threats a proposed control addresses, which stay open");
  add_common(*app, *a, true);
  app->add_option("--name", a->name, "The control's name")->required();
  app->add_option("--mechanism", a->mechanism, "How it works");
  app->add_option("--target", a->targets, "Component or flow id it protects (repeatable)");
  app->add_option("--threat", a->threats, "Threat id it mitigates (repeatable)");
  return Command{
      "check-controls", app, [a](Io& io) {
        Json control{{"name", a->name}, {"targets", a->targets}, {"threats", a->threats}};
        if (!a->mechanism.empty()) control["mechanism"] = a->mechanism;
        return run_tool(*a, "check_controls", Json{{"control", control}}, io);
      }};
}

Command register_explain_rule(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand(
      "explain-rule", "Explain a rule (or a threat id); without RULE, list the rules");
  app->add_option("RULE", a->rule, "Rule id, or threat id <rule>@<target>");
  add_common(*app, *a, false);
  return Command{"explain-rule", app, [a](Io& io) {
                   return run_tool(*a, "explain_rule", opt(Json::object(), "rule_id", a->rule), io);
                 }};
}

Command register_get_guidance(CLI::App& root) {
  auto a = std::make_shared<AgentArgs>();
  CLI::App* app = root.add_subcommand(
      "get-guidance", "The security checklist for an element kind, or for one element");
  app->add_option("KIND", a->kind, "Element kind (web-app, api, sql-database, ...) or type");
  app->add_option("--element", a->element,
                  "Component or flow id to check against the checklist (needs --model)");
  add_common(*app, *a, false);
  return Command{"get-guidance", app, [a](Io& io) {
                   Json args = opt(Json::object(), "kind", a->kind);
                   return run_tool(*a, "get_guidance", opt(args, "element", a->element), io);
                 }};
}

}  // namespace tw::cli
