#include "drift/infra.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/file.h"
#include "base/text.h"

namespace tw::drift {

namespace {

using Effect = engine::InfraFact::Effect;

engine::InfraWhere where_of(const observe::Where& w) {
  return engine::InfraWhere{w.file, w.line, w.col};
}

const char* bool_text(bool b) { return b ? "true" : "false"; }

/// One observed value of one fact of one model element, the least safe seen first.
struct Seen {
  bool value = false;
  observe::Where at;
};

/// Which value of a fact is the less safe one.
bool unsafe_value(const std::string& fact) {
  return fact == "internet_facing" || fact == "runs_as_root";  // else encrypted*: false
}

class Joiner {
  using Where = observe::Where;

 public:
  Joiner(model::Model& m, const observe::ObservedSystem& obs, const Mapping& map)
      : m_(m), obs_(obs), map_(map) {}

  engine::Infrastructure run() {
    engine::Infrastructure out;
    out.files = obs_.files.size();
    out.unresolved = obs_.unresolved.size();
    out.problems = obs_.problems.size();
    for (const Finding& f : find_drift(m_, obs_, map_)) {
      engine::InfraFinding x;
      x.code = f.code;
      x.severity = f.severity;
      x.message = f.message;
      x.hint = f.hint;
      x.observed = f.observed;
      x.observed_at = where_of(f.observed_at);
      x.element = f.element;
      x.model_at = f.model_at;
      x.model_says = f.model_says;
      out.findings.push_back(std::move(x));
    }
    collect();
    for (auto& [key, seen] : seen_) apply(key.first, key.second, seen, out);
    std::sort(out.facts.begin(), out.facts.end(), [](const auto& a, const auto& b) {
      return std::tie(a.element, a.fact) < std::tie(b.element, b.fact);
    });
    return out;
  }

 private:
  /// The model component an observed component id stands for, as an index, or -1.
  int component_index(const std::string& id) const {
    const observe::ObservedComponent* c = obs_.component(id);
    const model::Component* mc = c ? match(m_, *c, map_) : nullptr;
    return mc ? static_cast<int>(mc - m_.components.data()) : -1;
  }

  void see(const std::string& element, const std::string& fact, bool value, const Where& at) {
    auto [it, fresh] = seen_.try_emplace({element, fact}, Seen{value, at});
    // Keep the least safe observation: that is what is deployed somewhere.
    bool worse = unsafe_value(fact) ? value && !it->second.value : !value && it->second.value;
    if (!fresh && worse) it->second = Seen{value, at};
  }
  static const Where& or_else(const Where& a, const Where& b) { return a.file.empty() ? b : a; }

  void collect() {
    for (const observe::ObservedComponent& c : obs_.components) {
      int i = component_index(c.id);
      if (i < 0) continue;
      const std::string& id = m_.components[i].id;
      if (c.internet_facing) {
        const Where* at = &c.where;
        if (*c.internet_facing)
          for (const observe::Exposure& e : obs_.exposures)
            if (e.component == c.id && e.surface == "internet") {
              at = &e.where;
              break;
            }
        see(id, "internet_facing", *c.internet_facing, *at);
      }
      if (c.encrypted_at_rest)
        see(id, "encrypted_at_rest", *c.encrypted_at_rest, or_else(c.encryption_at, c.where));
      if (c.runs_as_root) see(id, "runs_as_root", *c.runs_as_root, or_else(c.root_at, c.where));
    }
    for (const observe::Weakness& w : obs_.weaknesses) {
      int i = w.component.empty() ? -1 : component_index(w.component);
      if (i < 0) continue;
      const std::string& id = m_.components[i].id;
      if (w.code == "public-bucket" || w.code == "public-database" || w.code == "world-open-rule")
        see(id, "internet_facing", true, w.where);
      else if (w.code == "unencrypted-database")
        see(id, "encrypted_at_rest", false, w.where);
      else if (w.code == "privileged-container" || w.code == "host-path-mount" ||
               w.code == "host-namespace")
        see(id, "runs_as_root", true, w.where);
    }
    for (const observe::ObservedFlow& f : obs_.flows) {
      if (!f.tls) continue;
      int a = component_index(f.from), b = component_index(f.to);
      if (a < 0 || b < 0 || a == b) continue;
      for (const model::Flow& mf : m_.flows)
        if (mf.from.index == a && mf.to.index == b) see(mf.id, "encrypted", *f.tls, f.where);
    }
  }

  std::optional<bool>* slot(const std::string& element, const std::string& fact, base::Loc& loc) {
    for (model::Component& c : m_.components)
      if (c.id == element) {
        loc = c.loc;
        if (fact == "internet_facing") return &c.internet_facing;
        if (fact == "encrypted_at_rest") return &c.encrypted_at_rest;
        if (fact == "runs_as_root") return &c.runs_as_root;
        return nullptr;
      }
    for (model::Flow& f : m_.flows)
      if (f.id == element) {
        loc = f.loc;
        return fact == "encrypted" ? &f.encrypted : nullptr;
      }
    return nullptr;
  }

  void apply(const std::string& element,
             const std::string& fact,
             const Seen& seen,
             engine::Infrastructure& out) {
    engine::InfraFact x;
    x.element = element;
    x.fact = fact;
    x.value = bool_text(seen.value);
    x.at = where_of(seen.at);
    std::optional<bool>* v = slot(element, fact, x.model_at);
    if (!v) return;
    if (!*v) {
      x.effect = Effect::Filled;
      *v = seen.value;
    } else {
      x.model_value = bool_text(**v);
      bool model_unsafe = unsafe_value(fact) ? **v : !**v;
      if (**v == seen.value) {
        x.effect = Effect::Verified;
      } else if (model_unsafe) {
        x.effect = Effect::ModelStricter;
      } else {
        x.effect = Effect::Overridden;
        *v = seen.value;
      }
    }
    out.facts.push_back(std::move(x));
  }

  model::Model& m_;
  const observe::ObservedSystem& obs_;
  const Mapping& map_;
  std::map<std::pair<std::string, std::string>, Seen> seen_;
};

/// "a: true, b: false" -> {{a, true}, {b, false}}; empty when the text is not of that form.
std::vector<std::pair<std::string, std::string>> claim_facts(const std::string& claim) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < claim.size()) {
    size_t end = claim.find(", ", pos);
    std::string part = claim.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    size_t colon = part.find(": ");
    if (colon == std::string::npos) return {};
    out.emplace_back(part.substr(0, colon), part.substr(colon + 2));
    if (end == std::string::npos) break;
    pos = end + 2;
  }
  return out;
}

/// Whether a threat rests on a fact: its root cause, or the fact (or the words rules use for
/// it) in its description.
bool names_fact(const engine::Threat& t, const std::string& fact) {
  if (t.root_cause == fact || t.description.find(fact) != std::string::npos) return true;
  static const std::map<std::string, std::vector<std::string>> kWords = {
      {"internet_facing", {"from the internet", "internet-facing", "internet-exposed"}},
      {"encrypted_at_rest", {"unencrypted"}},
      {"runs_as_root", {" as root", "privileged"}},
      {"encrypted", {"plaintext", "unencrypted", "in clear"}}};
  auto it = kWords.find(fact);
  if (it == kWords.end()) return false;
  for (const std::string& w : it->second)
    if (t.description.find(w) != std::string::npos) return true;
  return false;
}

void recount(engine::Analysis& a) {
  engine::Summary& s = a.summary;
  for (auto& [k, n] : s.by_severity) n = 0;
  for (auto& [k, n] : s.by_status) n = 0;
  for (const engine::Threat& t : a.threats) {
    if (t.status == model::ThreatStatus::Open)
      ++s.by_severity[std::string(engine::severity_name(t.severity))];
    ++s.by_status[std::string(model::name(t.status))];
  }
}

}  // namespace

engine::Infrastructure join_infrastructure(model::Model& m,
                                           const observe::ObservedSystem& obs,
                                           const Mapping& map) {
  return Joiner(m, obs, map).run();
}

void attach_sources(engine::Infrastructure& infra, uint64_t max_bytes) {
  std::set<std::string> files;
  for (const engine::InfraFinding& f : infra.findings)
    if (!f.observed_at.file.empty()) files.insert(f.observed_at.file);
  for (const std::string& file : files) {
    auto text = base::read_file(file, max_bytes);
    if (!text.ok()) continue;
    infra.sources.push_back(std::make_shared<base::SourceFile>(file, std::move(*text)));
  }
}

void apply_to_analysis(engine::Analysis& a, const engine::Infrastructure& infra) {
  std::map<std::pair<std::string, std::string>, const engine::InfraFact*> facts;
  for (const engine::InfraFact& f : infra.facts) facts[{f.element, f.fact}] = &f;
  if (facts.empty()) return;
  for (engine::Threat& t : a.threats) {
    // A claim that the infrastructure shows holds is evidence.
    if (t.status == model::ThreatStatus::Claimed && !t.claim.empty()) {
      auto parts = claim_facts(t.claim);
      std::vector<const engine::InfraFact*> shown;
      for (auto& [k, v] : parts) {
        auto it = facts.find({t.target, k});
        if (it == facts.end() || it->second->value != v ||
            it->second->effect != engine::InfraFact::Effect::Verified)
          break;
        shown.push_back(it->second);
      }
      if (!parts.empty() && shown.size() == parts.size()) {
        t.status = model::ThreatStatus::Mitigated;
        t.status_reason = "mitigated: `" + t.claim + "` is verified by the infrastructure (" +
                          shown.front()->at.str() + ")";
        continue;
      }
    }
    // A fact the infrastructure set on the target, named in the threat: say where from.
    for (const auto& [key, f] : facts) {
      if (key.first != t.target || f->effect == engine::InfraFact::Effect::Verified ||
          f->effect == engine::InfraFact::Effect::ModelStricter)
        continue;
      if (!names_fact(t, f->fact)) continue;
      t.status_reason += std::string(t.status_reason.empty() ? "open: " : "; ") +
                         "the infrastructure shows `" + f->fact + ": " + f->value + "` (" +
                         f->at.str() + ")" +
                         (f->model_value.empty() ? "" : ", the model claims " + f->model_value);
    }
  }
  recount(a);
}

base::Diagnostics infra_diagnostics(const engine::Infrastructure& infra, size_t limit) {
  base::Diagnostics out(limit);
  std::map<std::string, const base::SourceFile*> files;
  for (const auto& s : infra.sources) files[s->path()] = s.get();
  for (const engine::InfraFinding& f : infra.findings) {
    if (f.severity == engine::Severity::Info) continue;
    base::Diagnostic d;
    d.severity =
        f.severity >= engine::Severity::High ? base::Severity::Error : base::Severity::Warning;
    d.code = "drift-" + f.code;
    d.message = f.message;
    d.hint = f.hint;
    auto it = files.find(f.observed_at.file);
    if (it != files.end()) {
      d.loc = base::Loc{it->second, f.observed_at.line, f.observed_at.col, 1};
      if (f.model_at.valid())
        d.notes.push_back({f.model_at, "the model's " + f.element +
                                           (f.model_says.empty() ? "" : " says " + f.model_says)});
    } else {
      d.loc = f.model_at;
      if (!f.observed_at.file.empty()) d.message += " (" + f.observed_at.str() + ")";
    }
    out.add(std::move(d));
  }
  out.sort();
  return out;
}

std::string render_infra_text(const engine::Infrastructure& infra) {
  std::map<engine::Severity, int> by_severity;
  for (const engine::InfraFinding& f : infra.findings) ++by_severity[f.severity];
  std::map<std::string, int> by_effect;
  for (const engine::InfraFact& f : infra.facts)
    ++by_effect[std::string(engine::infra_effect_name(f.effect))];
  std::string out = "\ninfrastructure: " + std::to_string(infra.findings.size()) +
                    " drift finding" + (infra.findings.size() == 1 ? "" : "s");
  std::string list;
  for (auto it = by_severity.rbegin(); it != by_severity.rend(); ++it)
    list += (list.empty() ? "" : ", ") + std::to_string(it->second) + " " +
            std::string(engine::severity_name(it->first));
  if (!list.empty()) out += " (" + list + ")";
  out += ", " + std::to_string(infra.facts.size()) + " fact" + (infra.facts.size() == 1 ? "" : "s");
  list.clear();
  for (auto& [name, n] : by_effect)
    list += (list.empty() ? "" : ", ") + std::to_string(n) + " " + name;
  if (!list.empty()) out += " (" + list + ")";
  out += " from " + std::to_string(infra.files) + " file" + (infra.files == 1 ? "" : "s") + "\n";
  for (const engine::InfraFinding& f : infra.findings) {
    std::string at =
        f.observed_at.file.empty()
            ? (f.model_at.valid() ? f.model_at.path() + ":" + std::to_string(f.model_at.line) +
                                        ":" + std::to_string(f.model_at.col)
                                  : std::string())
            : f.observed_at.str();
    out += "  " + base::printable(at) + ": " + std::string(engine::severity_name(f.severity)) +
           ": " + base::printable(f.message) + " [" + f.code + "]\n";
  }
  for (const engine::InfraFact& f : infra.facts)
    out += "  " + base::printable(f.at.str()) + ": " +
           std::string(engine::infra_effect_name(f.effect)) + ": " + f.element + " " + f.fact +
           ": " + f.value +
           (f.model_value.empty() ? "" : " (the model says " + f.model_value + ")") + "\n";
  return out;
}

}  // namespace tw::drift
