#include "base/glob.h"

#include <algorithm>
#include <cstdint>
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

// A glob compiles to tokens, and matching simulates them as a set of states over the path
// (an NFA): O(tokens x path length) in every case, whatever the number of '*' and '**'
// (review B3: the recursive matcher was exponential in the number of '**').
struct Token {
  // Skip consumes nothing: it leads to the next token and to the one three further ('**/' is
  // Skip, DoubleStar, Literal '/': nothing, or anything ending in '/').
  enum Kind : uint8_t { Literal, Any, Class, Star, DoubleStar, Skip } kind;
  char c = 0;
  std::string_view cls;  // for Class: the pattern text from '[' to ']'
};

std::vector<Token> compile(std::string_view p) {
  std::vector<Token> t;
  for (size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '*') {
      if (i + 1 < p.size() && p[i + 1] == '*') {
        size_t j = i + 2;
        if (j < p.size() && p[j] == '/') {
          t.push_back({Token::Skip});
          t.push_back({Token::DoubleStar});
          t.push_back({Token::Literal, '/'});
          i = j + 1;
        } else {
          t.push_back({Token::DoubleStar});
          i = j;
        }
        continue;
      }
      t.push_back({Token::Star});
      ++i;
      continue;
    }
    if (c == '?') {
      t.push_back({Token::Any});
      ++i;
      continue;
    }
    if (c == '[') {
      size_t k = i;
      bool well_formed = false;
      match_class(p, k, 'a', &well_formed);
      if (well_formed) {
        t.push_back({Token::Class, 0, p.substr(i, k - i)});
        i = k;
        continue;
      }
    }
    t.push_back({Token::Literal, c});
    ++i;
  }
  return t;
}

bool step_ok(const Token& t, char c) {
  switch (t.kind) {
    case Token::Literal:
      return t.c == c;
    case Token::Any:
    case Token::Star:
      return c != '/';
    case Token::Class: {
      if (c == '/') return false;
      size_t k = 0;
      bool ok;
      return match_class(t.cls, k, c, &ok);
    }
    case Token::DoubleStar:
      return true;
    case Token::Skip:
      return false;
  }
  return false;
}

bool match(std::string_view p, std::string_view s, size_t* steps) {
  std::vector<Token> t = compile(p);
  size_t visited = 0;
  const size_t n = t.size();
  std::vector<char> cur(n + 1, 0), next(n + 1, 0);
  // Adds state i and the states reachable from it without consuming a character.
  std::vector<size_t> work;
  auto close = [&](std::vector<char>& set, size_t from) {
    work.assign(1, from);
    while (!work.empty()) {
      size_t i = work.back();
      work.pop_back();
      ++visited;
      if (i > n || set[i]) continue;
      set[i] = 1;
      if (i == n) continue;
      Token::Kind k = t[i].kind;
      if (k == Token::Star || k == Token::DoubleStar) work.push_back(i + 1);
      if (k == Token::Skip) {
        work.push_back(i + 1);
        work.push_back(i + 3);
      }
    }
  };
  close(cur, 0);
  for (char c : s) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (size_t i = 0; i < n; ++i) {
      if (!cur[i] || !step_ok(t[i], c)) continue;
      any = true;
      switch (t[i].kind) {
        case Token::Star:
        case Token::DoubleStar:
          close(next, i);  // stay
          break;
        default:
          close(next, i + 1);
      }
    }
    if (steps) *steps = visited;
    if (!any) return false;
    cur.swap(next);
  }
  if (steps) *steps = visited;
  return cur[n] != 0;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return match(pattern, path, nullptr);
}

bool glob_match_counted(std::string_view pattern, std::string_view path, size_t* steps) {
  return match(pattern, path, steps);
}

bool has_glob(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

Result<std::vector<std::string>> expand_glob(const std::string& dir,
                                             const std::string& pattern,
                                             size_t max_entries,
                                             size_t* total_left) {
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
  // Paths below `start`, relative to `dir`, lexically (fs::relative resolves every one).
  std::string start_str = fs::path(start).generic_string();
  std::string rel_prefix = prefix.empty() ? "" : prefix + "/";
  auto visit = [&]() -> Result<bool> {
    if (++seen > max_entries) {
      return Error{"glob '" + pattern + "' visits more than " + std::to_string(max_entries) +
                   " entries"};
    }
    if (total_left) {
      if (*total_left == 0) {
        return Error{"glob '" + pattern + "': the model's globs together visit more than " +
                     std::to_string(kMaxGlobEntriesPerModel) +
                     " directory entries; narrow them (fewer '**', or a literal folder first)"};
      }
      --*total_left;
    }
    return true;
  };
  bool recursive =
      pattern.find("**") != std::string::npos || pattern.find('/', wild) != std::string::npos;
  auto consider = [&](const fs::directory_entry& e) {
    std::error_code ec2;
    if (!e.is_regular_file(ec2)) return;
    std::string full = e.path().generic_string();
    if (full.size() <= start_str.size()) return;
    size_t cut = start_str.size() + (start_str.back() == '/' ? 0 : 1);
    std::string rel = rel_prefix + full.substr(cut);
    if (glob_match(pattern, rel)) out.push_back(join_path(dir, rel));
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(start, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (auto v = visit(); !v) return v.error();
      consider(*it);
    }
  } else {
    for (auto it = fs::directory_iterator(start, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (auto v = visit(); !v) return v.error();
      consider(*it);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tw::base
