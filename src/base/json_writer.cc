#include "base/json_writer.h"

#include <charconv>
#include <cstring>

#include "base/escape.h"

namespace tw::base {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

/// Bytes that need more than a copy: controls, '"', '\', and the bytes of multi-byte UTF-8.
constexpr bool plain_byte(unsigned char c) {
  return c >= 0x20 && c != '"' && c != '\\' && c < 0x80;
}
struct PlainTable {
  bool v[256];
  constexpr PlainTable() : v() {
    for (int c = 0; c < 256; ++c) v[c] = plain_byte(static_cast<unsigned char>(c));
  }
};
constexpr PlainTable kPlain;
inline bool plain(unsigned char c) { return kPlain.v[c]; }

/// ",\n" and the deepest indentation written in one piece.
constexpr std::string_view kBreak =
    ",\n                                                                                ";

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

/// True when one of the 8 bytes in `x` is a control character, '"', '\' or >= 0x80.
inline bool needs_escape(uint64_t x) {
  constexpr uint64_t kOnes = ~uint64_t{0} / 255, kHigh = kOnes * 0x80;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
  return ((below_space | has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\')) | x) & kHigh) !=
         0;
}

/// Escapes `s` to `p`, which has room for 6 bytes per byte of `s` plus 8; returns the end.
char* escape_to(std::string_view s, char* p) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char* i = s.data();
  const char* end = i + s.size();
  while (i < end) {
    if (end - i >= 8) {
      uint64_t x;
      std::memcpy(&x, i, 8);
      if (!needs_escape(x)) {
        std::memcpy(p, i, 8);
        p += 8;
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(*i);
    if (plain(c)) {
      *p++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t at = static_cast<size_t>(i - s.data());
      int n = sequence(s, at);
      if (n > 0) {
        std::memcpy(p, i, static_cast<size_t>(n));
        p += n;
        i += n;
      } else {
        std::memcpy(p, kReplacement.data(), 3);
        p += 3;
        i += -n;
      }
      continue;
    }
    ++i;
    *p++ = '\\';
    switch (c) {
      case '"':
        *p++ = '"';
        break;
      case '\\':
        *p++ = '\\';
        break;
      case '\b':
        *p++ = 'b';
        break;
      case '\t':
        *p++ = 't';
        break;
      case '\n':
        *p++ = 'n';
        break;
      case '\f':
        *p++ = 'f';
        break;
      case '\r':
        *p++ = 'r';
        break;
      default:
        std::memcpy(p, "u00", 3);
        p[3] = kHex[c >> 4];
        p[4] = kHex[c & 15];
        p += 5;
    }
  }
  return p;
}

}  // namespace

JsonWriter::JsonWriter(Output& out, Strings strings, size_t depth, bool first)
    : out_(out), strings_(strings), stack_(depth, Level{true}) {
  if (first && depth > 0) stack_.back().has_children = false;
}

void JsonWriter::append_elements(std::string_view text) {
  if (text.empty()) return;
  out_ += text;
  stack_.back().has_children = true;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& top = stack_.back();
  size_t indent = stack_.size() * 2;
  if (indent + 2 <= kBreak.size()) {
    // A fixed-size copy (the claim's slack covers it), then keep only what belongs.
    static_assert(kBreak.size() <= Output::kSlack);
    size_t from = top.has_children ? 0 : 1;
    char* p = out_.claim(0);
    std::memcpy(p, kBreak.data() + from, kBreak.size() - 1);
    out_.commit(p + indent + 2 - from);
  } else {
    out_ += top.has_children ? std::string_view(",\n") : std::string_view("\n");
    out_.append(indent, ' ');
  }
  top.has_children = true;
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
  char* p = out_.claim(s.size() * 6 + 2);
  *p++ = '"';
  p = escape_to(s, p);
  *p++ = '"';
  out_.commit(p);
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

}  // namespace tw::base
