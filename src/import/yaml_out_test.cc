#include "import/yaml_out.h"

#include <gtest/gtest.h>

#include "load/loader.h"
#include "load/yaml_node.h"

namespace tw::import {
namespace {

/// `yaml` parsed back with the loader's parser (the nodes point into `file` and `arena`).
struct Parsed {
  explicit Parsed(const std::string& yaml) : file("t.yaml", yaml) {
    load::Limits limits;
    uint64_t budget = limits.max_nodes;
    root = load::parse_yaml(file, arena, limits, budget, diags);
  }
  base::SourceFile file;
  load::Arena arena;
  base::Diagnostics diags;
  const load::Node* root = nullptr;
};

/// Parses `yaml` back and returns the scalar under `key`.
std::string read_back(const std::string& yaml, const std::string& key) {
  Parsed p(yaml);
  EXPECT_FALSE(p.diags.has_errors()) << yaml;
  const load::Node* root = p.root;
  if (!root || !root->is_map()) return "<no map>";
  for (size_t i = 0; i < root->entries(); ++i) {
    if (root->key(i)->text == key) {
      const load::Node* v = root->value(i);
      EXPECT_FALSE(v->plain && v->is_null()) << yaml;
      return std::string(v->text);
    }
  }
  return "<missing>";
}

TEST(YamlOut, EveryStringReadsBackAsItself) {
  const std::vector<std::string> texts = {"plain words",
                                          "yes",
                                          "No",
                                          "null",
                                          "~",
                                          "true",
                                          "1.0",
                                          "0x1f",
                                          "2026-01-01",
                                          "- item",
                                          "a: b",
                                          "a #b",
                                          "#comment",
                                          "[x]",
                                          "{x}",
                                          "*alias",
                                          "&anchor",
                                          "!tag",
                                          "|",
                                          ">",
                                          "'quoted'",
                                          "\"dq\"",
                                          " lead",
                                          "trail ",
                                          "",
                                          "line\nbreak",
                                          "two\n\nparas",
                                          "\ttab",
                                          "bell\x07",
                                          "del\x7f",
                                          "c1\xc2\x85",
                                          "sep\xe2\x80\xa8",
                                          "\xef\xbb\xbf"
                                          "bom",
                                          "ends:",
                                          "<<",
                                          "%percent",
                                          "@at",
                                          "`tick",
                                          "back\\slash",
                                          "ünïcödé",
                                          "x\r\ny"};
  for (const std::string& t : texts) {
    Yaml doc = Yaml::map();
    doc.set("k", Yaml::str(t)).comment("a comment # with hash");
    EXPECT_EQ(read_back(doc.emit(), "k"), t) << doc.emit();
  }
}

// Found by fuzz_import: an endpoint "http{://x" written into `[...]` plain broke the list.
TEST(YamlOut, WordListsQuoteFlowIndicators) {
  const std::vector<std::string> items = {"http{://x", "a,b", "c]", "[d", "}e", "plain", "f: g"};
  Yaml doc = Yaml::map();
  doc.set("k", Yaml::words(items));
  std::string yaml = doc.emit();
  Parsed p(yaml);
  ASSERT_FALSE(p.diags.has_errors()) << yaml;
  ASSERT_TRUE(p.root && p.root->is_map());
  const load::Node* list = p.root->value(0);
  ASSERT_EQ(list->count, items.size()) << yaml;
  for (size_t i = 0; i < items.size(); ++i) EXPECT_EQ(list->item(i)->text, items[i]) << yaml;
  EXPECT_NE(yaml.find(", plain,"), std::string::npos) << "plain words stay plain: " << yaml;
}

TEST(YamlOut, ListsOfMapsAndComments) {
  Yaml doc = Yaml::map();
  Yaml list = Yaml::seq();
  Yaml item = Yaml::map();
  item.set("id", Yaml::word("a"));
  item.set("tags", Yaml::words({"x", "y z"}));
  item.set("note", Yaml::str("two\nlines")).comment("inferred");
  item.comment("whole item");
  list.add(item);
  doc.set("items", list).comment("the list");
  EXPECT_EQ(doc.emit(),
            "items:  # the list\n"
            "  # whole item\n"
            "  - id: a\n"
            "    tags: [x, y z]\n"
            "    note: |-  # inferred\n"
            "      two\n"
            "      lines\n");
}

}  // namespace
}  // namespace tw::import
