#include "lsp/workspace.h"

#include <algorithm>

#include "base/date.h"
#include "base/file.h"
#include "base/glob.h"
#include "check/lint.h"
#include "engine/evidence.h"

namespace tw::lsp {

bool Snapshot::has_file(const std::string& path) const {
  return std::find(files.begin(), files.end(), path) != files.end();
}

std::vector<const Occurrence*> Snapshot::find(const std::string& id) const {
  std::vector<const Occurrence*> out;
  for (const Occurrence& o : occurrences) {
    if (o.id == id) out.push_back(&o);
  }
  std::stable_sort(out.begin(), out.end(), [](const Occurrence* a, const Occurrence* b) {
    return a->definition && !b->definition;
  });
  return out;
}

// The disk as the loader sees it through the editor: open documents from their text, other
// files from the disk, nothing outside the workspace root.
class Workspace::Overlay : public load::FileSource {
 public:
  explicit Overlay(const Workspace& ws) : ws_(ws) {
    for (const auto& [path, doc] : ws.docs_) {
      texts_[path] = &doc.text;
      auto canon = base::canonical_path(path);
      if (canon.ok()) texts_[*canon] = &doc.text;
    }
  }

  base::Result<std::string> read(const std::string& path,
                                 uint64_t max_bytes,
                                 const std::string& within) override {
    auto it = texts_.find(path);
    if (it == texts_.end()) {
      auto canon = base::canonical_path(path);
      if (canon.ok()) it = texts_.find(*canon);
    }
    if (it != texts_.end()) {
      // An open document obeys the same containment as the file it stands for.
      if (!within.empty()) {
        auto canon = canonical(path);
        if (!canon.ok() || !base::path_within(*canon, within)) {
          return base::Error{path + ": outside the folder of the model that includes it"};
        }
      }
      if (it->second->size() > max_bytes) {
        return base::Error{path + ": larger than " + std::to_string(max_bytes) + " bytes"};
      }
      return *it->second;
    }
    if (!ws_.contains(path)) return base::Error{path + ": outside the workspace root"};
    return base::read_file(path, max_bytes, within);
  }

  base::Result<std::vector<std::string>> glob(const std::string& dir,
                                              const std::string& pattern) override {
    if (!ws_.contains(dir)) return base::Error{dir + ": outside the workspace root"};
    return base::expand_glob(dir, pattern, base::kMaxGlobEntriesPerModel, &glob_entries_left_);
  }

  base::Result<std::string> canonical(const std::string& path) override {
    auto canon = base::canonical_path(path);
    if (canon.ok()) return canon;
    // A document the editor has open but that is not on disk yet.
    if (texts_.count(path)) {
      auto dir = base::canonical_path(base::dir_name(path));
      if (dir.ok()) return base::join_path(*dir, path.substr(path.find_last_of('/') + 1));
      return path;
    }
    return canon;
  }

 private:
  const Workspace& ws_;
  std::map<std::string, const std::string*> texts_;
  size_t glob_entries_left_ = base::kMaxGlobEntriesPerModel;  // shared by this load's globs
};

Workspace::Workspace(WorkspaceOptions options) : options_(std::move(options)) {
  if (!options_.root.empty()) {
    auto canon = base::canonical_path(options_.root);
    canonical_root_ = canon.ok() ? *canon : options_.root;
  }
}

Workspace::~Workspace() = default;

bool Workspace::contains(const std::string& path) const {
  if (canonical_root_.empty()) return true;
  if (path.empty() || path[0] != '/') return false;
  auto canon = base::canonical_path(path);
  if (canon.ok()) return base::path_within(*canon, canonical_root_);
  // Not on disk (yet): its folder must be inside.
  auto dir = base::canonical_path(base::dir_name(path));
  return dir.ok() && base::path_within(*dir, canonical_root_);
}

void Workspace::open(const std::string& path, std::string text, int version) {
  docs_[path] = Doc{std::move(text), version};
}

void Workspace::change(const std::string& path, std::string text, int version) {
  docs_[path] = Doc{std::move(text), version};
}

void Workspace::close(const std::string& path) { docs_.erase(path); }

const std::string* Workspace::text(const std::string& path) const {
  auto it = docs_.find(path);
  return it == docs_.end() ? nullptr : &it->second.text;
}

std::string Workspace::root_of(const std::string& path) const {
  if (snapshots_.count(path)) return path;
  for (const auto& [root, snap] : snapshots_) {
    if (snap->has_file(path)) return root;
  }
  return path;
}

const Snapshot* Workspace::snapshot_for(const std::string& path) const {
  auto it = snapshots_.find(root_of(path));
  return it == snapshots_.end() ? nullptr : it->second.get();
}

const Snapshot& Workspace::check(const std::string& root) {
  auto snap = std::make_unique<Snapshot>();
  snap->root = root;
  bool on_disk = !root.empty() && root[0] == '/';
  if (on_disk) {
    Overlay overlay(*this);
    snap->load = load::load_model(root, overlay, options_.load);
  } else {
    const std::string* t = text(root);
    snap->load = load::load_model_text(root, t ? *t : std::string(), options_.load);
  }
  size_t limit = options_.load.limits.max_diagnostics;
  snap->diagnostics = base::Diagnostics(limit);
  snap->diagnostics.append(snap->load.diagnostics);
  const model::Model& m = *snap->load.model;
  if (snap->load.ok()) {
    // What `check` runs (cli/cmd_check.cc), with the editor's text for open files.
    base::Date today = base::today();
    check::LintOptions lo;
    lo.max_diagnostics = limit;
    lo.today = today;
    lo.check_code = on_disk;
    engine::AnalyzeOptions ao;
    ao.today = today;
    std::string evidence_path = engine::default_evidence_path(root);
    base::Result<engine::EvidenceFile> history =
        on_disk && contains(evidence_path)
            ? engine::read_evidence(evidence_path)
            : base::Result<engine::EvidenceFile>(engine::EvidenceFile{});
    if (history) {
      ao.evidence = engine::control_evidence(m, *history, today);
    } else {
      lo.evidence_error = history.error().message;
      ao.evidence = engine::control_evidence(m, {}, today);
    }
    snap->analysis = engine::analyze(m, ao);
    snap->analyzed = true;
    check::LintResult lint = check::lint(m, snap->analysis, lo);
    snap->diagnostics.append(snap->analysis.diagnostics);
    snap->diagnostics.append(lint.diagnostics);
  }
  snap->diagnostics.sort();
  for (const auto& src : m.sources) snap->files.push_back(src->path());
  if (snap->files.empty()) snap->files.push_back(root);
  snap->occurrences = index_model(m);
  auto& slot = snapshots_[root];
  slot = std::move(snap);
  return *slot;
}

namespace {

struct Indexer {
  std::vector<Occurrence>& out;

  void ref(const model::Ref& r) {
    if (r.id.empty() || !r.loc.valid()) return;
    out.push_back(Occurrence{r.id, r.loc.file, r.loc.line, r.loc.col, r.loc.len, false});
  }
  void refs(const std::vector<model::Ref>& rs) {
    for (const auto& r : rs) ref(r);
  }
  void node(const model::AttackNode& n) {
    ref(n.target);
    ref(n.threat);
    refs(n.mitigated_by);
    for (const auto& c : n.children) node(c);
  }
};

}  // namespace

std::vector<Occurrence> index_model(const model::Model& m) {
  std::vector<Occurrence> out;
  for (const auto& [id, e] : m.ids) {
    if (!e.loc.valid()) continue;
    out.push_back(Occurrence{id, e.loc.file, e.loc.line, e.loc.col, e.loc.len, true});
  }
  Indexer ix{out};
  for (const auto& b : m.boundaries) ix.ref(b.parent);
  for (const auto& c : m.components) {
    ix.ref(c.boundary);
    ix.refs(c.stores);
  }
  for (const auto& f : m.flows) {
    ix.ref(f.from);
    ix.ref(f.to);
    ix.refs(f.data);
    ix.refs(f.returns);
  }
  for (const auto& s : m.supply_chain) ix.refs(s.used_by);
  for (const auto& c : m.controls) ix.refs(c.mitigates);
  for (const auto& t : m.threats) {
    ix.ref(t.target);
    ix.ref(t.adversary);
    ix.refs(t.assets);
  }
  for (const auto& d : m.decisions) ix.ref(d.threat);
  for (const auto& f : m.failure_modes) {
    ix.ref(f.component);
    ix.refs(f.mitigated_by);
  }
  for (const auto& n : m.not_applicable) ix.ref(n.target);
  for (const auto& i : m.pasta.threat_intelligence) {
    ix.refs(i.relevant_to);
    ix.refs(i.adversaries);
  }
  for (const auto& v : m.pasta.vulnerabilities) ix.ref(v.target);
  for (const auto& t : m.attack_trees) {
    ix.ref(t.adversary);
    ix.node(t.root);
  }
  // Stable order: by file, then position.
  std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.file != b.file) return a.file->path() < b.file->path();
    if (a.line != b.line) return a.line < b.line;
    return a.col < b.col;
  });
  return out;
}

}  // namespace tw::lsp
