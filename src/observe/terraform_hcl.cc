// A small reader for Terraform HCL: `resource` blocks with their literal attributes and
// nested blocks, shaped like plan JSON values (nested blocks become lists of mappings) so
// the same resource logic reads both. Anything that is not a literal (references, function
// calls, interpolation) is kept as a scalar tagged "!expr" and reported when it matters.

#include <cctype>

#include "observe/reader.h"

namespace tw::observe {

namespace {

class HclParser {
 public:
  explicit HclParser(std::string_view s) : s_(s) {}

  struct Block {
    std::string type;
    std::vector<std::string> labels;
    std::unique_ptr<Doc> body;
    uint32_t line, col;
  };

  /// Top-level blocks; stops at the first error (error_ set).
  std::vector<Block> file() {
    std::vector<Block> out;
    for (;;) {
      skip_space(true);
      if (i_ >= s_.size() || !error_.empty()) break;
      uint32_t line = line_, col = col_;
      std::string id = ident();
      if (id.empty()) {
        fail("expected a block type or attribute name");
        break;
      }
      skip_space(false);
      if (peek() == '=') {  // a top-level attribute (locals files): skip its value
        advance();
        expr(0);
        continue;
      }
      Block b{id, {}, nullptr, line, col};
      if (!block_rest(b, 0)) break;
      out.push_back(std::move(b));
    }
    return out;
  }

  const std::string& error() const { return error_; }
  uint32_t line() const { return line_; }
  uint32_t col() const { return col_; }

 private:
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  void advance() {
    if (i_ >= s_.size()) return;
    if (s_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(s_[i_]) & 0xC0) != 0x80) {
      ++col_;
    }
    ++i_;
  }
  void fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }

  /// Skips blanks and comments; newlines too when `newlines`.
  void skip_space(bool newlines) {
    while (i_ < s_.size()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        advance();
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (i_ < s_.size() && peek() != '\n') advance();
      } else if (c == '/' && peek(1) == '*') {
        advance();
        advance();
        while (i_ < s_.size() && !(peek() == '*' && peek(1) == '/')) advance();
        advance();
        advance();
      } else {
        break;
      }
    }
  }

  std::string ident() {
    std::string id;
    while (i_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' || peek() == '-'))
      id += peek(), advance();
    return id;
  }

  /// After the block type: labels, then `{ body }`.
  bool block_rest(Block& b, int depth) {
    for (;;) {
      skip_space(false);
      if (peek() == '"') {
        bool interp = false;
        b.labels.push_back(quoted(interp));
      } else if (std::isalpha(static_cast<unsigned char>(peek()))) {
        b.labels.push_back(ident());
      } else {
        break;
      }
    }
    if (peek() != '{') {
      fail("expected '{' to open the block");
      return false;
    }
    advance();
    b.body = body(depth + 1);
    return error_.empty();
  }

  std::unique_ptr<Doc> node(Doc::Kind k, uint32_t line, uint32_t col) {
    auto d = std::make_unique<Doc>();
    d->kind = k;
    d->line = line;
    d->col = col;
    if (++nodes_ > 1'000'000) fail("too many values");
    return d;
  }

  /// Attributes and nested blocks up to the closing '}'.
  std::unique_ptr<Doc> body(int depth) {
    auto map = node(Doc::Kind::Map, line_, col_);
    if (depth > 48) {
      fail("blocks nested too deeply");
      return map;
    }
    for (;;) {
      skip_space(true);
      if (!error_.empty()) return map;
      if (i_ >= s_.size()) {
        fail("missing '}' at the end of a block");
        return map;
      }
      if (peek() == '}') {
        advance();
        return map;
      }
      uint32_t line = line_, col = col_;
      std::string id;
      if (peek() == '"') {
        bool interp = false;
        id = quoted(interp);
      } else {
        id = ident();
      }
      if (id.empty()) {
        fail(std::string("unexpected '") + peek() + "' in a block");
        return map;
      }
      skip_space(false);
      auto key = node(Doc::Kind::Scalar, line, col);
      key->text = id;
      if (peek() == '=' || peek() == ':') {
        advance();
        auto v = expr(depth);
        map->entries.emplace_back(std::move(key), std::move(v));
      } else {
        Block b{id, {}, nullptr, line, col};
        if (!block_rest(b, depth)) return map;
        b.body->line = line;
        b.body->col = col;
        // Repeated nested blocks gather into one list, as in plan JSON.
        Doc* list = nullptr;
        for (auto& [k, v] : map->entries)
          if (k->text == id && v && v->is_seq()) list = v.get();
        if (!list) {
          auto seq = node(Doc::Kind::Seq, line, col);
          list = seq.get();
          map->entries.emplace_back(std::move(key), std::move(seq));
        }
        list->items.push_back(std::move(b.body));
      }
    }
  }

  /// A quoted string; `interp` is set when it holds ${...} or %{...}.
  std::string quoted(bool& interp) {
    std::string out;
    advance();  // "
    int brace = 0;
    while (i_ < s_.size()) {
      char c = peek();
      if (c == '\n' && brace == 0) break;
      if (brace == 0 && c == '"') {
        advance();
        return out;
      }
      if (c == '\\' && brace == 0) {
        advance();
        char e = peek();
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        advance();
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == '{') {
        interp = true;
        ++brace;
        out += c;
        advance();
        out += '{';
        advance();
        continue;
      }
      if (brace > 0 && c == '{') ++brace;
      if (brace > 0 && c == '}') --brace;
      out += c;
      advance();
    }
    fail("unterminated string");
    return out;
  }

  /// An expression; literals become plain nodes, anything else a "!expr" scalar.
  std::unique_ptr<Doc> expr(int depth) {
    skip_space(false);
    size_t start = i_;
    uint32_t line = line_, col = col_, start_line = line_, start_col = col_;
    auto v = primary(depth);
    if (!error_.empty()) return v;
    skip_space(false);
    char c = peek();
    bool ends = c == '\n' || c == ',' || c == ']' || c == '}' || c == ')' || c == '\0' ||
                c == '#' || (c == '/' && (peek(1) == '/' || peek(1) == '*'));
    if (v && ends) return v;
    // Not a lone literal: take the raw text up to the end of the expression.
    i_ = start;
    line_ = start_line;
    col_ = start_col;
    auto raw = node(Doc::Kind::Scalar, line, col);
    raw->tag = "!expr";
    raw->text = raw_expr();
    return raw;
  }

  std::string raw_expr() {
    size_t start = i_;
    int nest = 0;
    while (i_ < s_.size()) {
      char c = peek();
      if (c == '"') {
        bool interp = false;
        quoted(interp);
        continue;
      }
      if (c == '<' && peek(1) == '<') {
        heredoc();
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++nest;
      if (c == ')' || c == ']' || c == '}') {
        if (nest == 0) break;
        --nest;
      }
      if (nest == 0 && (c == '\n' || c == ',')) break;
      if (nest > 64) {
        fail("expression nested too deeply");
        break;
      }
      advance();
    }
    std::string t(s_.substr(start, i_ - start));
    while (!t.empty() && (t.back() == ' ' || t.back() == '\r' || t.back() == '\t')) t.pop_back();
    return t;
  }

  std::string heredoc() {
    advance();
    advance();
    if (peek() == '-') advance();
    std::string marker = ident();
    while (i_ < s_.size() && peek() != '\n') advance();
    advance();
    std::string out;
    while (i_ < s_.size()) {
      size_t eol = s_.find('\n', i_);
      std::string_view ln =
          s_.substr(i_, eol == std::string_view::npos ? s_.size() - i_ : eol - i_);
      std::string_view trimmed = ln;
      while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
        trimmed.remove_prefix(1);
      while (!trimmed.empty() && trimmed.back() == '\r') trimmed.remove_suffix(1);
      if (!marker.empty() && trimmed == marker) {
        for (size_t k = 0; k < ln.size(); ++k) advance();
        return out;
      }
      out += ln;
      out += '\n';
      for (size_t k = 0; k <= ln.size(); ++k) advance();
    }
    fail("unterminated heredoc (no closing " + marker + ")");
    return out;
  }

  /// A literal, or nullptr (not consumed past its start) when the value is an expression.
  std::unique_ptr<Doc> primary(int depth) {
    uint32_t line = line_, col = col_;
    char c = peek();
    if (depth > 48) {
      fail("values nested too deeply");
      return nullptr;
    }
    if (c == '"') {
      bool interp = false;
      auto d = node(Doc::Kind::Scalar, line, col);
      d->text = quoted(interp);
      if (interp) d->tag = "!expr";
      return d;
    }
    if (c == '<' && peek(1) == '<') {
      auto d = node(Doc::Kind::Scalar, line, col);
      d->text = heredoc();
      if (d->text.find("${") != std::string::npos) d->tag = "!expr";
      return d;
    }
    if (c == '[') {
      advance();
      auto seq = node(Doc::Kind::Seq, line, col);
      for (;;) {
        skip_space(true);
        if (peek() == ']') {
          advance();
          return seq;
        }
        if (i_ >= s_.size() || !error_.empty()) {
          fail("missing ']'");
          return seq;
        }
        seq->items.push_back(expr(depth + 1));
        skip_space(true);
        if (peek() == ',') advance();
      }
    }
    if (c == '{') {
      advance();
      auto map = node(Doc::Kind::Map, line, col);
      for (;;) {
        skip_space(true);
        if (peek() == '}') {
          advance();
          return map;
        }
        if (i_ >= s_.size() || !error_.empty()) {
          fail("missing '}'");
          return map;
        }
        uint32_t kl = line_, kc = col_;
        std::string k;
        if (peek() == '"') {
          bool interp = false;
          k = quoted(interp);
        } else {
          k = ident();
        }
        if (k.empty()) {
          fail("expected a key in an object");
          return map;
        }
        skip_space(false);
        if (peek() != '=' && peek() != ':') {
          fail("expected '=' after the key " + k);
          return map;
        }
        advance();
        auto key = node(Doc::Kind::Scalar, kl, kc);
        key->text = k;
        map->entries.emplace_back(std::move(key), expr(depth + 1));
        skip_space(true);
        if (peek() == ',') advance();
      }
    }
    // Numbers and the keywords true/false/null.
    size_t start = i_;
    uint32_t sl = line_, sc = col_;
    std::string word;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '.' ||
                              peek() == '_' || peek() == '-'))
      word += peek(), advance();
    bool number = !word.empty() && (std::isdigit(static_cast<unsigned char>(word[0])) ||
                                    (word[0] == '-' && word.size() > 1));
    for (char ch : word)
      if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-')) number = false;
    if (number || word == "true" || word == "false") {
      auto d = node(Doc::Kind::Scalar, line, col);
      d->text = word;
      d->plain = true;
      return d;
    }
    if (word == "null") return node(Doc::Kind::Null, line, col);
    i_ = start;
    line_ = sl;
    col_ = sc;
    return nullptr;
  }

  std::string_view s_;
  size_t i_ = 0;
  uint32_t line_ = 1, col_ = 1;
  uint64_t nodes_ = 0;
  std::string error_;
};

}  // namespace

void read_terraform_hcl(const ReadContext& ctx, std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  HclParser p(text);
  auto blocks = p.file();
  if (!p.error().empty())
    ctx.out->problems.push_back(
        {"HCL: " + p.error() + " (blocks before it were read)", ctx.at(p.line(), p.col())});
  for (auto& b : blocks) {
    if (!b.body) continue;
    if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
      std::string address = (b.type == "data" ? "data." : "") + b.labels[0] + "." + b.labels[1];
      if (b.type == "data" && b.labels[0] != "aws_iam_policy_document") continue;
      observe_terraform_resource(ctx, b.labels[0], b.labels[1], address, *b.body,
                                 Source::TerraformHcl, ctx.at(b.line, b.col));
    } else if (b.type == "module" && b.labels.size() == 1) {
      const Doc* src = b.body->get("source");
      if (!src || !src->is_scalar()) continue;
      std::string s = src->text;
      if (s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0) continue;
      Dependency d;
      d.name = s;
      d.version = b.body->str("version");
      d.kind = "terraform-module";
      d.pinned = s.find("?ref=") != std::string::npos;
      d.used_by = "module." + b.labels[0];
      d.where = ctx.at(src);
      ctx.out->dependencies.push_back(std::move(d));
    }
  }
}

}  // namespace tw::observe
