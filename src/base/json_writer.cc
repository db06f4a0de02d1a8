#include "base/json_writer.h"

#include <charconv>

#include "base/escape.h"

namespace tw::base {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

/// Bytes that need more than a copy: controls, '"', '\', and the bytes of multi-byte UTF-8.
constexpr bool plain(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\' && c < 0x80; }

/// The length of the valid UTF-8 sequence that starts at s[i] (a byte >= 0x80), or, when it is
/// invalid, 0 - k where k is the number of bytes (at least 1) to skip before reading again:
/// 1 for a bad lead byte, else the valid prefix of a sequence that was cut short.
int sequence(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the first continuation byte
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int k = 1; k < len; ++k) {
    if (i + k >= s.size()) return -k;
    auto c = static_cast<unsigned char>(s[i + k]);
    if (c < lo || c > hi) return -k;
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}

}  // namespace

void JsonWriter::escape(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && plain(static_cast<unsigned char>(s[run]))) ++run;
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      int n = sequence(s, i);
      if (n > 0) {
        out.append(s.data() + i, static_cast<size_t>(n));
        i += static_cast<size_t>(n);
      } else {
        out += kReplacement;
        i += static_cast<size_t>(-n);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& top = stack_.back();
  out_ += top.has_children ? std::string_view(",\n") : std::string_view("\n");
  top.has_children = true;
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::open(char c) {
  before_value();
  out_ += c;
  stack_.push_back(Level{});
}

void JsonWriter::close(char c) {
  bool children = stack_.back().has_children;
  stack_.pop_back();
  if (children) {
    out_ += '\n';
    out_.append(stack_.size() * 2, ' ');
  }
  out_ += c;
}

void JsonWriter::key(std::string_view k) {
  before_value();
  quoted(k);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::quoted(std::string_view s) {
  scratch_.clear();
  scratch_ += '"';
  escape(s, scratch_);
  scratch_ += '"';
  out_ += scratch_;
}

void JsonWriter::value(std::string_view s) {
  before_value();
  if (strings_ == Strings::Clean) {
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c >= 0x7F) {
        quoted(clean_utf8(s));
        return;
      }
    }
  }
  quoted(s);
}

void JsonWriter::value(bool b) {
  before_value();
  out_ += b ? std::string_view("true") : std::string_view("false");
}

void JsonWriter::null() {
  before_value();
  out_ += std::string_view("null");
}

void JsonWriter::integer(int64_t n) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_ += std::string_view(buf, static_cast<size_t>(r.ptr - buf));
}

void JsonWriter::unsigned_integer(uint64_t n) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_ += std::string_view(buf, static_cast<size_t>(r.ptr - buf));
}

void JsonWriter::strings(const std::vector<std::string>& v) {
  begin_array();
  for (const std::string& s : v) value(s);
  end_array();
}

}  // namespace tw::base
