#include "diff/change_report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/escape.h"
#include "base/text.h"

namespace tw::diff {

using engine::Severity;

namespace {

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

size_t surface_count(const ModelDiff& d, SurfaceKind k) {
  size_t n = 0;
  for (const auto& s : d.surface) n += s.kind == k;
  return n;
}

// "2 open: 1 critical, 1 high" for new threats.
std::string open_breakdown(const ThreatDiff& d) {
  std::map<Severity, size_t, std::greater<>> by;
  size_t open = 0;
  for (const auto& t : d.threats) {
    if (t.kind != ThreatChangeKind::New || !t.open_after()) continue;
    ++open;
    ++by[t.severity_after.value_or(Severity::Info)];
  }
  if (!open) return "none open";
  std::string s = std::to_string(open) + " open: ";
  bool first = true;
  for (auto& [sev, n] : by) {
    s += (first ? "" : ", ") + std::to_string(n) + " " + std::string(engine::severity_name(sev));
    first = false;
  }
  return s;
}

std::vector<std::string> summary_parts(const ChangeReport& r) {
  std::vector<std::string> p;
  const ModelDiff& m = r.model;
  if (size_t n = surface_count(m, SurfaceKind::EntryPoint)) {
    p.push_back(plural(n, "new entry point", "new entry points"));
  }
  if (size_t n = surface_count(m, SurfaceKind::Crossing)) {
    p.push_back(plural(n, "new boundary crossing", "new boundary crossings"));
  }
  if (size_t n = surface_count(m, SurfaceKind::InternetFacing)) {
    p.push_back(plural(n, "newly internet-facing component", "newly internet-facing components"));
  }
  if (!m.weakened.empty()) {
    p.push_back(
        plural(m.weakened.size(), "weakened security property", "weakened security properties"));
  }
  const ThreatDiff& t = r.threats;
  if (size_t n = t.count(ThreatChangeKind::New)) {
    p.push_back(plural(n, "new threat", "new threats") + " (" + open_breakdown(t) + ")");
  }
  if (size_t n = t.count(ThreatChangeKind::NewSuppressed)) {
    p.push_back(plural(n, "new threat already suppressed", "new threats already suppressed"));
  }
  if (size_t n = t.count(ThreatChangeKind::Suppressed)) {
    p.push_back(plural(n, "threat suppressed", "threats suppressed"));
  }
  if (size_t n = t.count(ThreatChangeKind::Changed)) {
    p.push_back(plural(n, "threat changed", "threats changed"));
  }
  if (size_t n = t.count(ThreatChangeKind::Resolved)) {
    p.push_back(plural(n, "threat resolved", "threats resolved"));
  }
  if (!t.expired.empty()) {
    p.push_back(plural(t.expired.size(), "acceptance expired", "acceptances expired"));
  }
  if (!r.drift.empty()) {
    p.push_back(plural(r.drift.size(), "component changed", "components changed") +
                " without a threat-model update");
  }
  size_t add = m.count(Change::Added), rem = m.count(Change::Removed),
         chg = m.count(Change::Changed);
  if (add + rem + chg) {
    p.push_back("model: " + std::to_string(add) + " added, " + std::to_string(rem) + " removed, " +
                std::to_string(chg) + " changed");
  }
  return p;
}

std::string gate_line(const ChangeReport& r) {
  if (!r.fail_on) return "";
  std::string sev(engine::severity_name(*r.fail_on));
  if (r.gate.empty()) {
    return "gate passed: no new or raised open threat at or above " + sev;
  }
  return "gate failed: " +
         plural(r.gate.size(), "new or raised open threat", "new or raised open threats") +
         " at or above " + sev + " (" + base::join(r.gate, ", ") + ")";
}

std::string value_or_unset(const std::optional<std::string>& v) { return v ? *v : "(unset)"; }

std::string sev_name(const std::optional<Severity>& s) {
  return s ? std::string(engine::severity_name(*s)) : "-";
}
std::string status_name(const std::optional<model::ThreatStatus>& s) {
  return s ? std::string(model::name(*s)) : "-";
}

// --- text ---

class Text {
 public:
  explicit Text(bool color) : color_(color) {}
  std::string c(const char* code, const std::string& s) const {
    return color_ ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
  std::string green(const std::string& s) const { return c("32", s); }
  std::string red(const std::string& s) const { return c("31", s); }
  std::string yellow(const std::string& s) const { return c("33", s); }
  std::string bold(const std::string& s) const { return c("1", s); }
  std::string dim(const std::string& s) const { return c("2", s); }

 private:
  bool color_;
};

// User text for a terminal: control characters neutralised, long values shortened.
std::string clean(const std::string& s, size_t max = 100) {
  std::string flat = s;
  for (char& ch : flat) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  std::string p = base::printable(flat);
  if (p.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(p[cut]) & 0xC0) == 0x80) --cut;
    p = p.substr(0, cut) + "...";
  }
  return p;
}

std::string where(const Place& p, const Text& t) {
  return p.known() ? "  " + t.dim("(" + clean(p.str(), 200) + ")") : "";
}

std::string threat_title(const ThreatChange& c) {
  std::string s = c.id;
  if (!c.title.empty()) s += "  " + clean(c.title, 80);
  return s;
}

}  // namespace

std::string summary_line(const ChangeReport& r) {
  auto parts = summary_parts(r);
  if (!r.changed()) {
    std::string s = "no change";
    if (!r.threats.expired.empty()) {
      s += "; " + plural(r.threats.expired.size(), "acceptance expired", "acceptances expired");
    }
    return s;
  }
  return base::join(parts, "; ");
}

std::string render_text(const ChangeReport& r, bool color) {
  Text t(color);
  std::ostringstream o;
  o << t.bold("threatwright diff: " + clean(r.before, 200) + " -> " + clean(r.after, 200)) << "\n";
  o << summary_line(r) << "\n";
  if (r.fail_on) {
    std::string g = gate_line(r);
    o << (r.gate.empty() ? t.green(g) : t.red(g)) << "\n";
  }
  const ModelDiff& m = r.model;
  if (!m.surface.empty()) {
    o << "\n" << t.bold("New attack surface") << "\n";
    for (const SurfaceChange& s : m.surface) {
      o << "  " << t.red("+") << " " << surface_kind_name(s.kind) << ": " << s.element << " "
        << s.id << ": " << clean(s.detail, 200) << where(s.where, t) << "\n";
    }
  }
  if (!m.weakened.empty()) {
    o << "\n" << t.bold("Weakened security properties") << "\n";
    for (const Weakening& w : m.weakened) {
      o << "  " << t.red("!") << " " << w.element << " " << w.id << ": " << clean(w.detail, 200);
      if (w.property != "removed") {
        o << " (" << w.property << ": " << clean(value_or_unset(w.before)) << " -> "
          << clean(value_or_unset(w.after)) << ")";
      }
      o << where(w.where, t) << "\n";
    }
  }
  if (!r.threats.threats.empty()) {
    o << "\n" << t.bold("Threats") << "\n";
    for (const ThreatChange& c : r.threats.threats) {
      switch (c.kind) {
        case ThreatChangeKind::New: {
          std::string tag = "new " + sev_name(c.severity_after) + " " + status_name(c.status_after);
          o << "  " << (c.open_after() ? t.red("+") : t.yellow("+")) << " " << tag << "  "
            << threat_title(c) << "\n";
          break;
        }
        case ThreatChangeKind::Changed: {
          std::vector<std::string> what;
          if (c.severity_changed()) {
            what.push_back(sev_name(c.severity_before) + " -> " + sev_name(c.severity_after));
          }
          if (c.status_changed()) {
            what.push_back(status_name(c.status_before) + " -> " + status_name(c.status_after));
          }
          bool worse = c.open_after() && (c.status_before != model::ThreatStatus::Open ||
                                          c.severity_after > c.severity_before);
          o << "  " << (worse ? t.red("~") : t.yellow("~")) << " " << base::join(what, ", ") << "  "
            << threat_title(c);
          if (!c.status_reason.empty() && c.status_changed()) {
            o << t.dim(" (" + clean(c.status_reason, 120) + ")");
          }
          o << "\n";
          break;
        }
        case ThreatChangeKind::Resolved:
          o << "  " << t.green("-") << " resolved (was " << sev_name(c.severity_before) << " "
            << status_name(c.status_before) << ")  " << threat_title(c) << "\n";
          break;
        case ThreatChangeKind::NewSuppressed:
          o << "  " << t.red("!") << " new, already " << status_name(c.status_after) << " ("
            << sev_name(c.inherent_after) << " before suppression)  " << threat_title(c)
            << t.dim(" (" + clean(c.status_reason, 120) + ")") << "\n";
          break;
        case ThreatChangeKind::Suppressed:
          o << "  " << t.yellow("~") << " suppressed (" << status_name(c.status_before) << " -> "
            << status_name(c.status_after) << ")  " << threat_title(c)
            << t.dim(" (" + clean(c.status_reason, 120) + ")") << "\n";
          break;
      }
    }
  }
  if (!r.threats.expired.empty()) {
    o << "\n" << t.bold("Acceptances expired") << "\n";
    for (const ExpiredAcceptance& e : r.threats.expired) {
      o << "  " << t.red("!") << " " << e.threat << ": accepted until " << e.review_by.str();
      if (!e.owner.empty()) o << " by " << clean(e.owner, 60);
      if (!e.title.empty()) o << "  " << clean(e.title, 80);
      o << where(e.where, t) << "\n";
    }
  }
  if (!r.drift.empty()) {
    o << "\n" << t.bold("Code changed without a threat-model update") << "\n";
    for (const CodeDrift& d : r.drift) {
      o << "  " << t.red("!") << " component " << d.component;
      if (!d.name.empty()) o << " (" << clean(d.name, 60) << ")";
      o << " changed without a threat-model update: " << plural(d.files.size(), "file", "files")
        << " under " << clean(base::join(d.globs, ", "), 200) << "\n";
      size_t shown = 0;
      for (const std::string& f : d.files) {
        if (++shown > 10) {
          o << "      ... and " << d.files.size() - 10 << " more\n";
          break;
        }
        o << "      " << clean(f, 200) << "\n";
      }
    }
  }
  if (!m.elements.empty()) {
    o << "\n" << t.bold("Model changes") << "\n";
    std::string section;
    for (const ElementChange& e : m.elements) {
      if (e.section != section) {
        section = e.section;
        o << "  " << section << "\n";
      }
      std::string mark = e.change == Change::Added     ? t.green("+")
                         : e.change == Change::Removed ? t.red("-")
                                                       : t.yellow("~");
      o << "    " << mark << " " << clean(e.id, 120);
      if (!e.name.empty() && e.name != e.id) o << "  " << clean(e.name, 60);
      o << where(e.where, t) << "\n";
      for (const AttrChange& a : e.attrs) {
        o << "        " << a.name << ": " << clean(value_or_unset(a.before)) << " -> "
          << clean(value_or_unset(a.after)) << "\n";
      }
    }
  }
  return o.str();
}

// --- markdown ---

namespace {

// At most `max` bytes of `s`, cut on a code point boundary ("..." marks the cut).
std::string shorten(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

// Model text in the PR comment: the shared GitHub Markdown escaping (no markup, HTML, mentions,
// issue references or autolinks; '|' escaped, which is also right outside tables).
std::string md(const std::string& s, size_t max = 200) {
  return base::md_escape(shorten(s, max), true);
}

// An identifier or path in a code span; one holding '|' (which a code span in a table cannot
// hold) as escaped text.
std::string code(const std::string& s) {
  if (s.find('|') != std::string::npos) return md(s);
  return base::md_code(shorten(s, 200), false);
}

void details(std::ostringstream& o, const std::string& summary, const std::string& body) {
  o << "\n<details><summary>" << summary << "</summary>\n\n" << body << "\n</details>\n";
}

}  // namespace

std::string render_markdown(const ChangeReport& r) {
  std::ostringstream o;
  o << "### Threat model diff: " << code(r.before) << " → " << code(r.after) << "\n\n";
  if (r.fail_on) {
    o << (r.gate.empty() ? "**Gate passed:** " : "**Gate failed:** ");
    std::string sev(engine::severity_name(*r.fail_on));
    if (r.gate.empty()) {
      o << "no new or raised open threat at or above " << sev << ".\n\n";
    } else {
      std::vector<std::string> ids;
      for (const auto& id : r.gate) ids.push_back(code(id));
      o << plural(r.gate.size(), "new or raised open threat", "new or raised open threats")
        << " at or above " << sev << ": " << base::join(ids, ", ") << ".\n\n";
    }
  }
  auto parts = summary_parts(r);
  if (!r.changed()) {
    o << "No change to the threat model.\n";
    parts.clear();
    if (!r.threats.expired.empty()) {
      parts.push_back(
          plural(r.threats.expired.size(), "acceptance expired", "acceptances expired"));
    }
  }
  for (const std::string& p : parts) o << "- " << p << "\n";

  const ModelDiff& m = r.model;
  if (!m.surface.empty()) {
    std::ostringstream b;
    b << "| Kind | Element | From → to / detail | Where |\n|---|---|---|---|\n";
    for (const SurfaceChange& s : m.surface) {
      b << "| " << surface_kind_name(s.kind) << " | " << s.element << " " << code(s.id)
        << (s.new_element ? " (new)" : "") << " | "
        << (s.element == "flow" ? md(s.from) + " → " + md(s.to) : md(s.detail)) << " | "
        << md(s.where.str()) << " |\n";
    }
    details(o, "New attack surface (" + std::to_string(m.surface.size()) + ")", b.str());
  }
  if (!m.weakened.empty()) {
    std::ostringstream b;
    b << "| Element | Property | Before | After | What |\n|---|---|---|---|---|\n";
    for (const Weakening& w : m.weakened) {
      b << "| " << w.element << " " << code(w.id) << " | " << w.property << " | "
        << md(value_or_unset(w.before)) << " | " << md(value_or_unset(w.after)) << " | "
        << md(w.detail) << " |\n";
    }
    details(o, "Weakened security properties (" + std::to_string(m.weakened.size()) + ")", b.str());
  }
  if (!r.threats.threats.empty()) {
    std::ostringstream b;
    b << "| Change | Threat | Severity | Status | Title |\n|---|---|---|---|---|\n";
    for (const ThreatChange& c : r.threats.threats) {
      auto pair = [](const std::string& a, const std::string& z) {
        return a == z ? z : a == "-" ? z : z == "-" ? a : a + " → " + z;
      };
      b << "| " << threat_change_name(c.kind) << " | " << code(c.id) << " | "
        << pair(sev_name(c.severity_before), sev_name(c.severity_after)) << " | "
        << pair(status_name(c.status_before), status_name(c.status_after)) << " | "
        << md(c.title, 120) << " |\n";
    }
    details(o, "Threats (" + std::to_string(r.threats.threats.size()) + ")", b.str());
  }
  if (!r.threats.expired.empty()) {
    std::ostringstream b;
    b << "| Threat | Accepted until | Owner |\n|---|---|---|\n";
    for (const ExpiredAcceptance& e : r.threats.expired) {
      b << "| " << code(e.threat) << " | " << e.review_by.str() << " | " << md(e.owner) << " |\n";
    }
    details(o, "Acceptances expired (" + std::to_string(r.threats.expired.size()) + ")", b.str());
  }
  if (!r.drift.empty()) {
    std::ostringstream b;
    for (const CodeDrift& d : r.drift) {
      b << "- component " << code(d.component)
        << " changed without a threat-model update: " << plural(d.files.size(), "file", "files")
        << " under ";
      std::vector<std::string> globs;
      for (const auto& g : d.globs) globs.push_back(code(g));
      b << base::join(globs, ", ") << "\n";
      size_t shown = 0;
      for (const std::string& f : d.files) {
        if (++shown > 20) {
          b << "  - ... and " << d.files.size() - 20 << " more\n";
          break;
        }
        b << "  - " << code(f) << "\n";
      }
    }
    details(o,
            "Code changed without a threat-model update (" + std::to_string(r.drift.size()) + ")",
            b.str());
  }
  if (!m.elements.empty()) {
    std::ostringstream b;
    std::string section;
    for (const ElementChange& e : m.elements) {
      if (e.section != section) {
        b << (section.empty() ? "" : "\n") << "**" << md(e.section) << "**\n\n";
        section = e.section;
      }
      const char* mark = e.change == Change::Added     ? "added"
                         : e.change == Change::Removed ? "removed"
                                                       : "changed";
      b << "- " << mark << " " << code(e.id);
      if (!e.name.empty() && e.name != e.id) b << " " << md(e.name, 80);
      b << "\n";
      for (const AttrChange& a : e.attrs) {
        b << "  - " << code(a.name) << ": " << md(value_or_unset(a.before), 120) << " → "
          << md(value_or_unset(a.after), 120) << "\n";
      }
    }
    details(o, "Model changes (" + std::to_string(m.elements.size()) + ")", b.str());
  }
  return o.str();
}

// --- json ---

namespace {

using nlohmann::ordered_json;

ordered_json opt(const std::optional<std::string>& s) {
  return s ? ordered_json(*s) : ordered_json(nullptr);
}

ordered_json place(const Place& p) {
  if (!p.known()) return nullptr;
  return ordered_json{{"file", p.file}, {"line", p.line}};
}

template <class T>
ordered_json opt_json(const std::optional<T>& v, auto f) {
  return v ? ordered_json(f(*v)) : ordered_json(nullptr);
}

}  // namespace

std::string render_json(const ChangeReport& r) {
  ordered_json j;
  j["format"] = "threatwright-diff";
  j["version"] = 1;
  j["before"] = r.before;
  j["after"] = r.after;
  j["mode"] = r.git ? "git" : "files";
  if (r.git) j["model"] = r.model_path;
  j["changed"] = r.changed();
  j["summary_text"] = summary_line(r);
  const ModelDiff& m = r.model;
  j["summary"] = {
      {"added", m.count(Change::Added)},
      {"removed", m.count(Change::Removed)},
      {"changed", m.count(Change::Changed)},
      {"new_entry_points", surface_count(m, SurfaceKind::EntryPoint)},
      {"new_boundary_crossings", surface_count(m, SurfaceKind::Crossing)},
      {"newly_internet_facing", surface_count(m, SurfaceKind::InternetFacing)},
      {"weakened", m.weakened.size()},
      {"threats_new", r.threats.count(ThreatChangeKind::New)},
      {"threats_changed", r.threats.count(ThreatChangeKind::Changed)},
      {"threats_suppressed", r.threats.count(ThreatChangeKind::Suppressed)},
      {"threats_new_suppressed", r.threats.count(ThreatChangeKind::NewSuppressed)},
      {"threats_resolved", r.threats.count(ThreatChangeKind::Resolved)},
      {"acceptances_expired", r.threats.expired.size()},
      {"code_without_model", r.drift.size()},
  };
  if (r.fail_on) {
    j["gate"] = {{"fail_on", engine::severity_name(*r.fail_on)},
                 {"failed", r.gate_failed()},
                 {"threats", r.gate}};
  } else {
    j["gate"] = nullptr;
  }
  ordered_json surface = ordered_json::array();
  for (const SurfaceChange& s : m.surface) {
    ordered_json e = {{"kind", surface_kind_name(s.kind)},
                      {"element", s.element},
                      {"id", s.id},
                      {"new_element", s.new_element}};
    if (s.element == "flow") {
      e["from"] = s.from;
      e["to"] = s.to;
    }
    e["detail"] = s.detail;
    e["where"] = place(s.where);
    surface.push_back(std::move(e));
  }
  j["attack_surface"] = std::move(surface);
  ordered_json weak = ordered_json::array();
  for (const Weakening& w : m.weakened) {
    weak.push_back({{"element", w.element},
                    {"id", w.id},
                    {"property", w.property},
                    {"before", opt(w.before)},
                    {"after", opt(w.after)},
                    {"detail", w.detail},
                    {"where", place(w.where)}});
  }
  j["weakened"] = std::move(weak);
  ordered_json threats = ordered_json::array();
  for (const ThreatChange& c : r.threats.threats) {
    auto sev = [](Severity s) { return std::string(engine::severity_name(s)); };
    auto st = [](model::ThreatStatus s) { return std::string(model::name(s)); };
    auto num = [](int n) { return n; };
    threats.push_back(
        {{"change", threat_change_name(c.kind)},
         {"id", c.id},
         {"rule", c.rule_id.empty() ? ordered_json(nullptr) : ordered_json(c.rule_id)},
         {"target", c.target},
         {"title", c.title},
         {"severity",
          {{"before", opt_json(c.severity_before, sev)},
           {"after", opt_json(c.severity_after, sev)}}},
         {"status",
          {{"before", opt_json(c.status_before, st)}, {"after", opt_json(c.status_after, st)}}},
         {"score",
          {{"before", opt_json(c.score_before, num)}, {"after", opt_json(c.score_after, num)}}},
         {"status_reason", c.status_reason},
         {"inherent_severity", opt_json(c.inherent_after, sev)},
         {"fails_gate", std::binary_search(r.gate.begin(), r.gate.end(), c.id)}});
  }
  j["threats"] = std::move(threats);
  ordered_json expired = ordered_json::array();
  for (const ExpiredAcceptance& e : r.threats.expired) {
    expired.push_back({{"threat", e.threat},
                       {"title", e.title},
                       {"review_by", e.review_by.str()},
                       {"owner", e.owner},
                       {"where", place(e.where)}});
  }
  j["acceptances_expired"] = std::move(expired);
  ordered_json drift = ordered_json::array();
  for (const CodeDrift& d : r.drift) {
    ordered_json files = ordered_json::array(), globs = ordered_json::array();
    for (const auto& f : d.files) files.push_back(f);
    for (const auto& g : d.globs) globs.push_back(g);
    drift.push_back({{"component", d.component},
                     {"name", d.name},
                     {"code", std::move(globs)},
                     {"files", std::move(files)}});
  }
  j["code_without_model"] = std::move(drift);
  ordered_json elements = ordered_json::array();
  for (const ElementChange& e : m.elements) {
    ordered_json attrs = ordered_json::array();
    for (const AttrChange& a : e.attrs) {
      attrs.push_back({{"name", a.name}, {"before", opt(a.before)}, {"after", opt(a.after)}});
    }
    elements.push_back({{"section", e.section},
                        {"kind", e.kind},
                        {"id", e.id},
                        {"name", e.name},
                        {"change", change_name(e.change)},
                        {"where", place(e.where)},
                        {"attributes", std::move(attrs)}});
  }
  j["elements"] = std::move(elements);
  base::clean_json_strings(j);  // model text: no control or hidden characters
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace tw::diff
