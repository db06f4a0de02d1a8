#include "import/merge.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace tw::import {
namespace {

const char* kModel = R"(threatwright: 1
# A comment a person wrote.
system: {name: Shop}
assets:
  - {id: data, name: Data}
components:
  - {id: shop, name: Shop, type: process}
supply_chain:
  # hand-written: keep me
  - id: base-image
    kind: container-image   # digest pinned in the Dockerfile
    used_by: [shop]
  - id: shop-npm
    kind: library
    ecosystem: npm
    pinned: false
    x-cyclonedx-bom: shop
  # comment above the stale entry's neighbour
  - id: shop-pypi
    kind: library
    x-cyclonedx-bom: shop

controls: []  # trailing comment
)";

std::string temp_model(const std::string& text) {
  char dir[] = "/tmp/tw-merge-XXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  std::string path = std::string(dir) + "/model.yaml";
  std::ofstream(path) << text;
  return path;
}

Yaml entry(const std::string& id, bool pinned) {
  Yaml e = Yaml::map();
  e.set("id", Yaml::word(id));
  e.set("kind", Yaml::word("library"));
  e.set("ecosystem", Yaml::word("npm"));
  e.set("used_by", Yaml::words({"shop"}));
  e.set("pinned", Yaml::boolean(pinned)).comment("inferred");
  e.set("x-cyclonedx-bom", Yaml::str("shop"));
  return e;
}

TEST(Merge, ReplacesOwnEntriesKeepsEverythingElse) {
  std::string path = temp_model(kModel);
  Yaml entries = Yaml::seq();
  entries.add(entry("shop-npm", true));
  entries.add(entry("shop-npm-dev", true));
  entries.add(entry("base-image", true));  // a person's id: kept as written
  Merged m = merge_supply_chain(path, kModel, entries, "shop", load::Limits{});
  ASSERT_TRUE(m.ok()) << render_text(m.diagnostics, false);
  EXPECT_EQ(m.replaced, 1);
  EXPECT_EQ(m.added, 1);
  EXPECT_EQ(m.removed, 1);  // shop-pypi is no longer in the SBOM
  EXPECT_EQ(m.kept, 1);
  const std::string& t = m.text;
  for (const char* kept :
       {"# A comment a person wrote.", "# hand-written: keep me",
        "kind: container-image   # digest pinned in the Dockerfile",
        "# comment above the stale entry's neighbour", "controls: []  # trailing comment"}) {
    EXPECT_NE(t.find(kept), std::string::npos) << kept << "\n" << t;
  }
  EXPECT_EQ(t.find("shop-pypi"), std::string::npos) << t;
  EXPECT_EQ(t.find("pinned: false"), std::string::npos) << t;
  EXPECT_NE(t.find("  - id: shop-npm-dev\n    kind: library"), std::string::npos) << t;
  // Idempotent: merging the same entries again changes nothing.
  Merged again = merge_supply_chain(path, t, entries, "shop", load::Limits{});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.text, t);
}

TEST(Merge, AddsTheSectionWhenMissing) {
  std::string text =
      "threatwright: 1\nsystem: {name: S}\nassets: [{id: a, name: A}]\n"
      "components: [{id: shop, name: Shop, type: process}]";
  std::string path = temp_model(text);
  Yaml entries = Yaml::seq();
  entries.add(entry("shop-npm", true));
  Merged m = merge_supply_chain(path, text, entries, "shop", load::Limits{});
  ASSERT_TRUE(m.ok()) << render_text(m.diagnostics, false);
  EXPECT_EQ(m.text.rfind(text, 0), 0u);
  EXPECT_NE(m.text.find("\nsupply_chain:\n  - id: shop-npm"), std::string::npos) << m.text;
}

TEST(Merge, RefusesWhatWouldNotLoad) {
  std::string text = "threatwright: 1\nsystem: {name: S}\nassets: [{id: a, name: A}]\n";
  std::string path = temp_model(text);
  Yaml entries = Yaml::seq();
  entries.add(entry("shop-npm", true));  // used_by: shop, which does not exist
  Merged m = merge_supply_chain(path, text, entries, "shop", load::Limits{});
  EXPECT_FALSE(m.ok());
  EXPECT_NE(render_text(m.diagnostics, false).find("the merged model would not load"),
            std::string::npos);
}

TEST(Merge, FlowStyleListIsRefused) {
  std::string text =
      "threatwright: 1\nsystem: {name: S}\nassets: [{id: a, name: A}]\n"
      "components: [{id: shop, name: Shop, type: process}]\n"
      "supply_chain: [{id: x, kind: library}]\n";
  std::string path = temp_model(text);
  Yaml entries = Yaml::seq();
  entries.add(entry("shop-npm", true));
  Merged m = merge_supply_chain(path, text, entries, "shop", load::Limits{});
  EXPECT_FALSE(m.ok());
  EXPECT_NE(render_text(m.diagnostics, false).find("flow style"), std::string::npos);
}

}  // namespace
}  // namespace tw::import
