#include "load/yaml_node.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "load/loader.h"

namespace tw::load {
namespace {

struct Parsed {
  base::SourceFile file;
  Arena arena;
  base::Diagnostics diags;
  const Node* root = nullptr;
  explicit Parsed(std::string text, Limits limits = {}) : file("t.yaml", std::move(text)) {
    uint64_t budget = limits.max_nodes;
    root = parse_yaml(file, arena, limits, budget, diags);
  }
  std::string errors() const { return base::render_text(diags, false); }
};

TEST(YamlNode, BuildsTreeWithPositions) {
  Parsed p("a: 1\nb:\n  - x\n  - 'y'\n");
  ASSERT_TRUE(p.root) << p.errors();
  ASSERT_TRUE(p.root->is_map());
  ASSERT_EQ(p.root->entries(), 2u);
  EXPECT_EQ(p.root->key(1)->text, "b");
  const Node* list = p.root->value(1);
  ASSERT_TRUE(list->is_seq());
  EXPECT_EQ(list->item(1)->text, "y");
  EXPECT_FALSE(list->item(1)->plain);
  EXPECT_TRUE(list->item(0)->plain);
  EXPECT_EQ(list->item(0)->line, 3u);
  EXPECT_EQ(list->item(0)->col, 5u);
}

TEST(YamlNode, ParsesJson) {
  Parsed p("{\"a\": [1, 2], \"b\": {\"c\": true}}");
  ASSERT_TRUE(p.root) << p.errors();
  EXPECT_EQ(p.root->value(0)->count, 2u);
}

TEST(YamlNode, SyntaxErrorHasPosition) {
  Parsed p("a: [1, 2\nb: 3\n");
  EXPECT_FALSE(p.root);
  EXPECT_EQ(
      p.errors(),
      "t.yaml:2:2: error: YAML syntax error: did not find expected ',' or ']' while parsing a "
      "flow sequence [yaml-syntax]\n"
      "    b: 3\n"
      "     ^\n"
      "t.yaml:1:4: note: the construct starts here\n"
      "    a: [1, 2\n"
      "       ^\n"
      "1 error, 0 warnings\n");
}

TEST(YamlNode, EmptyFile) {
  Parsed p("# only a comment\n");
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("t.yaml:1:1: error: the file holds no YAML document [empty-file]"),
            std::string::npos);
}

TEST(YamlNode, InvalidUtf8) {
  Parsed p("a: b\nc: \xff\xfe\n");
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("t.yaml:2:4: error: cannot read the file"), std::string::npos)
      << p.errors();
}

TEST(YamlNode, AliasBombStopsAtLimit) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (int i = 0; i < 9; ++i) {
    std::string name = std::string(1, static_cast<char>('b' + i));
    bomb += name + ": &" + name + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  Parsed p(bomb);
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("[limit-aliases]"), std::string::npos) << p.errors();
}

TEST(YamlNode, DepthLimit) {
  std::string deep(100000, '[');
  Parsed p(deep);
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("t.yaml:1:65: error: nesting deeper than 64 levels [limit-depth]"),
            std::string::npos)
      << p.errors();
}

TEST(YamlNode, ScalarLimit) {
  Limits l;
  l.max_scalar_bytes = 100;
  Parsed p("a: " + std::string(200, 'x') + "\n", l);
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("[limit-scalar]"), std::string::npos);
}

TEST(YamlNode, NodeLimit) {
  Limits l;
  l.max_nodes = 10;
  Parsed p("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", l);
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("[limit-nodes]"), std::string::npos);
}

TEST(YamlNode, UnknownAndRecursiveAliases) {
  EXPECT_NE(Parsed("a: *nope\n").errors().find("alias '*nope' names no anchor"), std::string::npos);
  EXPECT_NE(Parsed("a: &x [*x]\n").errors().find("refers to a node that contains it"),
            std::string::npos);
}

TEST(YamlNode, SecondDocumentIsAnError) {
  Parsed p("a: 1\n---\nb: 2\n");
  EXPECT_FALSE(p.root);
  EXPECT_NE(p.errors().find("t.yaml:2:1: error: a model file holds one YAML document"),
            std::string::npos)
      << p.errors();
}

// The tree as text, with positions and anchors' sharing made visible.
void dump(const Node* n, std::string& out) {
  out += std::to_string(n->line) + ":" + std::to_string(n->col);
  switch (n->kind) {
    case Node::Kind::Scalar:
      out += (n->plain ? " =" : " '") + std::string(n->text) + "\n";
      return;
    case Node::Kind::Seq:
    case Node::Kind::Map:
      out += n->is_seq() ? " [" : " {";
      out += std::to_string(n->count) + "\n";
      for (uint32_t i = 0; i < n->count; ++i) dump(n->kids[i], out);
      out += "}\n";
  }
}

struct ParseOutcome {
  std::string tree, diagnostics, items;
};

// Parses `text` streaming the items of top-level lists to a sink, with libyaml on the caller's
// thread or on its own.
ParseOutcome parse_with(const std::string& text, bool pipelined, Limits limits = {}) {
  setenv("THREATWRIGHT_THREADS", pipelined ? "2" : "1", 1);
  set_pipeline_threshold(pipelined ? 0 : SIZE_MAX);
  ParseOutcome out;
  base::SourceFile file("t.yaml", text);
  Arena arena;
  base::Diagnostics diags;
  uint64_t budget = limits.max_nodes;
  ItemSink sink = [&](std::string_view section, const Node* item) {
    if (section == "kept") return false;
    out.items += std::string(section) + ": ";
    dump(item, out.items);
    return true;
  };
  const Node* root = parse_yaml(file, arena, limits, budget, diags, &sink);
  if (root) dump(root, out.tree);
  out.diagnostics = base::render_text(diags, false);
  set_pipeline_threshold(256 * 1024);
  unsetenv("THREATWRIGHT_THREADS");
  return out;
}

std::string many_items(int n, const std::string& tail) {
  std::string text = "threatwright: 1\nkept: [a, b]\ncomponents:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - id: c" + std::to_string(i) + "\n    name: 'Component " + std::to_string(i) +
            "'\n    tags: [x, y, {z: " + std::to_string(i) + "}]\n";
    if (i == 7) text += "    shared: &anchor {k: v}\n";
    if (i == 9) text += "    again: *anchor\n";
  }
  return text + tail;
}

// Large files are scanned on a second thread. Whatever the input, the tree, the streamed
// items and every diagnostic must be exactly those of a serial parse, including when the
// consumer stops early (a limit) while the scanner is still ahead, and when the scanner fails
// late (a syntax error after thousands of events).
TEST(YamlNode, PipelinedParseMatchesSerial) {
  Limits small_nodes;
  small_nodes.max_nodes = 30000;
  Limits small_scalars;
  small_scalars.max_scalar_bytes = 12;
  struct Case {
    std::string name, text;
    Limits limits;
  };
  std::vector<Case> cases = {
      {"valid", many_items(5000, "flows: []\n"), {}},
      {"syntax error late", many_items(5000, "flows: [a, b\nx: 1\n"), {}},
      {"bad utf-8 late", many_items(3000, "x: \xff\n"), {}},
      {"node limit midway", many_items(5000, ""), small_nodes},
      {"scalar limit", many_items(3000, "x: '" + std::string(40, 'q') + "'\n"), small_scalars},
      {"unknown alias late", many_items(3000, "x: *missing\n"), {}},
      {"second document", many_items(3000, "---\nb: 1\n"), {}},
      {"deep", std::string(5000, '['), {}},
      {"empty", "# nothing\n", {}},
      {"small", "a: 1\n", {}},
  };
  for (const Case& c : cases) {
    ParseOutcome serial = parse_with(c.text, false, c.limits);
    ParseOutcome pipelined = parse_with(c.text, true, c.limits);
    EXPECT_EQ(serial.diagnostics, pipelined.diagnostics) << c.name;
    EXPECT_EQ(serial.tree, pipelined.tree) << c.name;
    EXPECT_EQ(serial.items, pipelined.items) << c.name;
  }
  // The cases reach what they are meant to.
  EXPECT_NE(parse_with(cases[0].text, true).items.find("components: 4:5 {"), std::string::npos);
  EXPECT_NE(parse_with(cases[1].text, true).diagnostics.find("[yaml-syntax]"), std::string::npos);
  EXPECT_NE(parse_with(cases[2].text, true).diagnostics.find("cannot read the file"),
            std::string::npos);
  EXPECT_NE(parse_with(cases[3].text, true, small_nodes).diagnostics.find("[limit-nodes]"),
            std::string::npos);
  EXPECT_NE(parse_with(cases[4].text, true, small_scalars).diagnostics.find("[limit-scalar]"),
            std::string::npos);
}

// Review B2: an anchor redefined inside a streamed (consumed) list item used to point into
// memory the item's rollback reclaimed. Anchors pin the arena, so every alias resolves to the
// node YAML says, whichever item defined it and however large the items are.
std::string flow(const Node* n) {
  if (n->is_scalar()) return n->text.size() > 20 ? "<long>" : std::string(n->text);
  std::string out = n->is_seq() ? "[" : "{";
  for (uint32_t i = 0; i < n->count; ++i) {
    if (i) out += n->is_map() && i % 2 ? ": " : ", ";
    out += flow(n->kids[i]);
  }
  return out + (n->is_seq() ? "]" : "}");
}

TEST(YamlNode, RedefinedAnchorInStreamedItemsResolvesToTheLastDefinition) {
  const std::string big(1000000, 'x');
  for (bool pipelined : {false, true}) {
    for (const std::string& filler : {std::string("s"), big}) {
      // The review's case, then variants: the anchor nested deeper, redefined in a later item,
      // redefined on a scalar, and aliased from an item long after the defining one.
      std::string text =
          "components:\n"
          "  - &a {id: a1, v: first}\n"
          "  - &a {id: a2, v: '" +
          filler + "', w: '" + filler +
          "'}\n"
          "  - {id: a3, v: third}\n"
          "  - *a\n"
          "  - {id: n1, deep: {deeper: &b [1, {k: &c inner}]}}\n"
          "  - {id: n2, pad: '" +
          filler +
          "'}\n"
          "  - {id: n3, again: *b, scalar: *c}\n"
          "  - {id: n4, deep: {deeper: &b [2]}, c: &c other}\n"
          "  - {id: n5, pad: '" +
          filler + "', last: *b, c: *c}\n";
      setenv("THREATWRIGHT_THREADS", pipelined ? "2" : "1", 1);
      set_pipeline_threshold(pipelined ? 0 : SIZE_MAX);
      base::SourceFile file("t.yaml", text);
      Arena arena;
      base::Diagnostics diags;
      Limits limits;
      uint64_t budget = limits.max_nodes;
      std::vector<std::string> items;
      ItemSink sink = [&](std::string_view, const Node* item) {
        items.push_back(flow(item));
        return true;
      };
      const Node* root = parse_yaml(file, arena, limits, budget, diags, &sink);
      set_pipeline_threshold(256 * 1024);
      unsetenv("THREATWRIGHT_THREADS");
      ASSERT_NE(root, nullptr) << base::render_text(diags, false);
      const std::string pad = filler.size() > 20 ? "<long>" : filler;
      std::vector<std::string> expected = {"{id: a1, v: first}",
                                           "{id: a2, v: " + pad + ", w: " + pad + "}",
                                           "{id: a3, v: third}",
                                           "{id: a2, v: " + pad + ", w: " + pad + "}",
                                           "{id: n1, deep: {deeper: [1, {k: inner}]}}",
                                           "{id: n2, pad: " + pad + "}",
                                           "{id: n3, again: [1, {k: inner}], scalar: inner}",
                                           "{id: n4, deep: {deeper: [2]}, c: other}",
                                           "{id: n5, pad: " + pad + ", last: [2], c: other}"};
      EXPECT_EQ(items, expected) << "pipelined " << pipelined << ", filler " << filler.size();
    }
  }
}

// The arena never frees memory a pin protects, and still reclaims what came after it.
TEST(YamlNode, ArenaRollbackStopsAtPins) {
  Arena arena;
  Arena::Mark before = arena.mark();
  Node* kept = arena.node();
  arena.pin();
  EXPECT_FALSE(arena.rollback(before));
  EXPECT_GE(arena.bytes_used(), sizeof(Node));
  Arena::Mark after = arena.mark();
  arena.copy(std::string(2 << 20, 'y').data(), 2 << 20);  // a new block
  EXPECT_TRUE(arena.rollback(after));
  EXPECT_EQ(arena.bytes_used(), after.used);
  kept->count = 7;  // still ours (ASan would report a use after free)
  EXPECT_EQ(kept->count, 7u);
}

}  // namespace
}  // namespace tw::load
