#include "observe/scan.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/file.h"
#include "observe/reader.h"

namespace tw::observe {

std::string Where::str() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col);
}

const char* source_name(Source s) {
  switch (s) {
    case Source::TerraformPlan:
      return "terraform-plan";
    case Source::TerraformHcl:
      return "terraform-hcl";
    case Source::CloudFormation:
      return "cloudformation";
    case Source::Kubernetes:
      return "kubernetes";
    case Source::Compose:
      return "compose";
    case Source::GithubActions:
      return "github-actions";
    case Source::OpenApi:
      return "openapi";
    case Source::Lockfile:
      return "lockfile";
  }
  return "?";
}

const Doc* path(const Doc* d, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    if (!d) return nullptr;
    if (d->is_seq()) d = d->items.empty() ? nullptr : d->items[0].get();
    if (!d) return nullptr;
    d = d->get(k);
  }
  if (d && d->is_seq() && d->items.size() == 1 && d->items[0]->is_map()) return d;
  return d;
}

std::vector<std::string> strings(const Doc* d) {
  std::vector<std::string> out;
  if (!d) return out;
  if (d->is_scalar()) out.push_back(d->text);
  if (d->is_seq())
    for (auto& i : d->items)
      if (i->is_scalar()) out.push_back(i->text);
  return out;
}

bool is_expr(const Doc* d) { return d && !d->tag.empty(); }

void ReadContext::weakness(std::string code,
                           std::string component,
                           std::string message,
                           Where w) const {
  out->weaknesses.push_back(
      {std::move(code), std::move(component), std::move(message), std::move(w)});
}

void ReadContext::unresolved(std::string what, Where w) const {
  out->unresolved.push_back({std::move(what), std::move(w)});
}

ObservedComponent& ReadContext::component(std::string id,
                                          std::string name,
                                          std::string kind,
                                          std::string runtime,
                                          Source source,
                                          Where w) const {
  if (ObservedComponent* c = out->component(id)) {
    if (c->source == source && c->system == system) return *c;
    // The same name from another source or folder (compose and Kubernetes of one system)
    // is another observation: qualify its id, keep its name for matching.
    id = std::string(source_name(source)) + ":" + id;
    if (ObservedComponent* q = out->component(id)) return *q;
  }
  ObservedComponent c;
  c.id = std::move(id);
  c.name = std::move(name);
  c.kind = std::move(kind);
  c.runtime = std::move(runtime);
  c.source = source;
  c.system = system;
  c.where = std::move(w);
  out->components.push_back(std::move(c));
  return out->components.back();
}

ObservedComponent* ObservedSystem::component(const std::string& id) {
  for (auto& c : components)
    if (c.id == id) return &c;
  return nullptr;
}
const ObservedComponent* ObservedSystem::component(const std::string& id) const {
  for (auto& c : components)
    if (c.id == id) return &c;
  return nullptr;
}

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// "http://user@host:8080/x" -> host and port.
std::pair<std::string, std::optional<int>> host_port(std::string v, std::string& scheme) {
  size_t s = v.find("://");
  if (s != std::string::npos) {
    scheme = v.substr(0, s);
    v = v.substr(s + 3);
  }
  size_t at = v.find('@');
  if (at != std::string::npos && at < v.find('/')) v = v.substr(at + 1);
  size_t end = v.find_first_of("/?");
  if (end != std::string::npos) v = v.substr(0, end);
  std::optional<int> port;
  size_t colon = v.rfind(':');
  if (colon != std::string::npos) {
    try {
      size_t used = 0;
      int p = std::stoi(v.substr(colon + 1), &used);
      if (used == v.size() - colon - 1) port = p;
    } catch (...) {
    }
    v = v.substr(0, colon);
  }
  return {v, port};
}

std::string infer_protocol(const std::string& scheme,
                           std::optional<int> port,
                           const ObservedComponent& to,
                           const std::string& port_name) {
  if (scheme == "http" || scheme == "https") return scheme;
  if (scheme.find("postgres") != std::string::npos || scheme.find("mysql") != std::string::npos ||
      scheme.find("jdbc") != std::string::npos)
    return "sql";
  if (scheme == "redis") return "redis";
  if (scheme == "amqp" || scheme == "amqps") return scheme;
  int p = port.value_or(0);
  if (p == 5432 || p == 3306 || p == 1433) return "sql";
  if (p == 6379) return "redis";
  if (p == 25 || p == 1025 || p == 587) return "smtp";
  if (p == 443 || p == 8443) return "https";
  if (port_name.find("grpc") != std::string::npos) return "grpc";
  if (port_name.find("http") != std::string::npos || port_name == "web") return "http";
  if (to.kind == "sql-database") return "sql";
  if (to.kind == "cache") return "redis";
  if (p == 80 || p == 8080 || p == 8000 || p == 8888) return "http";
  return "tcp";
}

bool selects(const std::vector<std::pair<std::string, std::string>>& selector,
             const std::vector<std::pair<std::string, std::string>>& labels) {
  if (selector.empty()) return false;
  for (auto& s : selector)
    if (std::find(labels.begin(), labels.end(), s) == labels.end()) return false;
  return true;
}

}  // namespace

void ObservedSystem::finish() {
  // Services: their names become aliases of the workloads they select; LoadBalancer and
  // NodePort services expose them.
  std::vector<std::pair<std::string, std::string>> port_names;  // component id -> port name
  for (auto& s : services) {
    bool any = false;
    for (auto& c : components)
      if (c.source == Source::Kubernetes && selects(s.selector, c.labels)) {
        any = true;
        c.aliases.push_back(s.name);
        for (auto& n : s.port_names) port_names.emplace_back(c.id, n);
        if (s.type == "LoadBalancer" || s.type == "NodePort") {
          if (s.type == "LoadBalancer") c.internet_facing = true;
          std::string ports;
          for (int p : s.ports) ports += (ports.empty() ? "" : ",") + std::to_string(p);
          exposures.push_back({c.id, s.type == "LoadBalancer" ? "internet" : "node", s.type,
                               s.ports.size() == 1 ? std::optional<int>(s.ports[0]) : std::nullopt,
                               "Service " + s.name + " of type " + s.type + " (port " + ports + ")",
                               s.where});
        }
      }
    (void)any;
  }
  // Aliases -> ids.
  std::vector<std::pair<std::string, std::string>> alias;
  for (auto& c : components) {
    alias.emplace_back(c.id, c.id);
    alias.emplace_back(c.name, c.id);
    for (auto& a : c.aliases) alias.emplace_back(a, c.id);
  }
  // A name may stand for several components (compose and Kubernetes of one system): prefer
  // the one read from the same folder as the reference.
  auto lookup = [&](const std::string& name, const std::string& file) -> std::string {
    std::string found;
    for (auto& [a, id] : alias)
      if (a == name) {
        const ObservedComponent* c = component(id);
        if (c && !c->system.empty() && file.rfind(c->system, 0) == 0) return id;
        if (found.empty()) found = id;
      }
    return found;
  };
  auto by_label = [&](const std::string& ref) -> std::string {
    size_t eq = ref.find('=');
    std::pair<std::string, std::string> l{ref.substr(6, eq - 6), ref.substr(eq + 1)};
    for (auto& c : components)
      if (std::find(c.labels.begin(), c.labels.end(), l) != c.labels.end()) return c.id;
    return {};
  };
  for (auto& e : exposures)
    if (!e.component.empty() && !component(e.component)) {
      std::string id = lookup(e.component, e.where.file);
      if (!id.empty()) {
        e.component = id;
        if (e.surface == "internet") component(id)->internet_facing = true;
      }
    }
  for (auto& w : weaknesses)
    if (!w.component.empty() && !component(w.component)) {
      std::string id = lookup(w.component, w.where.file);
      if (!id.empty()) w.component = id;
    }
  for (auto& w : weaknesses) {
    ObservedComponent* c = component(w.component);
    if (!c) continue;
    if (w.code == "public-bucket" || w.code == "public-database") c->internet_facing = true;
  }
  for (auto& f : flows) {
    if (f.from.rfind("label:", 0) == 0) f.from = by_label(f.from);
    if (f.to.rfind("label:", 0) == 0) f.to = by_label(f.to);
  }
  // Endpoints (environment and ConfigMap values) that name another component are flows.
  for (auto& c : components) {
    for (auto& ref : c.config_refs)
      for (auto& v : config_values)
        if (v.map == ref) c.endpoints.emplace_back(v.value, v.where);
    for (auto& [value, where] : c.endpoints) {
      std::string scheme;
      auto [host, port] = host_port(value, scheme);
      if (host.empty() || host == c.name) continue;
      std::string to = lookup(host, where.file);
      if (to.empty() || to == c.id) continue;
      const ObservedComponent* target = component(to);
      if (!target || target->source != c.source) continue;
      std::string pname;
      for (auto& [id, n] : port_names)
        if (id == to) pname = n;
      ObservedFlow f;
      f.from = c.id;
      f.to = to;
      f.port = port;
      f.protocol = infer_protocol(scheme, port, *target, pname);
      f.tls = f.protocol == "https"  ? std::optional<bool>(true)
              : f.protocol == "http" ? std::optional<bool>(false)
                                     : std::nullopt;
      f.evidence = "names " + host + " in its configuration";
      f.where = where;
      flows.push_back(std::move(f));
    }
  }
  flows.erase(std::remove_if(flows.begin(), flows.end(),
                             [](const ObservedFlow& f) { return f.from.empty() || f.to.empty(); }),
              flows.end());
  // One flow per pair (the first evidence in file order).
  auto by_where = [](const Where& a, const Where& b) {
    return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
  };
  std::stable_sort(flows.begin(), flows.end(), [&](const ObservedFlow& a, const ObservedFlow& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.to != b.to) return a.to < b.to;
    return by_where(a.where, b.where);
  });
  flows.erase(std::unique(flows.begin(), flows.end(),
                          [](const ObservedFlow& a, const ObservedFlow& b) {
                            return a.from == b.from && a.to == b.to;
                          }),
              flows.end());
  std::sort(components.begin(), components.end(),
            [](const ObservedComponent& a, const ObservedComponent& b) { return a.id < b.id; });
  auto sort_where = [&](auto& v) {
    std::stable_sort(v.begin(), v.end(),
                     [&](const auto& a, const auto& b) { return by_where(a.where, b.where); });
  };
  sort_where(exposures);
  sort_where(grants);
  sort_where(pipelines);
  sort_where(weaknesses);
  sort_where(dependencies);
  sort_where(lockfiles);
  sort_where(unresolved);
  sort_where(problems);
  std::sort(files.begin(), files.end());
}

std::string read_text(const std::string& file,
                      std::string_view text,
                      ObservedSystem& out,
                      const std::string& system) {
  ReadContext ctx{file, system, &out};
  std::string name = file.substr(file.rfind('/') + 1);
  if (name == "go.sum") {
    read_go_sum(ctx, text);
    return "go.sum";
  }
  if (name == "Cargo.lock") {
    read_cargo_lock(ctx, text);
    return "Cargo.lock";
  }
  if (name == "poetry.lock") {
    read_poetry_lock(ctx, text);
    return "poetry.lock";
  }
  if (lockfile_name(name) && ends_with(name, ".txt")) {
    read_requirements(ctx, text);
    return "requirements";
  }
  if (ends_with(file, ".tf")) {
    read_terraform_hcl(ctx, text);
    return "terraform-hcl";
  }
  if (!(ends_with(file, ".yaml") || ends_with(file, ".yml") || ends_with(file, ".json") ||
        ends_with(file, ".template")))
    return "";
  if (text.find("{{") != std::string_view::npos && file.find("/templates/") != std::string::npos)
    return "";  // a Helm template: not YAML until rendered
  ParsedFile parsed = parse_documents(text);
  if (!parsed.error.empty() && parsed.documents.empty()) {
    out.problems.push_back({parsed.error, ctx.at(parsed.error_line, parsed.error_col)});
    return "";
  }
  if (!parsed.error.empty())
    out.problems.push_back({parsed.error + " (documents before it were read)",
                            ctx.at(parsed.error_line, parsed.error_col)});
  std::vector<const Doc*> docs;
  for (auto& d : parsed.documents)
    if (d && d->is_map()) docs.push_back(d.get());
  if (docs.empty()) return "";
  const Doc& first = *docs[0];
  if (name == "package-lock.json" || name == "npm-shrinkwrap.json") {
    read_package_lock(ctx, first);
    return "package-lock";
  }
  if (first.get("format_version") &&
      (first.get("planned_values") || first.get("resource_changes") || first.get("values") ||
       first.get("prior_state"))) {
    read_terraform_json(ctx, first);
    return "terraform-plan";
  }
  if (first.get("openapi") || first.get("swagger")) {
    read_openapi(ctx, first);
    return "openapi";
  }
  if (const Doc* r = first.get("Resources"); r && r->is_map()) {
    bool aws = first.get("AWSTemplateFormatVersion") != nullptr;
    for (auto& [k, v] : r->entries)
      if (v && v->str("Type").rfind("AWS::", 0) == 0) aws = true;
    if (aws) {
      read_cloudformation(ctx, first);
      return "cloudformation";
    }
  }
  if (first.get("jobs") && (first.get("on") || first.get("true"))) {
    read_github_actions(ctx, first);
    return "github-actions";
  }
  if (const Doc* s = first.get("services"); s && s->is_map() && !first.get("apiVersion")) {
    read_compose(ctx, first);
    return "compose";
  }
  bool k8s = false;
  for (const Doc* d : docs)
    if (d->get("apiVersion") && d->get("kind")) k8s = true;
  if (k8s) {
    read_kubernetes(ctx, docs);
    return "kubernetes";
  }
  return "";
}

bool lockfile_name(std::string_view name) {
  if (name == "package-lock.json" || name == "npm-shrinkwrap.json" || name == "go.sum" ||
      name == "Cargo.lock" || name == "poetry.lock")
    return true;
  // requirements.txt, requirements-dev.txt, requirements_test.txt (not the .in input)
  return name.rfind("requirements", 0) == 0 && ends_with(name, ".txt");
}

bool scanned_path(std::string_view relative) {
  size_t start = 0;
  while (true) {
    size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) break;
    std::string_view dir = relative.substr(start, slash - start);
    if ((dir.size() > 1 && dir[0] == '.' && dir != ".github" && dir != "..") ||
        dir == "node_modules")
      return false;
    start = slash + 1;
  }
  std::string_view name = relative.substr(start);
  return lockfile_name(name) || ends_with(name, ".tf") || ends_with(name, ".yaml") ||
         ends_with(name, ".yml") || ends_with(name, ".json") || ends_with(name, ".template");
}

namespace {

std::string normal(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

/// Counts files and bytes against the limits; a problem (and false) past either.
struct Budget {
  const ScanLimits& limits;
  ObservedSystem& out;
  uint64_t total = 0;
  uint32_t count = 0;
  bool stopped = false;

  bool admit(const std::string& f, uint64_t size) {
    if (stopped) return false;
    if (++count > limits.max_files) {
      out.problems.push_back(
          {"more than " + std::to_string(limits.max_files) + " files; the rest were not read",
           Where{f, 0, 0}});
      stopped = true;
      return false;
    }
    if (size > limits.max_file_bytes || total + size > limits.max_total_bytes) {
      out.problems.push_back(
          {"file too large (" + std::to_string(size) + " bytes); skipped", Where{f, 0, 0}});
      return false;
    }
    total += size;
    return true;
  }
};

void read_one(const std::string& f,
              const std::string& text,
              ObservedSystem& out,
              const std::string& system) {
  std::string kind = read_text(f, text, out, system);
  if (!kind.empty()) out.files.push_back(f + " (" + kind + ")");
}

}  // namespace

ObservedSystem read_files(const std::vector<TextFile>& files, const ScanLimits& limits) {
  ObservedSystem out;
  Budget budget{limits, out};
  std::vector<const TextFile*> sorted;
  for (const TextFile& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const TextFile* a, const TextFile* b) { return a->path < b->path; });
  for (const TextFile* f : sorted) {
    if (!scanned_path(f->path)) continue;
    if (!budget.admit(f->path, f->text.size())) {
      if (budget.stopped) break;
      continue;
    }
    std::string system = f->path.find('/') == std::string::npos
                             ? std::string(".")
                             : f->path.substr(0, f->path.find('/'));
    read_one(f->path, f->text, out, system);
  }
  out.finish();
  return out;
}

ObservedSystem scan(const std::vector<std::string>& paths,
                    const ScanLimits& limits,
                    const Replacements* replace) {
  namespace fs = std::filesystem;
  ObservedSystem out;
  Budget budget{limits, out};
  std::set<std::string> replaced_seen;
  for (const std::string& root : paths) {
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      files.push_back(root);
    } else if (fs::is_directory(root, ec)) {
      fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
          end;
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        std::string fname = it->path().filename().string();
        if (it->is_directory(ec)) {
          if ((fname.size() > 1 && fname[0] == '.' && fname != ".github") ||
              fname == "node_modules" || it.depth() > 32)
            it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
    } else {
      out.problems.push_back({"no such file or folder", Where{root, 0, 0}});
      continue;
    }
    // Proposed files that do not exist yet, when they lie under this folder.
    if (replace && fs::is_directory(root, ec)) {
      std::string nroot = normal(root);
      for (const auto& [path, text] : *replace) {
        std::string rel;
        if (nroot == ".") {
          if (path == ".." || path.rfind("../", 0) == 0 || path.rfind('/', 0) == 0) continue;
          rel = path;
        } else if (path.size() > nroot.size() && base::path_within(path, nroot)) {
          rel = path.substr(nroot.size() + 1);
        } else {
          continue;
        }
        if (text && !fs::exists(path, ec) && scanned_path(rel))
          files.push_back(nroot == "." ? path : nroot + "/" + rel);
      }
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      if (replace) {
        auto it = replace->find(normal(f));
        if (it != replace->end()) {
          replaced_seen.insert(it->first);
          if (!it->second) continue;  // deleted by the change
          if (!scanned_path(fs::path(f).filename().string())) continue;
          if (!budget.admit(f, it->second->size())) {
            if (budget.stopped) break;
            continue;
          }
          read_one(f, *it->second, out, root);
          continue;
        }
      }
      if (budget.stopped) break;
      std::error_code sec;
      // A symbolic link may not lead outside the folder being scanned (a pull request could
      // point one at the runner's credentials).
      if (fs::is_symlink(fs::symlink_status(f, sec))) {
        auto target = fs::weakly_canonical(f, sec).string();
        auto base = fs::weakly_canonical(root, sec).string();
        if (sec || target.compare(0, base.size(), base) != 0 ||
            (target.size() > base.size() && target[base.size()] != '/')) {
          out.problems.push_back(
              {"symbolic link to a file outside the scanned folder; not read", Where{f, 0, 0}});
          continue;
        }
      }
      uint64_t size = fs::file_size(f, sec);
      if (sec) continue;
      if (!scanned_path(fs::path(f).filename().string())) continue;
      if (!budget.admit(f, size)) {
        if (budget.stopped) break;
        continue;
      }
      // Read through the one input function: a regular file, inside the scanned folder once
      // links are followed (checked on the opened file, not only above), within the size.
      std::error_code dec;
      std::string within = base::folder_of(root);
      if (fs::is_directory(root, dec)) {
        auto canon = base::canonical_path(root);
        within = canon ? *canon : std::string();
      }
      auto bytes = base::read_file(f, limits.max_file_bytes, within);
      if (!bytes) {
        out.problems.push_back({bytes.error().message + "; not read", Where{f, 0, 0}});
        continue;
      }
      read_one(f, *bytes, out, root);
    }
  }
  out.finish();
  return out;
}

}  // namespace tw::observe
