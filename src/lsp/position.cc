#include "lsp/position.h"

#include "base/text.h"

namespace tw::lsp {

std::string_view line_at(std::string_view text, uint32_t line) {
  size_t start = 0;
  for (uint32_t i = 0; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view out =
      text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

namespace {

// One step through `line` from byte `i`: its byte length and UTF-16 width.
void step(std::string_view line, size_t i, size_t* bytes, uint32_t* units) {
  uint32_t cp = 0;
  size_t n = base::utf8_decode(line, i, &cp);
  if (n == 0) {
    *bytes = 1, *units = 1;
  } else {
    *bytes = n, *units = cp >= 0x10000 ? 2 : 1;
  }
}

}  // namespace

uint32_t utf16_of_codepoint(std::string_view line, uint32_t cp) {
  uint32_t u16 = 0;
  size_t i = 0;
  for (uint32_t k = 0; k < cp && i < line.size(); ++k) {
    size_t b;
    uint32_t u;
    step(line, i, &b, &u);
    i += b, u16 += u;
  }
  return u16;
}

size_t byte_of_utf16(std::string_view line, uint32_t u16) {
  uint32_t at = 0;
  size_t i = 0;
  while (i < line.size()) {
    size_t b;
    uint32_t u;
    step(line, i, &b, &u);
    if (at + u > u16) break;
    i += b, at += u;
  }
  return i;
}

uint32_t utf16_of_byte(std::string_view line, size_t byte) {
  uint32_t u16 = 0;
  size_t i = 0;
  while (i < line.size() && i < byte) {
    size_t b;
    uint32_t u;
    step(line, i, &b, &u);
    i += b, u16 += u;
  }
  return u16;
}

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = uri[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return std::nullopt;
  }
  uri.remove_prefix(kScheme.size());
  // file://localhost/path is the same as file:///path; any other host is remote.
  if (uri.substr(0, 9) == "localhost") uri.remove_prefix(9);
  if (uri.empty() || uri[0] != '/') return std::nullopt;
  size_t cut = uri.find_first_of("?#");
  if (cut != std::string_view::npos) uri = uri.substr(0, cut);
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() + 0 && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      char c = static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      if (c == '\0') return std::nullopt;
      out.push_back(c);
      i += 2;
    } else {
      out.push_back(uri[i]);
    }
  }
  return out;
}

std::string path_to_uri(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace tw::lsp
