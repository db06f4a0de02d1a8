#include "drift/change.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/escape.h"
#include "base/text.h"
#include "engine/analysis.h"

namespace tw::drift {

using engine::Severity;
using nlohmann::ordered_json;

namespace {

std::string finding_key(const Finding& f) {
  return f.code + '\x1f' + f.observed + '\x1f' + f.element + '\x1f' + f.message;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

/// One observed item, keyed by what it is (never by where it was read).
struct Item {
  std::string what, observed, message;
  observe::Where where;
};

std::map<std::string, Item> items(const observe::ObservedSystem& o) {
  std::map<std::string, Item> out;
  auto put = [&out](std::string key, Item it) { out.emplace(std::move(key), std::move(it)); };
  for (const auto& c : o.components) {
    put("component\x1f" + c.id,
        {"component", c.id, c.kind.empty() ? c.runtime : c.kind + " (" + c.runtime + ")", c.where});
  }
  for (const auto& e : o.exposures) {
    std::string port = e.port ? " port " + std::to_string(*e.port) : "";
    put("exposure\x1f" + e.component + '\x1f' + e.surface + '\x1f' + e.via + '\x1f' + port,
        {"exposure", e.component,
         "reachable from the " + e.surface + " through " + e.via + port +
             (e.detail.empty() ? "" : " (" + e.detail + ")"),
         e.where});
  }
  for (const auto& f : o.flows) {
    std::string port = f.port ? ":" + std::to_string(*f.port) : "";
    std::string proto = f.protocol.empty() ? "" : " (" + f.protocol + port + ")";
    put("flow\x1f" + f.from + '\x1f' + f.to + '\x1f' + f.protocol + port,
        {"flow", f.from, f.from + " -> " + f.to + proto, f.where});
  }
  for (const auto& g : o.grants) {
    put("grant\x1f" + g.principal + '\x1f' + join(g.actions) + '\x1f' + join(g.resources),
        {"grant", g.principal,
         g.principal + " may " + join(g.actions) + " on " + join(g.resources) +
             (g.admin ? " (administrative)" : ""),
         g.where});
  }
  for (const auto& p : o.pipelines) {
    put("pipeline\x1f" + p.id + '\x1f' + join(p.triggers) + '\x1f' + p.permissions +
            (p.privileged_trigger ? "\x1fprivileged" : "") + (p.oidc ? "\x1foidc" : ""),
        {"pipeline", p.id,
         "workflow " + p.id + " on " + join(p.triggers) + ", permissions " + p.permissions +
             (p.privileged_trigger ? ", privileged trigger" : "") + (p.oidc ? ", OIDC token" : ""),
         p.where});
  }
  return out;
}

int severity_rank(Severity s) { return static_cast<int>(s); }

}  // namespace

InfraChange compare_infrastructure(const model::Model& m,
                                   const engine::Analysis* analysis,
                                   const observe::ObservedSystem& before,
                                   const observe::ObservedSystem& after,
                                   const Mapping& map) {
  InfraChange out;
  out.files_before = before.files.size();
  out.files_after = after.files.size();
  out.problems = after.problems;

  std::vector<Finding> fb = find_drift(m, before, map), fa = find_drift(m, after, map);
  std::multiset<std::string> kb, ka;
  for (const auto& f : fb) kb.insert(finding_key(f));
  for (const auto& f : fa) ka.insert(finding_key(f));
  for (auto& f : fa) {
    auto it = kb.find(finding_key(f));
    if (it == kb.end()) {
      out.introduced.push_back(std::move(f));
    } else {
      kb.erase(it);
      ++out.unchanged;
    }
  }
  for (auto& f : fb) {
    auto it = ka.find(finding_key(f));
    if (it == ka.end())
      out.settled.push_back(std::move(f));
    else
      ka.erase(it);
  }

  // The observed surface, item by item.
  auto ib = items(before), ia = items(after);
  auto element_of = [&](const observe::ObservedSystem& o, const std::string& id) -> std::string {
    const observe::ObservedComponent* c = o.component(id);
    if (!c) return "";
    const model::Component* mc = match(m, *c, map);
    return mc ? mc->id : "";
  };
  for (auto& [key, it] : ia) {
    if (ib.count(key)) continue;
    out.surface.push_back(
        {true, it.what, it.observed, element_of(after, it.observed), it.message, it.where});
  }
  for (auto& [key, it] : ib) {
    if (ia.count(key)) continue;
    out.surface.push_back(
        {false, it.what, it.observed, element_of(before, it.observed), it.message, it.where});
  }
  std::stable_sort(
      out.surface.begin(), out.surface.end(), [](const SurfaceChange& a, const SurfaceChange& b) {
        return std::tie(a.what, a.observed, b.added) < std::tie(b.what, b.observed, a.added);
      });

  // Model elements the change touches: those a changed finding or surface item stands for.
  std::set<std::string> touched;
  for (const auto* list : {&out.introduced, &out.settled})
    for (const auto& f : *list)
      if (!f.element.empty()) touched.insert(f.element);
  for (const auto& s : out.surface)
    if (!s.element.empty()) touched.insert(s.element);
  std::map<std::string, std::vector<const engine::Threat*>> open;
  if (analysis) {
    for (const auto& t : analysis->threats) {
      if (!touched.count(t.target)) continue;
      if (t.status != model::ThreatStatus::Open && t.status != model::ThreatStatus::Claimed)
        continue;
      open[t.target].push_back(&t);
    }
  }
  for (const std::string& id : touched) {
    TouchedElement e;
    e.id = id;
    if (const model::Component* c = m.component(id)) e.at = c->loc;
    auto& ts = open[id];
    std::stable_sort(ts.begin(), ts.end(), [](const engine::Threat* a, const engine::Threat* b) {
      return severity_rank(a->severity) > severity_rank(b->severity);
    });
    for (const engine::Threat* t : ts)
      e.open_threats.push_back(t->id + " (" + std::string(engine::severity_name(t->severity)) +
                               ")");
    out.touched.push_back(std::move(e));
  }
  return out;
}

std::optional<Severity> worst_introduced(const InfraChange& c) {
  std::optional<Severity> worst;
  for (const auto& f : c.introduced)
    if (!worst || f.severity > *worst) worst = f.severity;
  return worst;
}

namespace {

std::string loc_text(const base::Loc& l) {
  if (!l.valid()) return "";
  return l.path() + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
}

std::string finding_line(const Finding& f) {
  std::string at = f.observed_at.file.empty() ? loc_text(f.model_at) : f.observed_at.str();
  return base::printable(at) + ": " + std::string(engine::severity_name(f.severity)) + ": " +
         base::printable(f.message) + " [" + f.code + "]";
}

std::string plural(size_t n, const char* one) {
  return std::to_string(n) + " " + one + (n == 1 ? "" : "s");
}

std::string summary(const InfraChange& c) {
  return plural(c.introduced.size(), "new drift finding") + ", " +
         plural(c.settled.size(), "settled finding") + ", " + std::to_string(c.unchanged) +
         " unchanged; " + plural(c.surface.size(), "change") + " to the observed surface; " +
         plural(c.touched.size(), "model element") + " touched (" + std::to_string(c.files_before) +
         " infrastructure files before, " + std::to_string(c.files_after) + " after)";
}

}  // namespace

std::string render_change_text(const InfraChange& c) {
  std::string out;
  for (const auto& f : c.introduced) {
    out += "new: " + finding_line(f) + "\n";
    if (!f.hint.empty()) out += "  hint: " + base::printable(f.hint) + "\n";
  }
  for (const auto& f : c.settled) out += "settled: " + finding_line(f) + "\n";
  for (const auto& s : c.surface) {
    out += base::printable(s.where.str()) + ": " + (s.added ? "added " : "removed ") + s.what +
           ": " + base::printable(s.message);
    if (!s.element.empty()) out += " (model: " + s.element + ")";
    out += "\n";
  }
  for (const auto& e : c.touched) {
    out += "touches " + e.id + (e.at.valid() ? " (" + base::printable(loc_text(e.at)) + ")" : "");
    if (e.open_threats.empty()) {
      out += ": no open threats\n";
    } else {
      out += ": " + plural(e.open_threats.size(), "open threat") + ": ";
      for (size_t i = 0; i < e.open_threats.size(); ++i) out += (i ? ", " : "") + e.open_threats[i];
      out += "\n";
    }
  }
  out += summary(c) + "\n";
  for (const auto& p : c.problems)
    out += base::printable(p.where.str()) + ": warning: " + base::printable(p.message) + "\n";
  return out;
}

namespace {

ordered_json where_json(const observe::Where& w) {
  return ordered_json{{"file", base::clean_utf8(w.file)}, {"line", w.line}, {"column", w.col}};
}

ordered_json finding_json(const Finding& f) {
  ordered_json x{{"code", f.code},
                 {"severity", std::string(engine::severity_name(f.severity))},
                 {"message", base::clean_utf8(f.message)}};
  if (!f.observed_at.file.empty()) {
    x["observed"] = where_json(f.observed_at);
    x["observed"]["id"] = base::clean_utf8(f.observed);
  }
  if (f.model_at.valid())
    x["model"] = ordered_json{{"id", f.element},
                              {"file", base::clean_utf8(f.model_at.path())},
                              {"line", f.model_at.line},
                              {"column", f.model_at.col}};
  x["hint"] = base::clean_utf8(f.hint);
  return x;
}

}  // namespace

std::string render_change_json(const InfraChange& c) {
  ordered_json j;
  j["introduced"] = ordered_json::array();
  for (const auto& f : c.introduced) j["introduced"].push_back(finding_json(f));
  j["settled"] = ordered_json::array();
  for (const auto& f : c.settled) j["settled"].push_back(finding_json(f));
  j["unchanged"] = c.unchanged;
  j["surface"] = ordered_json::array();
  for (const auto& s : c.surface) {
    ordered_json x{{"change", s.added ? "added" : "removed"},
                   {"what", s.what},
                   {"observed", base::clean_utf8(s.observed)},
                   {"message", base::clean_utf8(s.message)},
                   {"at", where_json(s.where)}};
    if (!s.element.empty()) x["element"] = s.element;
    j["surface"].push_back(std::move(x));
  }
  j["touched"] = ordered_json::array();
  for (const auto& e : c.touched) {
    ordered_json x{{"id", e.id}, {"open_threats", e.open_threats}};
    if (e.at.valid())
      x["at"] = ordered_json{
          {"file", base::clean_utf8(e.at.path())}, {"line", e.at.line}, {"column", e.at.col}};
    j["touched"].push_back(std::move(x));
  }
  j["files"] = {{"before", c.files_before}, {"after", c.files_after}};
  j["problems"] = ordered_json::array();
  for (const auto& p : c.problems) {
    auto w = where_json(p.where);
    w["message"] = base::clean_utf8(p.message);
    j["problems"].push_back(std::move(w));
  }
  return j.dump(2) + "\n";
}

std::string render_change_markdown(const InfraChange& c) {
  std::string out =
      "### Infrastructure change and the threat model\n\n" + base::md_escape(summary(c)) + ".\n\n";
  if (!c.introduced.empty() || !c.settled.empty()) {
    out += "| Change | Severity | Infrastructure | Model | Finding |\n|---|---|---|---|---|\n";
    auto row = [&out](const Finding& f, const char* change) {
      out += std::string("| ") + change + " | " + std::string(engine::severity_name(f.severity)) +
             " | " +
             (f.observed_at.file.empty() ? std::string("—")
                                         : base::md_code(f.observed_at.str(), true)) +
             " | " + (f.element.empty() ? std::string("—") : base::md_code(f.element, true)) +
             " | " + base::md_escape(f.message, true) + " (`" + f.code + "`) |\n";
    };
    for (const auto& f : c.introduced) row(f, "new");
    for (const auto& f : c.settled) row(f, "settled");
    out += "\n";
  }
  if (!c.surface.empty()) {
    out += "Observed surface:\n\n";
    for (const auto& s : c.surface)
      out += std::string("- ") + (s.added ? "added " : "removed ") + s.what + ": " +
             base::md_escape(s.message) + " (" + base::md_code(s.where.str(), false) + ")" +
             (s.element.empty() ? "" : ", model element " + base::md_code(s.element, false)) + "\n";
    out += "\n";
  }
  if (!c.touched.empty()) {
    out += "Model elements touched, with their open threats:\n\n";
    for (const auto& e : c.touched) {
      out += "- " + base::md_code(e.id, false) + ": ";
      if (e.open_threats.empty()) {
        out += "no open threats\n";
      } else {
        for (size_t i = 0; i < e.open_threats.size(); ++i)
          out += (i ? ", " : "") + base::md_escape(e.open_threats[i]);
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace tw::drift
