#include "diff/code_drift.h"

#include <algorithm>
#include <set>

#include "base/glob.h"
#include "diff/git.h"

namespace tw::diff {

std::vector<std::string> repo_globs(const model::Component& c, const std::string& file_dir) {
  std::vector<std::string> out;
  for (const std::string& g : c.code) {
    if (g.empty()) continue;
    std::string full;
    if (g[0] == '/') {
      full = g.substr(1);
    } else {
      full = file_dir.empty() || file_dir == "." ? g : file_dir + "/" + g;
    }
    // Normalise the literal part only; wildcards stay as written.
    size_t wild = full.find_first_of("*?[");
    size_t cut = wild == std::string::npos ? full.size() : full.rfind('/', wild);
    if (cut == std::string::npos) cut = 0;
    std::string head = normalize_path(full.substr(0, cut));
    std::string tail = full.substr(cut);
    if (!tail.empty() && tail[0] == '/') tail = tail.substr(1);
    if (head == ".") head.clear();
    full = head.empty() ? tail : tail.empty() ? head : head + "/" + tail;
    out.push_back(full);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

/// The component a threat id is about: "<rule>@<target>", or a hand-written threat's target.
void add_threat_target(const model::Model& m,
                       const std::string& threat,
                       std::set<std::string>& out) {
  size_t at = threat.find('@');
  if (at != std::string::npos) {
    out.insert(threat.substr(at + 1));
    return;
  }
  for (const model::Threat& t : m.threats) {
    if (t.id == threat) out.insert(t.target.id);
  }
}

void add_flow_ends(const model::Model& m, const std::string& id, std::set<std::string>& out) {
  for (const model::Flow& f : m.flows) {
    if (f.id != id) continue;
    out.insert(f.from.id);
    out.insert(f.to.id);
  }
}

}  // namespace

std::vector<std::string> components_changed_in_meaning(const model::Model& before,
                                                       const model::Model& after,
                                                       const ModelDiff& model,
                                                       const ThreatDiff& threats) {
  std::set<std::string> touched;
  for (const ElementChange& e : model.elements) {
    if (e.section == "components") {
      touched.insert(e.id);
    } else if (e.section == "flows") {
      add_flow_ends(before, e.id, touched);
      add_flow_ends(after, e.id, touched);
    } else if (e.section == "threats") {
      add_threat_target(before, e.id, touched);
      add_threat_target(after, e.id, touched);
    } else if (e.section == "decisions") {
      add_threat_target(before, e.id, touched);
      add_threat_target(after, e.id, touched);
    } else if (e.section == "not_applicable") {
      touched.insert(e.id.substr(0, e.id.find(':')));
    }
  }
  for (const ElementChange& e : model.elements) {
    if (e.section == "failure_modes") {
      for (const model::Model* m : {&before, &after}) {
        for (const model::FailureMode& f : m->failure_modes) {
          if (f.id == e.id) touched.insert(f.component.id);
        }
      }
    } else if (e.section == "controls") {
      for (const model::Model* m : {&before, &after}) {
        const model::IdEntry* at = m->find(e.id);
        if (!at || at->kind != model::Kind::Control) continue;
        for (const model::Ref& t : m->controls[at->index].mitigates) {
          add_threat_target(*m, t.id, touched);
        }
      }
    }
  }
  for (const ThreatChange& t : threats.threats) touched.insert(t.target);
  // A flow's threats concern the components at its ends.
  std::set<std::string> ends;
  for (const std::string& id : touched) {
    for (const model::Model* m : {&before, &after}) {
      const model::IdEntry* e = m->find(id);
      if (!e || e->kind != model::Kind::Flow) continue;
      ends.insert(m->flows[e->index].from.id);
      ends.insert(m->flows[e->index].to.id);
    }
  }
  touched.insert(ends.begin(), ends.end());
  return {touched.begin(), touched.end()};
}

std::vector<CodeDrift> find_code_drift(
    const model::Model& model,
    const std::function<std::string(const model::Component&)>& dir_of,
    const std::vector<std::string>& changed,
    const std::vector<std::string>& updated) {
  std::vector<CodeDrift> out;
  for (const model::Component& c : model.components) {
    if (c.code.empty() || std::binary_search(updated.begin(), updated.end(), c.id)) continue;
    CodeDrift d{c.id, c.name, repo_globs(c, dir_of(c)), {}};
    for (const std::string& f : changed) {
      for (const std::string& g : d.globs) {
        // "dir" alone also covers the files below it.
        if (base::glob_match(g, f) || (!base::has_glob(g) && base::glob_match(g + "/**", f))) {
          d.files.push_back(f);
          break;
        }
      }
    }
    if (!d.files.empty()) out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(),
            [](const CodeDrift& a, const CodeDrift& b) { return a.component < b.component; });
  return out;
}

}  // namespace tw::diff
