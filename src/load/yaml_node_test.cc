#include "load/yaml_node.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tw::load
