#include "drift/discover.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/escape.h"
#include "drift/drift.h"
#include "model/vocabulary.h"

namespace tw::drift {

namespace {

/// A YAML scalar: plain when safe, else double-quoted with escapes.
std::string q(const std::string& raw) {
  const std::string s = base::clean_utf8(raw);
  bool plain = !s.empty();
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == '/' || c == ' '))
      plain = false;
  if (plain && (s.front() == ' ' || s.back() == ' ' || s == "true" || s == "false" || s == "null" ||
                s == "yes" || s == "no" || s == "on" || s == "off" ||
                std::isdigit(static_cast<unsigned char>(s.front()))))
    plain = false;
  if (plain) return s;
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

/// A comment's text on one line, without control characters.
std::string c(const std::string& raw) {
  std::string out;
  for (unsigned char ch : base::clean_utf8(raw))
    out += ch < 0x20 || ch == 0x7f ? ' ' : static_cast<char>(ch);
  return out;
}

bool is_store(const std::string& kind) {
  const model::KindInfo* k = model::builtin_kind(kind);
  return k && k->type == model::ComponentType::DataStore;
}

struct Merged {
  std::string id, name, kind;
  std::vector<const observe::ObservedComponent*> parts;
  std::optional<bool> internet_facing, encrypted_at_rest, runs_as_root;
  std::string facing_src, enc_src, root_src;
};

}  // namespace

std::string discover_model(const observe::ObservedSystem& obs, const DiscoverOptions& opts) {
  std::string name = opts.name;
  if (name.empty() && !opts.inputs.empty()) {
    std::string p = opts.inputs[0];
    while (!p.empty() && p.back() == '/') p.pop_back();
    name = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
  }
  if (name.empty() || name == ".") name = "Discovered system";

  // Components with the same name from several sources (compose, Kubernetes) are one; so are
  // workloads of different sources that run the same image (crAPI's compose service
  // `api.mypremiumdealership.com` and its Kubernetes `gateway-service` both run
  // crapi/gateway-service). Within one source, a shared image is two components.
  std::map<std::string, Merged> by_id;
  std::map<std::string, std::string> observed_to_model;
  std::map<std::string, std::string> image_of;  // observed id -> image repository
  for (const auto& d : obs.dependencies)
    if (d.kind == "container-image" && !d.used_by.empty()) image_of.emplace(d.used_by, d.name);
  std::map<std::string, std::vector<std::pair<observe::Source, std::string>>> by_image;
  for (const auto& oc : obs.components) {
    std::string id = slug(oc.name);
    static const char* generic[] = {"default", "this", "main", "example", "test", "primary"};
    for (const char* g : generic)
      if (id == g) {
        std::string rt = oc.runtime;
        size_t us = rt.find('_');
        if (us != std::string::npos) rt = rt.substr(us + 1);
        id = slug(id + "-" + rt);
      }
    if (id.empty()) id = slug(oc.id);
    if (id.empty()) id = "component";
    if (!std::isalpha(static_cast<unsigned char>(id[0]))) id = "c-" + id;
    bool by_image_merge = false;
    if (auto img = image_of.find(oc.id); img != image_of.end()) {
      std::vector<std::pair<observe::Source, std::string>>& runs = by_image[img->second];
      if (!by_id.count(id))
        for (const auto& run : runs)
          if (run.first != oc.source) {
            id = run.second;
            by_image_merge = true;
            break;
          }
      runs.emplace_back(oc.source, id);
    }
    Merged& m = by_id[id];
    m.id = id;
    if (m.name.empty()) m.name = oc.name;
    // Merged by image under another name: the id keeps one name, the name gives the other, so
    // that drift ties both resources to the component.
    if (by_image_merge && slug(m.name) == m.id) m.name = oc.name;
    if (m.kind.empty() || (m.kind == "service" && oc.kind != "service")) m.kind = oc.kind;
    m.parts.push_back(&oc);
    observed_to_model[oc.id] = id;
    auto take = [&](std::optional<bool>& dst, std::string& src, const std::optional<bool>& v,
                    bool prefer, const observe::Where& at) {
      if (!v) return;
      if (!dst || (*v == prefer && *dst != prefer)) {
        dst = v;
        src = at.line > 0 ? at.str() : oc.where.str();
      }
    };
    take(m.internet_facing, m.facing_src, oc.internet_facing, true, oc.where);
    take(m.encrypted_at_rest, m.enc_src, oc.encrypted_at_rest, false, oc.encryption_at);
    take(m.runs_as_root, m.root_src, oc.runs_as_root, true, oc.root_at);
  }
  // Where an exposure says why a component faces the internet.
  std::map<std::string, const observe::Exposure*> why_public;
  for (const auto& e : obs.exposures)
    if (e.surface == "internet" && observed_to_model.count(e.component))
      why_public.emplace(observed_to_model[e.component], &e);

  std::string y;
  y += "# Draft threat model of " + c(name) + ", drafted by `threatwright discover` from:\n";
  for (const auto& in : opts.inputs) y += "#   " + c(in) + "\n";
  y += "# Every fact marked 'inferred' was read from an infrastructure file (cited). Review each:\n"
       "# keep what is right, correct what is not, add assets, adversaries and the flows the\n"
       "# files do not show, then delete the 'inferred' comments.\n";
  y += "threatwright: 1\n\n";
  y += "system:\n  name: " + q(name) + "\n";
  y += "  description: Drafted from infrastructure files; not yet reviewed.\n";
  y += "  methodology: stride\n\n";
  // One placeholder asset per data store: what it holds is for a person to say.
  bool any_store = false;
  for (auto& [id, m] : by_id)
    if (is_store(m.kind)) {
      if (!any_store) y += "assets:\n";
      any_store = true;
      y += "  - id: " + q(id + "-data") + "\n    name: " + q("Data held in " + m.name) +
           "\n    value: high  # assumed: review\n"
           "    impact: To be reviewed (what does it hold, and what if it leaks or is lost?)\n";
    }
  if (!any_store)
    y += "assets:\n  - id: system-data\n    name: Data the system handles\n"
         "    value: high  # assumed: review\n    impact: To be reviewed\n";
  y += "\n";
  y += "boundaries:\n";
  y += "  - {id: internet, name: Internet, trust: untrusted}\n";
  y += "  - {id: deployment, name: " + q(name + " deployment") +
       ", trust: trusted}  # inferred: everything the files deploy\n";
  bool any_ci = !obs.pipelines.empty();
  if (any_ci) y += "  - {id: ci, name: CI, trust: semi-trusted}  # inferred: CI workflows\n";
  y += "\ncomponents:\n";
  y += "  - id: internet-user\n    name: Internet user\n    type: external-entity\n"
       "    kind: user\n    boundary: internet\n";
  std::set<std::string> ids = {"internet-user"};
  for (auto& [id, m] : by_id) {
    ids.insert(id);
    const auto* first = m.parts.front();
    y += "  - id: " + q(id) + "  # inferred: " + c(first->where.str()) + " (" + c(first->runtime) +
         ")";
    for (size_t i = 1; i < m.parts.size(); ++i) y += "; also " + c(m.parts[i]->where.str());
    y += "\n";
    y += "    name: " + q(m.name) + "\n";
    y += std::string("    type: ") + (is_store(m.kind) ? "data-store" : "process") + "\n";
    y += "    kind: " + q(m.kind) + "  # inferred from " + c(first->runtime) + "\n";
    y += "    boundary: deployment\n";
    if (is_store(m.kind)) y += "    stores: [" + q(id + "-data") + "]\n";
    if (m.internet_facing) {
      y += std::string("    internet_facing: ") + (*m.internet_facing ? "true" : "false") +
           "  # inferred: ";
      auto w = why_public.find(id);
      y += w != why_public.end() ? c(w->second->where.str() + " " + w->second->detail)
                                 : c(m.facing_src);
      y += "\n";
    }
    if (m.encrypted_at_rest)
      y += std::string("    encrypted_at_rest: ") + (*m.encrypted_at_rest ? "true" : "false") +
           "  # inferred: " + c(m.enc_src) + "\n";
    if (m.runs_as_root)
      y += std::string("    runs_as_root: ") + (*m.runs_as_root ? "true" : "false") +
           "  # inferred: " + c(m.root_src) + "\n";
    bool api_open = false;
    for (const auto& w : obs.weaknesses)
      if (w.code == "operation-without-security" && observed_to_model[w.component] == id)
        api_open = true;
    if (api_open)
      y += "    # inferred: some operations require no authentication (see `threatwright drift`)\n";
  }
  std::map<std::string, std::string> pipeline_ids;
  for (const auto& p : obs.pipelines) {
    std::string id = slug(p.id);
    if (ids.count(id)) continue;
    ids.insert(id);
    pipeline_ids[p.id] = id;
    y += "  - id: " + q(id) + "  # inferred: " + c(p.where.str()) + " (GitHub Actions)\n";
    y += "    name: " + q(p.name) +
         "\n    type: process\n    kind: ci-pipeline\n"
         "    boundary: ci\n";
    std::string trig;
    for (auto& t : p.triggers) trig += (trig.empty() ? "" : ", ") + t;
    y += "    # inferred: triggers " + c(trig) + "; token permissions " + c(p.permissions) +
         (p.oidc ? "; OIDC (id-token: write)" : "") +
         (p.secrets.empty() ? "" : "; " + std::to_string(p.secrets.size()) + " secret(s)") + "\n";
  }

  y += "\nflows:\n";
  std::set<std::string> flow_ids;
  size_t nflows = 0;
  for (auto& [id, m] : by_id) {
    if (!m.internet_facing.value_or(false)) continue;
    std::string fid = "internet-user-to-" + id;
    flow_ids.insert(fid);
    auto w = why_public.find(id);
    std::string proto = "https";
    std::string src = w != why_public.end() ? w->second->where.str() : m.facing_src;
    if (w != why_public.end() && w->second->detail.find("no TLS") != std::string::npos)
      proto = "http";
    if (is_store(m.kind)) proto = m.kind == "object-store" ? "https" : "sql";
    y += "  - id: " + q(fid) + "  # inferred: " + c(src) + " (public entry point)\n";
    y += "    from: internet-user\n    to: " + q(id) + "\n    protocol: " + proto +
         "  # assumed; confirm TLS\n";
    ++nflows;
  }
  for (const auto& f : obs.flows) {
    auto a = observed_to_model.find(f.from), b = observed_to_model.find(f.to);
    if (a == observed_to_model.end() || b == observed_to_model.end() || a->second == b->second)
      continue;
    std::string fid = a->second + "-to-" + b->second;
    if (!flow_ids.insert(fid).second) continue;
    y += "  - id: " + q(fid) + "  # inferred: " + c(f.where.str()) + " (" + c(f.evidence) + ")\n";
    y += "    from: " + q(a->second) + "\n    to: " + q(b->second) + "\n";
    std::string proto = model::builtin_protocol(f.protocol) ? f.protocol : "tcp";
    y += "    protocol: " + proto + "\n";
    if (f.port) y += "    port: " + std::to_string(*f.port) + "\n";
    ++nflows;
  }
  if (nflows == 0) y.resize(y.size() - std::string("\nflows:\n").size()), y += "\n";

  // Supply chain: actions and images, once each.
  std::vector<std::string> supply;
  std::set<std::string> supply_ids;
  for (const auto& d : obs.dependencies) {
    if (d.kind == "package") continue;  // lockfile packages: one entry per lockfile, below
    std::string used = d.kind == "ci-action"                ? pipeline_ids[d.used_by]
                       : observed_to_model.count(d.used_by) ? observed_to_model[d.used_by]
                                                            : "";
    std::string sid = slug(d.name);
    if (sid.empty()) continue;
    if (!std::isalpha(static_cast<unsigned char>(sid[0]))) sid = "s-" + sid;
    if (!supply_ids.insert(sid).second) continue;
    std::string e = "  - id: " + q(sid) + "  # inferred: " + c(d.where.str()) + "\n";
    e += "    name: " + q(d.name) + "\n";
    if (d.kind == "ci-action")
      e += "    kind: build-tool\n    ecosystem: github-actions\n";
    else if (d.kind == "container-image")
      e += "    kind: container-image\n    ecosystem: docker\n";
    else
      e += "    kind: library\n    ecosystem: terraform\n";
    const char* sep = d.kind == "container-image" && !d.pinned ? ":" : "@";
    e += "    source: " + q(d.name + (d.version.empty() ? "" : sep + d.version)) + "\n";
    e += std::string("    pinned: ") + (d.pinned ? "true" : "false") + "  # inferred: " +
         (d.pinned            ? "by digest or commit SHA"
          : d.version.empty() ? "no version"
                              : "by tag") +
         "\n";
    if (!used.empty()) e += "    used_by: [" + q(used) + "]\n";
    supply.push_back(std::move(e));
  }
  // Lockfiles: one library entry per lockfile, used by the workload built from its folder.
  for (const observe::Lockfile& l : obs.lockfiles) {
    if (l.packages == 0) continue;
    std::string base =
        l.dir.substr(l.dir.rfind('/') == std::string::npos ? 0 : l.dir.rfind('/') + 1);
    std::string used;
    for (const auto& oc : obs.components) {
      std::string n = slug(oc.name), b = slug(base);
      if (!b.empty() && (n == b || (n.size() > b.size() && n.compare(n.size() - b.size() - 1,
                                                                     b.size() + 1, "-" + b) == 0)))
        if (observed_to_model.count(oc.id)) {
          used = observed_to_model[oc.id];
          break;
        }
    }
    std::string sid = slug(base + "-" + l.ecosystem + "-packages");
    if (!std::isalpha(static_cast<unsigned char>(sid[0]))) sid = "s-" + sid;
    while (!supply_ids.insert(sid).second) sid += "-x";
    std::string e = "  - id: " + q(sid) + "  # inferred: " + c(l.where.str()) + "\n";
    e += "    name: " + q(l.ecosystem + " packages of " + l.dir) + "\n";
    e += "    kind: library\n    ecosystem: " + l.ecosystem + "\n";
    e += "    source: " +
         std::string(l.indexes.empty() && l.non_registry == 0 ? "public-registry"
                                                              : "private-registry") +
         "  # inferred: " + std::to_string(l.non_registry) + " of " + std::to_string(l.packages) +
         " from another registry, git or a URL\n";
    e += std::string("    pinned: ") + (l.pinned == l.packages ? "true" : "false") +
         "  # inferred: " + std::to_string(l.pinned) + " of " + std::to_string(l.packages) +
         " locked to one version (" + c(l.format) + ")\n";
    e += std::string("    integrity_checked: ") + (l.hashed == l.packages ? "true" : "false") +
         "  # inferred: " + std::to_string(l.hashed) + " of " + std::to_string(l.packages) +
         " with a hash\n";
    if (!used.empty()) e += "    used_by: [" + q(used) + "]\n";
    supply.push_back(std::move(e));
  }
  if (!supply.empty()) {
    y += "\nsupply_chain:\n";
    for (auto& s : supply) y += s;
  }

  // IAM and the rest: not model sections yet, so kept as review notes.
  std::vector<std::string> notes;
  for (const auto& g : obs.grants)
    if (g.admin || g.wildcard_action) {
      std::string acts;
      for (auto& a : g.actions) acts += (acts.empty() ? "" : ", ") + a;
      notes.push_back(g.where.str() + ": " + g.principal + " may " +
                      (acts.empty() ? "administer (" + g.detail + ")" : acts) +
                      (g.wildcard_resource ? " on *" : ""));
    }
  for (const auto& w : obs.weaknesses)
    if (w.code == "world-open-rule" || w.code == "untrusted-checkout" ||
        w.code == "cluster-admin-binding")
      notes.push_back(w.where.str() + ": " + w.message);
  for (const auto& u : obs.unresolved) notes.push_back(u.where.str() + ": unresolved: " + u.what);
  if (!notes.empty()) {
    y += "\n# Review notes (not expressible as model facts yet; see `threatwright drift`):\n";
    size_t shown = 0;
    for (auto& n : notes) {
      if (++shown > 200) {
        y += "#   ... and " + std::to_string(notes.size() - 200) + " more\n";
        break;
      }
      y += "#   " + c(n) + "\n";
    }
  }
  return y;
}

}  // namespace tw::drift
