#include "observe/lockfile.h"

#include <utility>

namespace tw::observe {

const TomlValue* TomlTable::get(std::string_view key) const {
  for (const TomlValue& v : values)
    if (v.key == key) return &v;
  return nullptr;
}

namespace {

class TomlReader {
 public:
  TomlReader(std::string_view text, size_t max_tables) : s_(text), max_tables_(max_tables) {}

  TomlDoc run() {
    doc_.tables.push_back(TomlTable{});
    while (pos_ < s_.size() && doc_.error.empty()) {
      skip_blank();
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == '#') {
        skip_line();
      } else if (c == '\n' || c == '\r') {
        next();
      } else if (c == '[') {
        header();
      } else {
        pair();
      }
    }
    return std::move(doc_);
  }

 private:
  void next() {
    if (s_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++pos_;
  }
  void skip_blank() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) next();
  }
  void skip_line() {
    while (pos_ < s_.size() && s_[pos_] != '\n') next();
  }
  void fail(std::string msg) {
    if (doc_.error.empty()) {
      doc_.error = std::move(msg);
      doc_.error_line = line_;
      doc_.error_col = col_;
    }
  }
  /// The rest of the line holds only blanks and a comment.
  void end_of_line() {
    skip_blank();
    if (pos_ < s_.size() && s_[pos_] == '#') skip_line();
    if (pos_ < s_.size() && s_[pos_] == '\r') next();
    if (pos_ < s_.size() && s_[pos_] != '\n') fail("unexpected text after the value");
  }

  void header() {
    uint32_t line = line_, col = col_;
    next();
    bool array = pos_ < s_.size() && s_[pos_] == '[';
    if (array) next();
    std::string name;
    while (pos_ < s_.size() && s_[pos_] != ']' && s_[pos_] != '\n') {
      if (s_[pos_] == '"') {
        name += basic_string();
        if (!doc_.error.empty()) return;
        continue;
      }
      if (s_[pos_] != ' ' && s_[pos_] != '\t') name += s_[pos_];
      next();
    }
    if (pos_ >= s_.size() || s_[pos_] != ']') return fail("unterminated table header");
    next();
    if (array) {
      if (pos_ >= s_.size() || s_[pos_] != ']') return fail("unterminated table header");
      next();
    }
    if (doc_.tables.size() >= max_tables_) return fail("too many tables");
    doc_.tables.push_back(TomlTable{name, array, line, col, {}});
    end_of_line();
  }

  std::string basic_string() {
    next();  // the opening quote
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '"' && s_[pos_] != '\n') {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
        next();
        char e = s_[pos_];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        next();
        continue;
      }
      out += s_[pos_];
      next();
    }
    if (pos_ >= s_.size() || s_[pos_] != '"') {
      fail("unterminated string");
      return out;
    }
    next();
    return out;
  }

  std::string literal_string() {
    next();
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '\'' && s_[pos_] != '\n') {
      out += s_[pos_];
      next();
    }
    if (pos_ >= s_.size() || s_[pos_] != '\'') {
      fail("unterminated string");
      return out;
    }
    next();
    return out;
  }

  /// An array or inline table, kept raw, up to its matching bracket.
  std::string raw_nested() {
    uint32_t line = line_, col = col_;
    std::string out;
    int depth = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"' || c == '\'') {
        size_t from = pos_;
        if (c == '"')
          basic_string();
        else
          literal_string();
        if (!doc_.error.empty()) return out;
        out.append(s_.substr(from, pos_ - from));
        continue;
      }
      if (c == '#') {  // a comment inside a multi-line array
        skip_line();
        continue;
      }
      if (c == '[' || c == '{') {
        if (++depth > 64) {
          fail("arrays nested too deeply");
          return out;
        }
      } else if (c == ']' || c == '}') {
        --depth;
      }
      out += c;
      next();
      if (depth == 0) return out;
    }
    line_ = line;
    col_ = col;
    fail("unterminated array or inline table");
    return out;
  }

  void pair() {
    std::string key;
    if (s_[pos_] == '"') {
      key = basic_string();
    } else if (s_[pos_] == '\'') {
      key = literal_string();
    } else {
      while (pos_ < s_.size() && s_[pos_] != '=' && s_[pos_] != ' ' && s_[pos_] != '\t' &&
             s_[pos_] != '\n') {
        key += s_[pos_];
        next();
      }
    }
    if (!doc_.error.empty()) return;
    skip_blank();
    if (pos_ >= s_.size() || s_[pos_] != '=') return fail("expected '=' after the key");
    next();
    skip_blank();
    TomlValue v;
    v.key = std::move(key);
    v.line = line_;
    v.col = col_;
    if (pos_ >= s_.size() || s_[pos_] == '\n') return fail("expected a value");
    char c = s_[pos_];
    if (c == '"' && s_.substr(pos_, 3) == "\"\"\"") {
      return fail("multi-line strings are not read in lockfiles");
    } else if (c == '"') {
      v.text = basic_string();
      v.is_string = true;
    } else if (c == '\'') {
      v.text = literal_string();
      v.is_string = true;
    } else if (c == '[' || c == '{') {
      v.text = raw_nested();
    } else {
      while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '#' && s_[pos_] != ' ' &&
             s_[pos_] != '\t' && s_[pos_] != '\r') {
        v.text += s_[pos_];
        next();
      }
    }
    if (!doc_.error.empty()) return;
    doc_.tables.back().values.push_back(std::move(v));
    end_of_line();
  }

  std::string_view s_;
  size_t max_tables_;
  size_t pos_ = 0;
  uint32_t line_ = 1, col_ = 1;
  TomlDoc doc_;
};

}  // namespace

TomlDoc parse_toml_lite(std::string_view text, size_t max_tables) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return TomlReader(text, max_tables).run();
}

std::vector<std::string> toml_strings(std::string_view raw) {
  std::vector<std::string> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    char q = raw[i];
    if (q != '"' && q != '\'') continue;
    std::string s;
    size_t j = i + 1;
    for (; j < raw.size() && raw[j] != q; ++j) {
      if (q == '"' && raw[j] == '\\' && j + 1 < raw.size()) ++j;
      s += raw[j];
    }
    out.push_back(std::move(s));
    i = j;
  }
  return out;
}

void add_package(const ReadContext& ctx, Lockfile& lock, Dependency d) {
  if (lock.packages >= kMaxPackages) {  // counted, not kept: bounded memory on hostile files
    ++lock.dropped;
    return;
  }
  d.kind = "package";
  d.ecosystem = lock.ecosystem;
  // A hostile line can make a name or version of any length: keep what a report can show.
  if (d.name.size() > 200) d.name.resize(200);
  if (d.version.size() > 100) d.version.resize(100);
  ++lock.packages;
  if (d.pinned) ++lock.pinned;
  if (d.integrity) ++lock.hashed;
  if (d.registry != "public" && !d.registry.empty()) ++lock.non_registry;
  ctx.out->dependencies.push_back(std::move(d));
}

void add_lockfile(const ReadContext& ctx, Lockfile lock) {
  size_t slash = ctx.file.rfind('/');
  lock.dir = slash == std::string::npos ? "." : ctx.file.substr(0, slash);
  if (lock.dropped > 0)
    ctx.out->problems.push_back({"more than " + std::to_string(kMaxPackages) +
                                     " packages; the other " + std::to_string(lock.dropped) +
                                     " were not read",
                                 lock.where});
  ctx.out->lockfiles.push_back(std::move(lock));
}

}  // namespace tw::observe
