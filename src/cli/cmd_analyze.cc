// threatwright analyze MODEL: run every rule (built-in and custom packs), rate the threats,
// apply controls, evidence and decisions, and print them as a table or as the documented JSON
// (docs/json-output.md), to stdout or -o FILE. --fail-on SEVERITY makes it a gate (exit 1).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <memory>
#include <ostream>

#include "base/date.h"
#include "base/text.h"
#include "cli/common.h"
#include "drift/infra.h"
#include "engine/analysis.h"
#include "engine/json_output.h"

namespace tw::cli {

namespace {

struct AnalyzeArgs {
  ModelArgs model;
  AnalysisArgs analysis;
  std::string severity, stride, target, status, fail_on;
  std::string output;  ///< -o FILE: written as `report -o` writes (atomically)
  bool summary = false;
};

const char* severity_color(engine::Severity s) {
  switch (s) {
    case engine::Severity::Critical:
      return "\033[1;35m";
    case engine::Severity::High:
      return "\033[1;31m";
    case engine::Severity::Medium:
      return "\033[33m";
    case engine::Severity::Low:
      return "\033[36m";
    case engine::Severity::Info:
      return "\033[2m";
  }
  return "";
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

bool keep(const engine::Threat& t, const AnalyzeArgs& a) {
  if (!a.severity.empty() && t.severity < *engine::parse_severity(a.severity)) return false;
  if (!a.stride.empty()) {
    auto s = model::parse<model::Stride>(a.stride);
    if (std::find(t.stride.begin(), t.stride.end(), *s) == t.stride.end()) return false;
  }
  if (!a.target.empty() && t.target != a.target) return false;
  if (!a.status.empty() && model::name(t.status) != a.status) return false;
  return true;
}

void print_table(const std::vector<const engine::Threat*>& threats,
                 const engine::Analysis& an,
                 Io& io) {
  size_t wid = 2, wtarget = 6;
  for (const engine::Threat* t : threats) {
    wid = std::max(wid, t->id.size());
    wtarget = std::max(wtarget, t->target.size());
  }
  wid = std::min<size_t>(wid, 60);
  io.out << pad("SEVERITY", 10) << pad("SCORE", 7) << "STRIDE  " << pad("STATUS", 16)
         << pad("ID", wid + 2) << "TITLE\n";
  for (const engine::Threat* t : threats) {
    std::string letters;
    for (model::Stride s : model::kAllStride) {
      bool has = std::find(t->stride.begin(), t->stride.end(), s) != t->stride.end();
      letters += has ? model::stride_letter(s) : '.';
    }
    std::string sev = pad(std::string(engine::severity_name(t->severity)), 10);
    if (io.out_color) sev = severity_color(t->severity) + sev + "\033[0m";
    io.out << sev << pad(std::to_string(t->score), 7) << pad(letters, 8)
           << pad(std::string(model::name(t->status)), 16) << pad(t->id, wid + 2)
           << base::printable(t->title()) << "\n";
  }
  const engine::Summary& s = an.summary;
  io.out << "\n" << threats.size() << " of " << s.total << " threats shown; open by severity:";
  for (const char* name : {"critical", "high", "medium", "low", "info"}) {
    io.out << " " << name << " " << s.by_severity.at(name);
  }
  io.out << "\n";
}

// The short form: totals by severity, status and STRIDE, then the worst open threats.
void print_summary(const std::vector<const engine::Threat*>& threats,
                   const engine::Analysis& an,
                   Io& io) {
  const engine::Summary& s = an.summary;
  io.out << s.total << " threats";
  auto line = [&](const char* label, const std::map<std::string, int>& counts) {
    io.out << "\n  " << pad(label, 11);
    bool first = true;
    for (const auto& [name, n] : counts) {
      if (n == 0) continue;
      io.out << (first ? "" : ", ") << name << " " << n;
      first = false;
    }
    if (first) io.out << "none";
  };
  io.out << "\n  " << pad("open:", 11);
  bool first = true;
  for (const char* name : {"critical", "high", "medium", "low", "info"}) {
    auto it = s.by_severity.find(name);
    int n = it == s.by_severity.end() ? 0 : it->second;
    io.out << (first ? "" : ", ") << name << " " << n;
    first = false;
  }
  line("by status:", s.by_status);
  line("by STRIDE:", s.by_stride);
  std::vector<const engine::Threat*> open;
  for (const engine::Threat* t : threats) {
    if (t->status == model::ThreatStatus::Open) open.push_back(t);
  }
  // The five worst, ties in id order (the threats are sorted by id, so by address).
  size_t shown = std::min<size_t>(open.size(), 5);
  std::partial_sort(open.begin(), open.begin() + shown, open.end(),
                    [](const engine::Threat* x, const engine::Threat* y) {
                      return x->score != y->score ? x->score > y->score : x < y;
                    });
  if (!open.empty()) io.out << "\nworst open threats:";
  for (size_t i = 0; i < open.size() && i < 5; ++i) {
    std::string sev(engine::severity_name(open[i]->severity));
    if (io.out_color) sev = severity_color(open[i]->severity) + sev + "\033[0m";
    io.out << "\n  " << sev << " " << open[i]->score << "  " << open[i]->id << ": "
           << base::printable(open[i]->title());
  }
  io.out << "\n";
}

int run_analyze(AnalyzeArgs& a, Io& io) {
  int rc = kExitOk;
  std::unique_ptr<Analyzed> run = load_and_analyze(a.model, a.analysis, a.model.format, io, rc);
  if (!run) return rc;
  const model::Model* m = run->model.get();
  const engine::Analysis& an = run->analysis;
  std::vector<const engine::Threat*> shown;
  for (const engine::Threat& t : an.threats) {
    if (keep(t, a)) shown.push_back(&t);
  }
  // Written as it is produced, to stdout or to the file (a large model's JSON runs to hundreds
  // of megabytes).
  bool to_file = !(a.output.empty() || a.output == "-");
  int written = write_output_streamed(
      [&](std::ostream& out) -> base::Result<bool> {
        Io to{out, io.err, to_file ? false : io.out_color, io.err_color};
        if (a.model.format == "json") {
          engine::write_analysis_json(out, *m, an, &shown);
        } else if (a.summary) {
          print_summary(shown, an, to);
        } else {
          print_table(shown, an, to);
        }
        if (a.model.format != "json" && an.infrastructure)
          out << drift::render_infra_text(*an.infrastructure);
        return true;
      },
      a.output, io);
  int result = kExitOk;
  if (!a.fail_on.empty()) {
    engine::Severity gate = *engine::parse_severity(a.fail_on);
    for (const engine::Threat& t : an.threats) {
      if (t.status == model::ThreatStatus::Open && t.severity >= gate) result = kExitGate;
    }
    if (an.infrastructure)  // drift findings gate like open threats (docs/drift.md)
      for (const engine::InfraFinding& f : an.infrastructure->findings)
        if (f.severity >= gate) result = kExitGate;
  }
  keep_until_exit(std::move(run));
  return written != kExitOk ? written : result;
}

}  // namespace

Command register_analyze(CLI::App& root) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* app = root.add_subcommand(
      "analyze", "List the threats of a model: rules, risk rating, controls and decisions");
  add_model_options(*app, args->model);
  auto severities = CLI::IsMember({"info", "low", "medium", "high", "critical"});
  std::vector<std::string> strides;
  for (auto s : model::names<model::Stride>()) strides.emplace_back(s);
  std::vector<std::string> statuses;
  for (auto s : model::names<model::ThreatStatus>()) statuses.emplace_back(s);
  app->add_option("--format", args->model.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_option("--output,-o", args->output, "Write to FILE instead of standard output");
  app->add_option("--severity", args->severity, "Show threats at or above this severity")
      ->check(severities);
  app->add_option("--stride", args->stride, "Show threats of this STRIDE category")
      ->check(CLI::IsMember(strides));
  app->add_option("--target", args->target, "Show threats on this element id");
  app->add_option("--status", args->status, "Show threats with this status")
      ->check(CLI::IsMember(statuses));
  app->add_flag("--summary", args->summary,
                "Print totals and the worst open threats instead of the whole table");
  app->add_option("--fail-on", args->fail_on,
                  "Exit 1 when an open threat is at or above this severity")
      ->check(severities);
  add_analysis_options(*app, args->analysis);
  add_infra_options(*app, args->analysis);
  return Command{"analyze", app, [args](Io& io) { return run_analyze(*args, io); }};
}

}  // namespace tw::cli
