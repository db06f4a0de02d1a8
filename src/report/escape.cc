#include "report/escape.h"

#include <algorithm>
#include <cctype>

#include "base/text.h"

namespace tw::report {

std::string clean_utf8(std::string_view s) {
  std::string valid = base::valid_utf8(s) ? std::string(s) : base::printable(s);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7f) continue;
    out += c;
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : clean_utf8(s)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string dot_quote(std::string_view s) {
  std::string out;
  for (char c : clean_utf8(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

bool entity_like(std::string_view s, size_t amp) {
  size_t i = amp + 1;
  if (i < s.size() && s[i] == '#') ++i;
  size_t start = i;
  while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
  return i > start && i < s.size() && s[i] == ';';
}

}  // namespace

std::string md_escape(std::string_view in, bool in_table) {
  std::string s = clean_utf8(in);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '~':
        out += '\\';
        out += c;
        break;
      case '|':
        out += in_table ? "\\|" : "|";
        break;
      case '&':
        out += entity_like(s, i) ? "\\&" : "&";
        break;
      case '\n':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string md_code(std::string_view in, bool in_table) {
  std::string s = clean_utf8(in);
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (in_table) {
    std::string t;
    for (char c : s) {
      if (c == '|') t += '\\';
      t += c;
    }
    s = std::move(t);
  }
  // The longest run of backticks decides the fence.
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !s.empty() && (s.front() == '`' || s.back() == '`' || s.front() == ' ');
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

std::string mermaid_quote(std::string_view in) {
  std::string out = "\"";
  for (char c : clean_utf8(in)) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '|':
        out += "#124;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\n':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string csv_field(std::string_view in) {
  std::string s = clean_utf8(in);
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    s.insert(s.begin(), '\'');
  }
  bool quote = s.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace tw::report
