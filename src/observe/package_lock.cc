// package-lock.json (npm lockfileVersion 1, 2 and 3): every locked package with its version,
// whether an integrity hash is recorded, and where it is fetched from.

#include <string>

#include "observe/lockfile.h"

namespace tw::observe {

namespace {

/// Where a `resolved` URL (or its absence) fetches the package from.
std::string registry_of(const Doc& entry) {
  if (entry.str("link") == "true") return "path";
  std::string r = entry.str("resolved");
  if (r.empty()) return entry.get("version") ? "public" : "path";
  if (r.rfind("git+", 0) == 0 || r.rfind("git:", 0) == 0 || r.rfind("github:", 0) == 0)
    return "git";
  if (r.rfind("file:", 0) == 0) return "path";
  if (r.rfind("https://registry.npmjs.org/", 0) == 0 ||
      r.rfind("https://registry.yarnpkg.com/", 0) == 0)
    return "public";
  if (r.rfind("http://", 0) == 0 || r.rfind("https://", 0) == 0) {
    // A tarball URL on a registry host (".../-/name-1.0.0.tgz") is another registry.
    return r.find("/-/") != std::string::npos ? "private" : "url";
  }
  return "url";
}

void package(const ReadContext& ctx, Lockfile& lock, const std::string& name, const Doc& e) {
  if (name.empty() || !e.is_map()) return;
  Dependency d;
  d.name = name;
  d.version = e.str("version");
  d.registry = registry_of(e);
  if (d.registry == "path") return;  // the project's own workspace packages
  d.pinned = !d.version.empty();
  d.integrity = !e.str("integrity").empty();
  d.where = ctx.at(&e);
  add_package(ctx, lock, std::move(d));
}

/// lockfileVersion 1: nested `dependencies`, each of which may nest its own.
void nested(const ReadContext& ctx, Lockfile& lock, const Doc* deps, int depth) {
  if (!deps || !deps->is_map() || depth > 64) return;
  for (auto& [k, v] : deps->entries) {
    if (!k || !v) continue;
    package(ctx, lock, k->text, *v);
    nested(ctx, lock, v->get("dependencies"), depth + 1);
  }
}

}  // namespace

void read_package_lock(const ReadContext& ctx, const Doc& root) {
  Lockfile lock;
  lock.ecosystem = "npm";
  std::string version = root.str("lockfileVersion");
  lock.format = "package-lock.json v" + (version.empty() ? std::string("1") : version);
  lock.where = ctx.at(&root);
  if (const Doc* packages = root.get("packages"); packages && packages->is_map()) {
    for (auto& [k, v] : packages->entries) {
      if (!k || !v || k->text.empty()) continue;  // "": the root project
      size_t at = k->text.rfind("node_modules/");
      if (at == std::string::npos) continue;  // a workspace folder
      package(ctx, lock, k->text.substr(at + 13), *v);
    }
  } else {
    nested(ctx, lock, root.get("dependencies"), 0);
  }
  add_lockfile(ctx, std::move(lock));
}

}  // namespace tw::observe
