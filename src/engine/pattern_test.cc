#include "engine/pattern.h"

#include <gtest/gtest.h>

#include "engine/evidence.h"
#include "load/loader.h"

namespace tw::engine {
namespace {

bool judged(const std::string& pattern, const std::string& out) {
  EvidenceRecord r;
  r.exit_code = 0;
  judge({std::nullopt, pattern}, out, r);
  return r.passed;
}

// The review's catastrophic patterns (B9): with a backtracking engine each of these ran for
// minutes on a 40-character line and ignored SIGTERM. RE2 answers in linear time; the cases
// are judged correctly both ways.
TEST(Pattern, CatastrophicBacktrackingCasesAreJudgedCorrectly) {
  std::string a40(40, 'a');
  EXPECT_FALSE(judged("^(a|a)*b$", a40 + "\n"));
  EXPECT_TRUE(judged("^(a|a)*b$", "x\n" + a40 + "b\n"));
  EXPECT_FALSE(judged("(a*)*b", a40));
  EXPECT_TRUE(judged("(a*)*b", a40 + "b"));
  std::string ab;
  for (int i = 0; i < 40; ++i) ab += i % 3 ? 'a' : 'b';
  EXPECT_FALSE(judged("^((a|b)(a|b)?)+c$", ab));
  EXPECT_TRUE(judged("^((a|b)(a|b)?)+c$", ab + "c"));
}

// Beyond the review: the whole kept output (1 MiB) on one line, nested quantifiers that blow
// up a DFA, and many lines.
TEST(Pattern, LongLinesAndNastyPatternsStayCorrect) {
  std::string mib(1 << 20, 'a');
  EXPECT_FALSE(judged("^(a|a)*b$", mib));
  EXPECT_FALSE(judged("^(a+)+$x", mib));
  EXPECT_TRUE(judged("^(a+)+$", mib));
  EXPECT_TRUE(judged("(a|b)*a(a|b){12}$", mib));
  EXPECT_FALSE(judged("(a|b)*b(a|b){12}$", mib));
  std::string lines;
  for (int i = 0; i < 100000; ++i) lines += "line " + std::to_string(i) + "\r\n";
  EXPECT_TRUE(judged("^line 99999$", lines)) << "a trailing \\r is not part of the line";
  EXPECT_FALSE(judged("^line 100000$", lines));
  EXPECT_TRUE(judged("^$", "")) << "one empty line";
  // Invalid UTF-8 in the output is matched byte-wise, never an error.
  EXPECT_TRUE(judged("ok", std::string("\xff\xfe ok \xc3")));
}

TEST(Pattern, UnsupportedSyntaxIsNamedWithItsOffset) {
  struct Case {
    const char* pattern;
    size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"(a)\\1", 3, "backreferences ('\\1') are not supported (RE2 syntax)"},
      {"foo(?=bar)", 3, "lookahead and lookbehind ('(?=') are not supported (RE2 syntax)"},
      {"x(?<!y)", 1, "lookahead and lookbehind ('(?<') are not supported (RE2 syntax)"},
      {"(?>a)", 0, "atomic groups ('(?>') are not supported (RE2 syntax)"},
      {"ab++", 2, "possessive quantifiers ('++') are not supported (RE2 syntax)"},
      {"ok (unclosed", 3, "missing ')' for the '(' here"},
      {"(a(b)[(]", 0, "missing ')' for the '(' here"},
      {"a)", 1, "unexpected ')': nothing to close"},
      {"a{2000}", 1, "invalid repetition size: {2000}"},
  };
  for (const Case& c : cases) {
    auto e = Pattern::check(c.pattern);
    ASSERT_TRUE(e) << c.pattern;
    EXPECT_EQ(e->offset, c.offset) << c.pattern;
    EXPECT_EQ(e->message, c.message) << c.pattern;
  }
  EXPECT_FALSE(Pattern::check("^[0-9]+ findings?$"));
  EXPECT_FALSE(Pattern::check("(?i)\\bPASS\\b"));
  EXPECT_TRUE(Pattern::check(std::string(kMaxPatternBytes + 1, 'a')));
  auto big = Pattern::check("a{1000}b{1000}c{1000}d{1000}e{1000}");
  ASSERT_TRUE(big);
  EXPECT_NE(big->message.find("too complex"), std::string::npos) << big->message;
  EXPECT_TRUE(Pattern::check("\xff"));
  // A pattern that cannot compile never matches (judge says why).
  EvidenceRecord r;
  r.exit_code = 0;
  judge({std::nullopt, "(a)\\1"}, "aa", r);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.reason, "stdout_matches is not a valid regular expression");
}

std::string diagnose(const std::string& verification) {
  std::string text =
      "threatwright: 1\n"
      "system: {name: S}\n"
      "assets: [{id: d, name: D, value: high, impact: Leak.}]\n"
      "components:\n"
      "  - {id: api, type: process}\n"
      "controls:\n"
      "  - id: c1\n"
      "    mechanism: M.\n"
      "    status: implemented\n" +
      verification;
  auto r = load::load_model_text("m.yaml", text);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  if (!r.ok()) return {};
  base::Diagnostics ds;
  check_patterns(*r.model, ds);
  return base::render_text(ds, false);
}

// Invalid patterns are reported at their place in the model file, column of the offending part.
TEST(Pattern, InvalidPatternsPointIntoTheModel) {
  const std::string hint =
      "hint: stdout_matches uses RE2 syntax, which has no backreferences or lookaround; "
      "docs/verify.md lists what it supports\n1 error, 0 warnings\n";
  EXPECT_EQ(diagnose("    verification:\n"
                     "      command: ./t.sh\n"
                     "      expect:\n"
                     "        stdout_matches: '^(a)\\1$'\n"),
            "m.yaml:13:30: error: control 'c1': stdout_matches is not a valid RE2 pattern: "
            "backreferences ('\\1') are not supported (RE2 syntax) [bad-pattern]\n"
            "            stdout_matches: '^(a)\\1$'\n"
            "                                 ^\n" +
                hint);
  // Flow style, plain scalar; the key inside the command's text is skipped (column 88 is the
  // '(' of "(?=" in the value, not in the command).
  EXPECT_EQ(diagnose("    verification: {command: 'echo stdout_matches: ok(?=x)', expect: "
                     "{stdout_matches: ok(?=x)}}\n"),
            "m.yaml:10:88: error: control 'c1': stdout_matches is not a valid RE2 pattern: "
            "lookahead and lookbehind ('(?=') are not supported (RE2 syntax) [bad-pattern]\n"
            "    ...s: ok(?=x)', expect: {stdout_matches: ok(?=x)}}\n"
            "                                               ^\n" +
                hint);
  // An escape in a double-quoted value: the value's own position cannot be mapped, so the
  // verification is pointed at.
  std::string escaped = diagnose(
      "    verification:\n"
      "      command: ./t.sh\n"
      "      expect: {stdout_matches: \"\\\\d(?!x)\"}\n");
  EXPECT_EQ(escaped.substr(0, escaped.find(" error")), "m.yaml:11:7:") << escaped;
  EXPECT_EQ(diagnose("    verification: {command: ./t.sh, expect: {stdout_matches: '^ok$'}}\n"),
            "");
}

}  // namespace
}  // namespace tw::engine
