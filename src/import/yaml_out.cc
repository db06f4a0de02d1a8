#include "import/yaml_out.h"

#include <cstdio>

namespace tw::import {

namespace {

bool is_special_word(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", ".inf", ".nan", "<<"};
  std::string lower;
  for (char c : t) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (std::string_view w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

/// True for bytes that must be escaped: C0 controls but \n and \t, DEL, C1 controls, line and
/// paragraph separators and the byte-order mark.
size_t special_at(std::string_view t, size_t i) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return 1;
  if (c == 0xc2 && i + 1 < t.size()) {
    unsigned char d = static_cast<unsigned char>(t[i + 1]);
    if (d >= 0x80 && d <= 0x9f) return 2;
  }
  if (c == 0xe2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(t[i + 2]);
    if (d == 0xa8 || d == 0xa9) return 3;
  }
  if (c == 0xef && t.substr(i, 3) == "\xef\xbb\xbf") return 3;
  return 0;
}

bool has_special(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (special_at(t, i)) return true;
  }
  return false;
}

bool plain_ok(std::string_view t) {
  if (t.empty() || t.find('\n') != std::string_view::npos || t.find('\t') != std::string_view::npos)
    return false;
  if (t.front() == ' ' || t.back() == ' ' || t.back() == ':') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(t.front()) != std::string_view::npos)
    return false;
  if ((t.front() >= '0' && t.front() <= '9') || t.front() == '+' || t.front() == '.') return false;
  if (t.find(": ") != std::string_view::npos || t.find(" #") != std::string_view::npos)
    return false;
  if (is_special_word(t) || has_special(t)) return false;
  return true;
}

std::string double_quoted(std::string_view t) {
  std::string out = "\"";
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (size_t n = special_at(t, i)) {
      char buf[16];
      unsigned cp = static_cast<unsigned char>(c);
      if (n == 2) cp = static_cast<unsigned char>(t[i + 1]);
      if (n == 3) cp = c == '\xef' ? 0xfeff : 0x2000 + static_cast<unsigned char>(t[i + 2]) - 0x80;
      if (n == 1)
        std::snprintf(buf, sizeof buf, "\\x%02x", cp);
      else
        std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      out += buf;
      i += n - 1;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

/// A literal block (`|-`) keeps several lines readable when nothing in them needs escaping.
bool literal_ok(std::string_view t) {
  if (t.find('\n') == std::string_view::npos || has_special(t)) return false;
  if (t.front() == ' ' || t.front() == '\n' || t.back() == '\n' || t.back() == ' ') return false;
  return t.find('\r') == std::string_view::npos;
}

void indent_to(std::string& out, int n) { out.append(static_cast<size_t>(n), ' '); }

std::string key_text(std::string_view k) { return plain_ok(k) ? std::string(k) : double_quoted(k); }

/// Scalar text after `key: ` or `- `; literal blocks continue at `indent`.
std::string scalar_at(std::string_view t, bool raw, int indent) {
  if (raw) return std::string(t);
  if (literal_ok(t)) {
    std::string out = "|-";
    size_t start = 0;
    while (start <= t.size()) {
      size_t end = t.find('\n', start);
      if (end == std::string_view::npos) end = t.size();
      out += '\n';
      if (end > start) {
        indent_to(out, indent);
        out.append(t.substr(start, end - start));
      }
      start = end + 1;
    }
    return out;
  }
  return yaml_scalar(t);
}

/// `text  # comment`; a literal block's comment goes after its indicator.
std::string with_comment(std::string text, const std::string& comment) {
  if (comment.empty()) return text;
  if (text.rfind("|-\n", 0) == 0) return "|-  # " + comment + text.substr(2);
  return text + "  # " + comment;
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  return plain_ok(text) ? std::string(text) : double_quoted(text);
}

Yaml Yaml::str(std::string_view text) {
  Yaml y(Kind::Scalar);
  y.text_ = text;
  return y;
}

Yaml Yaml::word(std::string_view text) {
  Yaml y(Kind::Scalar);
  y.text_ = text;
  // Written as is only when nothing in it can change how YAML reads it; else quoted.
  y.raw_ = !text.empty();
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '+';
    if (!ok) y.raw_ = false;
  }
  return y;
}

Yaml Yaml::words(const std::vector<std::string>& items) {
  Yaml y(Kind::Seq);
  y.flow_ = true;
  for (const auto& i : items) y.items_.emplace_back("", Yaml::str(i));
  return y;
}

Yaml& Yaml::set(std::string_view key, Yaml value) {
  for (auto& [k, v] : items_) {
    if (k == key) return v = std::move(value);
  }
  items_.emplace_back(std::string(key), std::move(value));
  return items_.back().second;
}

Yaml& Yaml::set_str(std::string_view key, std::string_view text) {
  if (text.empty()) return *this;
  set(key, str(text));
  return *this;
}

Yaml& Yaml::add(Yaml value) {
  items_.emplace_back("", std::move(value));
  return items_.back().second;
}

Yaml* Yaml::find(std::string_view key) {
  for (auto& [k, v] : items_) {
    if (k == key) return &v;
  }
  return nullptr;
}

Yaml& Yaml::comment(std::string_view text) {
  comment_ = text;
  for (char& c : comment_) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return *this;
}

std::string Yaml::inline_text() const {
  if (kind_ == Kind::Scalar) return raw_ ? text_ : yaml_scalar(text_);
  if (items_.empty()) return kind_ == Kind::Map ? "{}" : "[]";
  std::string out = "[";
  for (size_t i = 0; i < items_.size(); ++i) {
    if (i) out += ", ";
    const Yaml& item = items_[i].second;
    // Inside `[...]` the flow indicators end a plain scalar wherever they stand.
    if (item.kind_ == Kind::Scalar && !item.raw_ &&
        item.text_.find_first_of(",[]{}") != std::string::npos) {
      out += double_quoted(item.text_);
    } else {
      out += item.inline_text();
    }
  }
  return out + "]";
}

void Yaml::emit_map(std::string& out, int indent, bool first_inline) const {
  bool first = true;
  for (const auto& [k, v] : items_) {
    bool collection = v.kind_ != Kind::Scalar && !v.flow_ && !v.items_.empty();
    if (!(first && first_inline)) indent_to(out, indent);
    first = false;
    out += key_text(k) + ":";
    if (!collection) {
      out += " ";
      out += with_comment(
          v.kind_ == Kind::Scalar ? scalar_at(v.text_, v.raw_, indent + 2) : v.inline_text(),
          v.comment_);
      out += "\n";
      continue;
    }
    if (!v.comment_.empty()) out += "  # " + v.comment_;
    if (v.kind_ == Kind::Map) {
      out += "\n";
      v.emit_map(out, indent + 2, false);
    } else {
      out += "\n";
      v.emit_seq(out, indent + 2);
    }
  }
}

void Yaml::emit_seq(std::string& out, int indent) const {
  for (const auto& item : items_) {
    const Yaml& v = item.second;
    if (v.kind_ == Kind::Map && !v.items_.empty()) {
      if (!v.comment_.empty()) {
        indent_to(out, indent);
        out += "# " + v.comment_ + "\n";
      }
      indent_to(out, indent);
      out += "- ";
      v.emit_map(out, indent + 2, true);
    } else if (v.kind_ == Kind::Seq && !v.flow_ && !v.items_.empty()) {
      indent_to(out, indent);
      out += "-\n";
      v.emit_seq(out, indent + 2);
    } else {
      indent_to(out, indent);
      out += "- ";
      out += with_comment(
          v.kind_ == Kind::Scalar ? scalar_at(v.text_, v.raw_, indent + 2) : v.inline_text(),
          v.comment_);
      out += "\n";
    }
  }
}

std::string Yaml::emit(int indent) const {
  std::string out;
  if (kind_ == Kind::Map) {
    emit_map(out, indent, false);
  } else if (kind_ == Kind::Seq) {
    emit_seq(out, indent);
  } else {
    indent_to(out, indent);
    out += inline_text() + "\n";
  }
  return out;
}

}  // namespace tw::import
