// poetry.lock (lock-version 1.x and 2.x): every `[[package]]` with its files' hashes (per
// package, or in `[metadata.files]` in 1.x) and its source (`[package.source]`).

#include <map>
#include <string>

#include "observe/lockfile.h"

namespace tw::observe {

void read_poetry_lock(const ReadContext& ctx, std::string_view text) {
  TomlDoc doc = parse_toml_lite(text);
  if (!doc.error.empty())
    ctx.out->problems.push_back(
        {doc.error + (doc.tables.size() > 1 ? " (the packages before it were read)" : ""),
         ctx.at(doc.error_line, doc.error_col)});
  Lockfile lock;
  lock.ecosystem = "pypi";
  lock.where = ctx.at(1, 1);
  std::string lock_version;
  std::map<std::string, bool> v1_hashed;  // [metadata.files]: name -> any hash
  for (const TomlTable& t : doc.tables) {
    if (t.name == "metadata")
      if (const TomlValue* v = t.get("lock-version")) lock_version = v->text;
    if (t.name == "metadata.files")
      for (const TomlValue& v : t.values)
        v1_hashed[v.key] = v.text.find("hash") != std::string::npos;
  }
  lock.format = "poetry.lock" + (lock_version.empty() ? "" : " " + lock_version);
  // [[package]] is followed by its own [package.source], [package.dependencies], ... tables.
  int current = -1;  // index into found
  std::vector<Dependency> found;
  for (const TomlTable& t : doc.tables) {
    if (t.array && t.name == "package") {
      const TomlValue* name = t.get("name");
      if (!name) {
        current = -1;
        continue;
      }
      Dependency d;
      d.name = name->text;
      if (const TomlValue* v = t.get("version")) d.version = v->text;
      d.pinned = !d.version.empty();
      const TomlValue* files = t.get("files");
      d.integrity = files ? files->text.find("hash") != std::string::npos
                          : v1_hashed.count(d.name) && v1_hashed[d.name];
      d.registry = "public";
      d.where = ctx.at(t.line, t.col);
      found.push_back(std::move(d));
      current = static_cast<int>(found.size()) - 1;
      continue;
    }
    if (!t.array && t.name == "package.source" && current >= 0) {
      const TomlValue* type = t.get("type");
      std::string ty = type ? type->text : "";
      found[current].registry = ty == "git"                         ? "git"
                                : ty == "url"                       ? "url"
                                : ty == "file" || ty == "directory" ? "path"
                                                                    : "private";
      if (const TomlValue* url = t.get("url"); url && ty == "legacy")
        lock.indexes.push_back(url->text);
      continue;
    }
    if (t.name != "package.dependencies" && t.name != "package.extras" &&
        t.name.rfind("package.", 0) != 0)
      current = -1;
  }
  for (Dependency& d : found) {
    if (d.registry == "path") continue;  // a local project, not a third-party package
    add_package(ctx, lock, std::move(d));
  }
  add_lockfile(ctx, std::move(lock));
}

}  // namespace tw::observe
