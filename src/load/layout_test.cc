#include "load/layout.h"

#include <gtest/gtest.h>

namespace tw::load {
namespace {

TEST(Layout, SectionsItemsAndKeyPositions) {
  std::string text =
      "# head\n"
      "controls:\n"
      "  - id: a   # note\n"
      "    mitigates: [x@y, z@w]\n"
      "  - id: b\n"
      "    mitigates:\n"
      "      - q@r\n"
      "\n"
      "decisions:\n"
      "notes: |\n"
      "  one\n"
      "  two\n";
  auto r = scan_layout(text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const LayoutNode& root = r.value();
  ASSERT_EQ(root.kind, LayoutNode::Kind::Map);
  const LayoutNode* controls = root.get("controls");
  ASSERT_NE(controls, nullptr);
  EXPECT_EQ(controls->kind, LayoutNode::Kind::Seq);
  EXPECT_FALSE(controls->flow);
  EXPECT_EQ(controls->col, 2u);  // the first dash
  ASSERT_EQ(controls->items.size(), 2u);
  EXPECT_EQ(controls->last_line, 6u);
  const LayoutNode& a = controls->items[0];
  EXPECT_EQ(a.line, 2u);
  EXPECT_EQ(a.col, 4u);
  const LayoutNode* m = a.get("mitigates");
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->flow);
  EXPECT_EQ(m->close_line, 3u);
  EXPECT_EQ(m->close_col, 24u);
  ASSERT_EQ(m->items.size(), 2u);
  EXPECT_EQ(m->items[1].value, "z@w");
  EXPECT_EQ(a.last_line, 3u);
  const LayoutNode* m2 = controls->items[1].get("mitigates");
  ASSERT_NE(m2, nullptr);
  EXPECT_FALSE(m2->flow);
  EXPECT_EQ(m2->col, 6u);
  EXPECT_EQ(root.key_node("controls")->line, 1u);
  const LayoutNode* d = root.get("decisions");
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->empty);
  const LayoutNode* notes = root.get("notes");
  ASSERT_NE(notes, nullptr);
  EXPECT_EQ(notes->value, "one\ntwo\n");
  EXPECT_EQ(notes->last_line, 11u);
}

TEST(Layout, SyntaxErrorNamesTheLine) {
  auto r = scan_layout("a: [b\nc: d\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("line "), std::string::npos);
}

TEST(Layout, DepthIsBounded) {
  std::string deep(200, '[');
  auto r = scan_layout(deep, 64);
  ASSERT_FALSE(r.ok());
}

TEST(Layout, SplitLinesKeepsNewlines) {
  auto lines = split_lines("a\nb\n\nc");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a\n");
  EXPECT_EQ(lines[2], "\n");
  EXPECT_EQ(lines[3], "c");
}

}  // namespace
}  // namespace tw::load
