// Cargo.lock (versions 1 to 4): every `[[package]]` that comes from a registry or git, with
// its checksum (per package from version 2; in `[metadata]` in version 1).

#include <set>
#include <string>

#include "observe/lockfile.h"

namespace tw::observe {

void read_cargo_lock(const ReadContext& ctx, std::string_view text) {
  TomlDoc doc = parse_toml_lite(text);
  if (!doc.error.empty())
    ctx.out->problems.push_back(
        {doc.error + (doc.tables.size() > 1 ? " (the packages before it were read)" : ""),
         ctx.at(doc.error_line, doc.error_col)});
  Lockfile lock;
  lock.ecosystem = "cargo";
  const TomlValue* version = doc.tables.empty() ? nullptr : doc.tables[0].get("version");
  lock.format = "Cargo.lock" + (version ? " v" + version->text : std::string(" v1"));
  lock.where = ctx.at(1, 1);
  // Version 1: "checksum NAME VERSION (SOURCE)" keys of [metadata].
  std::set<std::string> v1_sums;
  for (const TomlTable& t : doc.tables)
    if (t.name == "metadata")
      for (const TomlValue& v : t.values)
        if (v.key.rfind("checksum ", 0) == 0) {
          std::string rest = v.key.substr(9);
          v1_sums.insert(rest.substr(0, rest.find(" (")));
        }
  for (const TomlTable& t : doc.tables) {
    if (!t.array || t.name != "package") continue;
    const TomlValue* name = t.get("name");
    const TomlValue* ver = t.get("version");
    const TomlValue* source = t.get("source");
    if (!name || !source) continue;  // no source: a crate of this workspace
    Dependency d;
    d.name = name->text;
    d.version = ver ? ver->text : "";
    const std::string& s = source->text;
    if (s == "registry+https://github.com/rust-lang/crates.io-index" ||
        s == "sparse+https://index.crates.io/")
      d.registry = "public";
    else if (s.rfind("git+", 0) == 0)
      d.registry = "git";
    else
      d.registry = "private";
    // A git source is pinned by the commit after '#'; a registry one by its exact version.
    size_t sha = s.rfind('#');
    d.pinned = d.registry == "git" ? sha != std::string::npos && s.size() - sha - 1 == 40
                                   : !d.version.empty();
    d.integrity = t.get("checksum") != nullptr || v1_sums.count(d.name + " " + d.version) > 0;
    d.where = ctx.at(t.line, t.col);
    add_package(ctx, lock, std::move(d));
  }
  add_lockfile(ctx, std::move(lock));
}

}  // namespace tw::observe
