// go.sum: every module version it records, with its hash. The `/go.mod` lines hash only a
// module's go.mod (graph pruning): a version counts once whatever lines it has.

#include <set>
#include <string>

#include "observe/lockfile.h"

namespace tw::observe {

void read_go_sum(const ReadContext& ctx, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Lockfile lock;
  lock.ecosystem = "go";
  lock.format = "go.sum";
  lock.where = ctx.at(1, 1);
  std::set<std::pair<std::string, std::string>> seen;
  uint32_t line = 0, bad = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    ++line;
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty()) continue;
    size_t a = l.find(' ');
    size_t b = a == std::string_view::npos ? a : l.find(' ', a + 1);
    if (a == std::string_view::npos || b == std::string_view::npos || a == 0) {
      // The first few bad lines are reported; a file of junk is one more problem, then read no
      // further.
      if (++bad <= 3) {
        ctx.out->problems.push_back(
            {"not a go.sum line (expected 'module version hash')", ctx.at(line, 1)});
      } else {
        ctx.out->problems.push_back(
            {"more lines that are not go.sum lines; the rest of the file was not read",
             ctx.at(line, 1)});
        break;
      }
      continue;
    }
    std::string module(l.substr(0, a));
    std::string version(l.substr(a + 1, b - a - 1));
    std::string_view hash = l.substr(b + 1);
    if (version.size() > 7 && version.compare(version.size() - 7, 7, "/go.mod") == 0)
      version.resize(version.size() - 7);
    if (!seen.insert({module, version}).second) continue;
    if (seen.size() > 200000) break;
    Dependency d;
    d.name = module;
    d.version = version;
    d.pinned = true;  // go.sum records exact versions
    d.integrity = hash.rfind("h1:", 0) == 0;
    d.registry = "public";
    d.where = ctx.at(line, 1);
    add_package(ctx, lock, std::move(d));
  }
  add_lockfile(ctx, std::move(lock));
}

}  // namespace tw::observe
