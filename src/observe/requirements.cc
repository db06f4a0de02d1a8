// requirements*.txt (pip): every requirement with whether it is pinned to one version (`==`,
// `===`), whether it carries `--hash`, and the package indexes the file names.

#include <cctype>
#include <string>

#include "observe/lockfile.h"

namespace tw::observe {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

/// PEP 503: lower case, runs of "-_." folded to "-".
std::string normalise(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool public_index(const std::string& url) {
  return url.rfind("https://pypi.org/simple", 0) == 0 ||
         url.rfind("https://pypi.python.org/simple", 0) == 0;
}

}  // namespace

void read_requirements(const ReadContext& ctx, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Lockfile lock;
  lock.ecosystem = "pypi";
  lock.format = "requirements.txt";
  lock.where = ctx.at(1, 1);
  bool private_index = false;
  size_t unread = 0;  // lines that are no requirement: the first 20 are reported
  uint32_t line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    // One logical line: physical lines joined where they end in a backslash.
    uint32_t start_line = line;
    std::string logical;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      std::string_view phys = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
      pos = nl == std::string_view::npos ? text.size() : nl + 1;
      if (!phys.empty() && phys.back() == '\r') phys.remove_suffix(1);
      ++line;
      if (!phys.empty() && phys[0] == '#') phys = {};
      size_t hash = phys.find(" #");
      if (hash != std::string_view::npos) phys = phys.substr(0, hash);
      std::string t = trim(phys);
      if (!t.empty() && t.back() == '\\') {
        logical += t.substr(0, t.size() - 1) + " ";
        continue;
      }
      logical += t;
      break;
    }
    logical = trim(logical);
    if (logical.empty()) continue;
    Where at = ctx.at(start_line, 1);
    if (logical[0] == '-') {
      // Options: indexes matter (a second index invites dependency confusion).
      for (const char* opt : {"--index-url", "-i", "--extra-index-url"}) {
        std::string o = opt;
        if (logical.rfind(o, 0) != 0) continue;
        std::string url = trim(logical.substr(o.size()));
        if (!url.empty() && url[0] == '=') url = trim(url.substr(1));
        if (url.empty()) continue;
        lock.indexes.push_back(url);
        if (o == "--extra-index-url" || !public_index(url)) private_index = true;
      }
      if (logical.rfind("-e ", 0) == 0 || logical.rfind("--editable", 0) == 0) {
        Dependency d;
        d.name = trim(logical.substr(logical.find(' ') + 1));
        d.registry = d.name.find("git+") != std::string::npos ? "git" : "path";
        d.where = at;
        add_package(ctx, lock, std::move(d));
      }
      continue;
    }
    Dependency d;
    d.where = at;
    size_t name_end = 0;
    while (name_end < logical.size() &&
           (std::isalnum(static_cast<unsigned char>(logical[name_end])) ||
            logical[name_end] == '-' || logical[name_end] == '_' || logical[name_end] == '.'))
      ++name_end;
    if (logical.rfind("git+", 0) == 0 || logical.rfind("http", 0) == 0) {
      d.name = logical.substr(0, logical.find(' '));
      size_t egg = d.name.find("#egg=");
      if (egg != std::string::npos) d.name = d.name.substr(egg + 5);
      d.registry = logical.rfind("git+", 0) == 0 ? "git" : "url";
    } else if (name_end == 0) {
      if (++unread <= 20) ctx.unresolved("requirement '" + logical.substr(0, 80) + "'", at);
      continue;
    } else {
      d.name = normalise(logical.substr(0, name_end));
      std::string rest = logical.substr(name_end);
      size_t marker = rest.find(';');
      std::string spec = marker == std::string::npos ? rest : rest.substr(0, marker);
      size_t opt = spec.find(" --");
      if (opt != std::string::npos) spec = spec.substr(0, opt);
      if (size_t at_url = spec.find(" @ ");
          at_url != std::string::npos || spec.rfind("@", 0) == 0) {
        d.registry = spec.find("git+") != std::string::npos ? "git" : "url";
      } else {
        d.registry = private_index ? "private" : "public";
        size_t eq = spec.find("==");
        if (eq != std::string::npos && spec.find_first_of("<>!~,*", eq) == std::string::npos) {
          d.pinned = true;
          d.version = trim(spec.substr(eq + (spec.compare(eq, 3, "===") == 0 ? 3 : 2)));
        } else {
          d.version = trim(spec);
        }
      }
    }
    d.integrity = logical.find("--hash=") != std::string::npos ||
                  logical.find("--hash ") != std::string::npos;
    add_package(ctx, lock, std::move(d));
  }
  add_lockfile(ctx, std::move(lock));
}

}  // namespace tw::observe
