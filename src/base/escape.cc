#include "base/escape.h"

#include <algorithm>
#include <cctype>

#include "base/text.h"

namespace tw::base {

std::string clean_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  uint32_t cp;
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_decode(s, i, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::string_view ch = s.substr(i, n);
    i += n;
    if (cp == 0x2028 || cp == 0x2029) {
      out += '\n';
      continue;
    }
    bool joiner = cp == 0x200C || cp == 0x200D;  // needed by some scripts and by emoji
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
        (hidden_format(cp) && !joiner)) {
      continue;
    }
    out += ch;
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

namespace {

constexpr std::string_view kZwsp = "&#8203;";  // breaks what GitHub would link

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// A block construct would start here: ATX heading, list item, setext underline, block quote,
// table row, thematic break, ordered list ("12." or "12)").
size_t guard_at(std::string_view s) {
  if (s.empty()) return std::string_view::npos;
  char c = s[0];
  if (c == '#' || c == '-' || c == '+' || c == '=' || c == ':' || c == '|') return 0;
  size_t i = 0;
  while (i < s.size() && ascii_digit(s[i])) ++i;
  if (i > 0 && i < s.size() && (s[i] == '.' || s[i] == ')')) return i;
  return std::string_view::npos;
}

}  // namespace

std::string md_escape(std::string_view in, MdContext ctx) {
  std::string s = clean_utf8(in);
  for (char& c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  size_t from = 0;
  if (ctx.line_start) {
    while (from < s.size() && s[from] == ' ') ++from;  // four spaces would start code
  }
  size_t guard = ctx.line_start ? guard_at(std::string_view(s).substr(from)) : std::string::npos;
  if (guard != std::string::npos) guard += from;
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (i == guard) out += '\\';
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '~':
      case '$':
        out += '\\';
        out += c;
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '|':
        out += ctx.in_table ? "\\|" : "|";
        break;
      case '&':
        out += entity_like(s, i) ? "\\&" : "&";
        break;
      case '@':  // @user, @org/team; not "rule@element" threat ids, which stay copyable
        out += '@';
        if (i == 0 || !ascii_alnum(s[i - 1])) out += kZwsp;
        break;
      case '#':  // #123, owner/repo#123
        out += '#';
        if (ascii_digit(next)) out += kZwsp;
        break;
      case '-':  // GH-123
        out += '-';
        if (ascii_digit(next) && i >= 2 && lower(s[i - 2]) == 'g' && lower(s[i - 1]) == 'h' &&
            (i == 2 || !ascii_alnum(s[i - 3]))) {
          out += kZwsp;
        }
        break;
      case ':':  // https://...
        out += ':';
        if (next == '/' && i + 2 < s.size() && s[i + 2] == '/') out += kZwsp;
        break;
      case '.':  // www.example.org
        if (i >= 3 && lower(s[i - 3]) == 'w' && lower(s[i - 2]) == 'w' && lower(s[i - 1]) == 'w') {
          out += kZwsp;
        }
        out += '.';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string md_paragraphs(std::string_view in) {
  std::string s = clean_utf8(in);
  std::string out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find("\n\n", start);
    if (end == std::string::npos) end = s.size();
    std::string_view para = std::string_view(s).substr(start, end - start);
    if (para.find_first_not_of(" \t\n") != std::string_view::npos) {
      if (!out.empty()) out += "\n\n";
      out += md_escape(para, MdContext{false, true});
    }
    start = end + 2;
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
      case '%':  // %%{init: ...}%% directives and %% comments
        out += "#37;";
        break;
      case '{':
        out += "#123;";
        break;
      case '}':
        out += "#125;";
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

std::string agent_quote(std::string_view in, size_t max_chars) {
  std::string s = clean_utf8(in);
  std::string out = "\"";
  size_t chars = 0;
  bool space = false;
  uint32_t cp;
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_decode(s, i, &cp);
    std::string_view ch = std::string_view(s).substr(i, n ? n : 1);
    i += n ? n : 1;
    if (cp == 0x200C || cp == 0x200D) continue;  // kept in documents, not here
    if (cp == ' ' || cp == '\n' || cp == '\t') {
      space = chars > 0;
      continue;
    }
    if (chars + (space ? 1 : 0) >= max_chars) {
      out += "...";
      break;
    }
    if (space) {
      out += ' ';
      ++chars;
      space = false;
    }
    if (cp == '"' || cp == '\\') out += '\\';
    out += ch;
    ++chars;
  }
  return out + "\"";
}

}  // namespace tw::base
