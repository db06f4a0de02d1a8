#include "base/diagnostic.h"

#include <gtest/gtest.h>

namespace tw::base {
namespace {

TEST(Diagnostic, RendersHeaderSourceLineCaretAndNote) {
  SourceFile f("model.yaml", "flows:\n  - id: login\n    protcol: https\n");
  Diagnostics ds;
  auto& d = ds.error("unknown-key", Loc{&f, 3, 5, 7}, "unknown key 'protcol' in flow");
  d.hint = "did you mean 'protocol'?";
  d.notes.push_back(Note{Loc{&f, 2, 7, 5}, "flow 'login' starts here"});
  EXPECT_EQ(render_text(ds, false),
            "model.yaml:3:5: error: unknown key 'protcol' in flow [unknown-key]\n"
            "        protcol: https\n"
            "        ^~~~~~~\n"
            "model.yaml:2:7: note: flow 'login' starts here\n"
            "      - id: login\n"
            "          ^~~~~\n"
            "hint: did you mean 'protocol'?\n"
            "1 error, 0 warnings\n");
}

TEST(Diagnostic, CaretCountsCodePointsNotBytes) {
  SourceFile f("m.yaml", "name: Café X: bad\n");
  Diagnostic d{Severity::Warning, "x", "m", Loc{&f, 1, 12, 1}, {}, {}};
  EXPECT_EQ(render_text(d, false),
            "m.yaml:1:12: warning: m [x]\n"
            "    name: Café X: bad\n"
            "               ^\n");
}

TEST(Diagnostic, LongLinesAreWindowed) {
  std::string line(5000, 'a');
  SourceFile f("m.yaml", "k: " + line + "\n");
  Diagnostic d{Severity::Error, "c", "too long", Loc{&f, 1, 4000, 1}, {}, {}};
  std::string out = render_text(d, false);
  EXPECT_LT(out.size(), 400u);
  EXPECT_NE(out.find("    ..."), std::string::npos);
}

TEST(Diagnostic, ControlCharactersAndBadUtf8AreNotEchoed) {
  SourceFile f("m.yaml", "a: \x1b[31mred\xff\n");
  Diagnostic d{Severity::Error, "c", "bad \x07", Loc{&f, 1, 1, 1}, {}, {}};
  std::string out = render_text(d, false);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Diagnostic, JsonHasAllFields) {
  SourceFile f("m.yaml", "x: 1\n");
  Diagnostics ds;
  auto& d = ds.error("bad-type", Loc{&f, 1, 4, 1}, "expected \"text\"");
  d.notes.push_back(Note{Loc{}, "note"});
  EXPECT_EQ(
      render_json(ds),
      "{\"diagnostics\":[\n"
      "  {\"severity\":\"error\",\"code\":\"bad-type\",\"message\":\"expected \\\"text\\\"\","
      "\"file\":\"m.yaml\",\"line\":1,\"col\":4,\"hint\":\"\",\"notes\":[{\"message\":\"note\","
      "\"file\":null,\"line\":0,\"col\":0}]}\n"
      "],\"errors\":1,\"warnings\":0,\"dropped\":0}\n");
}

TEST(Diagnostic, LimitKeepsCountingButDropsText) {
  Diagnostics ds(2);
  for (int i = 0; i < 5; ++i) ds.error("e", Loc{}, "x").notes.push_back(Note{});
  ds.warning("w", Loc{}, "y");
  EXPECT_EQ(ds.items().size(), 2u);
  EXPECT_EQ(ds.error_count(), 5u);
  EXPECT_EQ(ds.warning_count(), 1u);
  EXPECT_EQ(ds.dropped(), 4u);
  Diagnostics all;
  all.append(ds);
  EXPECT_EQ(all.error_count(), 5u);
  EXPECT_EQ(all.warning_count(), 1u);
}

}  // namespace
}  // namespace tw::base
