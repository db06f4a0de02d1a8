#include "engine/pattern.h"

#include <re2/re2.h>

#include <algorithm>
#include <vector>

#include "base/text.h"

namespace tw::engine {

namespace {

RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false);  // errors are returned, never printed
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_max_mem(32 << 20);  // room for the DFA's state cache before RE2 falls back to its NFA
  return o;
}

// RE2's message for constructs it leaves out on purpose (they need backtracking) says what the
// construct is, not only that the operator is invalid.
std::string explain(const re2::RE2& re) {
  const std::string& arg = re.error_arg();
  auto starts = [&](std::string_view p) { return arg.rfind(p, 0) == 0; };
  if (re.error_code() == RE2::ErrorBadPerlOp) {
    if (starts("(?=") || starts("(?!") || starts("(?<")) {
      return "lookahead and lookbehind ('" + arg + "') are not supported (RE2 syntax)";
    }
    if (starts("(?>")) return "atomic groups ('(?>') are not supported (RE2 syntax)";
    if (starts("(?P")) return "named backreferences ('(?P=') are not supported (RE2 syntax)";
  }
  if (re.error_code() == RE2::ErrorBadEscape && arg.size() == 2 && arg[0] == '\\' &&
      arg[1] >= '1' && arg[1] <= '9') {
    return "backreferences ('" + arg + "') are not supported (RE2 syntax)";
  }
  if (re.error_code() == RE2::ErrorRepeatOp && (arg == "++" || arg == "*+" || arg == "?+")) {
    return "possessive quantifiers ('" + arg + "') are not supported (RE2 syntax)";
  }
  return re.error();
}

// The innermost '(' left open, or the first ')' that closes nothing (RE2 quotes the whole
// pattern for both).
std::optional<size_t> unbalanced_paren(std::string_view p) {
  std::vector<size_t> open;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {  // a class: ']' right after '[' or '[^' is a member
      size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? 2 : 1;
      i = j;
    } else if (p[i] == '(') {
      open.push_back(i);
    } else if (p[i] == ')') {
      if (open.empty()) return i;
      open.pop_back();
    }
  }
  if (!open.empty()) return open.back();
  return std::nullopt;
}

PatternError error_of(std::string_view pattern, const re2::RE2& re) {
  if (re.error_code() == RE2::ErrorMissingParen || re.error_code() == RE2::ErrorUnexpectedParen) {
    if (auto at = unbalanced_paren(pattern)) {
      bool missing = pattern[*at] == '(';
      return {*at, missing ? "missing ')' for the '(' here" : "unexpected ')': nothing to close"};
    }
  }
  const std::string& arg = re.error_arg();
  size_t at = arg.empty() ? std::string_view::npos : pattern.find(arg);
  return {at == std::string_view::npos ? 0 : at, explain(re)};
}

// --- where a pattern sits in the model file ---------------------------------------------------

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Decodes a one-line YAML scalar starting at line[at] (plain, single- or double-quoted) while it
// holds no escape sequence. Returns false when the value cannot be read that simply.
bool simple_scalar(std::string_view line, size_t at, std::string& value, size_t& start) {
  value.clear();
  if (at >= line.size()) return false;
  char q = line[at];
  if (q == '"' || q == '\'') {
    start = at + 1;
    size_t end = line.find(q, start);
    if (end == std::string_view::npos) return false;
    if (q == '"' && line.substr(start, end - start).find('\\') != std::string_view::npos) {
      return false;
    }
    if (q == '\'' && end + 1 < line.size() && line[end + 1] == '\'') return false;
    value = line.substr(start, end - start);
    return true;
  }
  if (q == '|' || q == '>' || q == '&' || q == '*' || q == '!') return false;
  start = at;
  size_t end = line.size();
  for (size_t i = at; i < line.size(); ++i) {
    if (line[i] == '#' && i > at && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
      end = i;
      break;
    }
  }
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  value = line.substr(start, end - start);
  return true;
}

// The loader keeps the position of the verification, not of each key in it: the key is found
// again in the source, and accepted only when the value written there is the pattern itself.
base::Loc pattern_loc(const model::Verification& v, size_t offset) {
  const base::Loc& at = v.loc;
  if (!at.valid()) return at;
  const std::string& want = v.expect.stdout_matches;
  constexpr std::string_view kKey = "stdout_matches";
  constexpr uint32_t kLines = 64;  // a verification mapping is a few lines long
  std::string value;
  for (uint32_t line = at.line; line < at.line + kLines; ++line) {
    std::string_view text = at.file->line_text(line);
    for (size_t k = text.find(kKey); k != std::string_view::npos;
         k = text.find(kKey, k + kKey.size())) {
      size_t i = k + kKey.size();
      if (i < text.size() && (text[i] == '"' || text[i] == '\'')) ++i;  // a quoted key
      while (i < text.size() && text[i] == ' ') ++i;
      if (i >= text.size() || text[i] != ':') continue;
      ++i;
      while (i < text.size() && text[i] == ' ') ++i;
      size_t start = 0;
      if (!simple_scalar(text, i, value, start)) continue;
      // Plain scalars in a flow mapping end at ',' or '}'.
      if (value != want && value.size() > want.size() && value.compare(0, want.size(), want) == 0 &&
          (value[want.size()] == ',' || value[want.size()] == '}' || value[want.size()] == ' ')) {
        value.resize(want.size());
      }
      if (value != want) continue;
      base::Loc loc = at;
      loc.line = line;
      loc.col = static_cast<uint32_t>(code_points(text.substr(0, start + offset)) + 1);
      loc.len = 1;
      return loc;
    }
  }
  return at;
}

}  // namespace

std::optional<PatternError> Pattern::check(std::string_view text) {
  if (text.size() > kMaxPatternBytes) {
    return PatternError{kMaxPatternBytes, "the pattern is longer than " +
                                              std::to_string(kMaxPatternBytes) + " bytes"};
  }
  if (!base::valid_utf8(text)) return PatternError{0, "the pattern is not valid UTF-8"};
  re2::RE2 re(re2::StringPiece(text.data(), text.size()), options());
  if (!re.ok()) return error_of(text, re);
  if (re.ProgramSize() > kMaxPatternProgram) {
    return PatternError{0, "the pattern is too complex (" + std::to_string(re.ProgramSize()) +
                               " instructions compiled, at most " +
                               std::to_string(kMaxPatternProgram) +
                               "): use smaller repetition counts"};
  }
  return std::nullopt;
}

Pattern::Pattern(std::string_view text) {
  if (check(text)) return;
  re_ = std::make_unique<re2::RE2>(re2::StringPiece(text.data(), text.size()), options());
}

Pattern::~Pattern() = default;

bool Pattern::ok() const { return re_ && re_->ok(); }

bool Pattern::matches_a_line(std::string_view text) const {
  if (!ok()) return false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    size_t len = end - start;
    if (len > 0 && text[start + len - 1] == '\r') --len;
    if (re2::RE2::PartialMatch(re2::StringPiece(text.data() + start, len), *re_)) return true;
    start = end + 1;
  }
  return false;
}

void check_patterns(const model::Model& m, base::Diagnostics& out) {
  for (const model::Control& c : m.controls) {
    if (!c.verification || c.verification->expect.stdout_matches.empty()) continue;
    const model::Verification& v = *c.verification;
    std::optional<PatternError> e = Pattern::check(v.expect.stdout_matches);
    if (!e) continue;
    auto& d = out.error(
        "bad-pattern", pattern_loc(v, e->offset),
        "control '" + c.id + "': stdout_matches is not a valid RE2 pattern: " + e->message);
    d.hint =
        "stdout_matches uses RE2 syntax, which has no backreferences or lookaround; "
        "docs/verify.md lists what it supports";
  }
}

}  // namespace tw::engine
