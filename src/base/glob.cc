#include "base/glob.h"

#include <algorithm>
#include <filesystem>

#include "base/file.h"

namespace tw::base {

namespace fs = std::filesystem;

namespace {

// Matches one character class starting at p[i] == '['; advances i past ']'.
bool match_class(std::string_view p, size_t& i, char c, bool* ok) {
  size_t j = i + 1;
  bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  bool matched = false;
  bool first = true;
  for (; j < p.size() && (first || p[j] != ']'); ++j, first = false) {
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      if (c >= p[j] && c <= p[j + 2]) matched = true;
      j += 2;
    } else if (p[j] == c) {
      matched = true;
    }
  }
  if (j >= p.size()) {  // no closing bracket: treat '[' literally
    *ok = false;
    return c == '[';
  }
  *ok = true;
  i = j + 1;
  return matched != negate;
}

// Matcher with backtracking for '*' (within one segment); '**' recurses over its extent.
bool match(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      char pc = p[pi];
      if (pc == '*') {
        if (pi + 1 < p.size() && p[pi + 1] == '*') {
          // '**' matches any run of characters, '/' included; "**/" also matches nothing.
          std::string_view rest = p.substr(pi + 2);
          if (!rest.empty() && rest[0] == '/' && match(rest.substr(1), s.substr(si))) return true;
          for (size_t k = si; k <= s.size(); ++k) {
            if (match(rest, s.substr(k))) return true;
          }
          return false;
        }
        pi += 1;
        star_p = pi;
        star_s = si;
        continue;
      }
      if (pc == '?' && s[si] != '/') {
        ++pi, ++si;
        continue;
      }
      if (pc == '[' && s[si] != '/') {
        size_t save = pi;
        bool well_formed;
        if (match_class(p, pi, s[si], &well_formed)) {
          if (!well_formed) pi = save + 1;
          ++si;
          continue;
        }
        pi = save;
      } else if (pc == s[si] && pc != '?' && pc != '[') {
        ++pi, ++si;
        continue;
      }
    }
    if (star_p != std::string_view::npos && s[star_s] != '/') {
      ++star_s;
      si = star_s;
      pi = star_p;
      continue;
    }
    return false;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return match(pattern, path); }

bool has_glob(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

Result<std::vector<std::string>> expand_glob(const std::string& dir,
                                             const std::string& pattern,
                                             size_t max_entries) {
  std::vector<std::string> out;
  if (!has_glob(pattern)) {
    std::error_code ec;
    std::string p = join_path(dir, pattern);
    if (fs::is_regular_file(p, ec)) out.push_back(p);
    return out;
  }
  // Walk from the longest literal directory prefix of the pattern.
  size_t wild = pattern.find_first_of("*?[");
  size_t slash = pattern.rfind('/', wild);
  std::string prefix = slash == std::string::npos ? "" : pattern.substr(0, slash);
  std::string start = prefix.empty() ? dir : join_path(dir, prefix);
  std::error_code ec;
  if (!fs::is_directory(start, ec)) return out;
  size_t seen = 0;
  bool recursive =
      pattern.find("**") != std::string::npos || pattern.find('/', wild) != std::string::npos;
  auto consider = [&](const fs::directory_entry& e) {
    std::error_code ec2;
    if (!e.is_regular_file(ec2)) return;
    std::string rel = fs::relative(e.path(), dir, ec2).generic_string();
    if (!ec2 && glob_match(pattern, rel)) out.push_back(join_path(dir, rel));
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(start, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (++seen > max_entries) {
        return Error{"glob '" + pattern + "' visits more than " + std::to_string(max_entries) +
                     " entries"};
      }
      consider(*it);
    }
  } else {
    for (auto it = fs::directory_iterator(start, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (++seen > max_entries) {
        return Error{"glob '" + pattern + "' visits more than " + std::to_string(max_entries) +
                     " entries"};
      }
      consider(*it);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tw::base
