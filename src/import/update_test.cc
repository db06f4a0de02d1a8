#include "import/update.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "import/import.h"

namespace tw::import {
namespace {

// A Threat Dragon model, and the same model after colleagues edited it in Threat Dragon: the
// web app renamed, the database deleted, a queue added, the flow's protocol changed, a threat
// marked mitigated.
const char* kBefore = R"({"version": "2.3.0", "summary": {"title": "Shop"},
 "detail": {"diagrams": [{"diagramType": "STRIDE", "cells": [
  {"shape": "actor", "id": "u1", "data": {"name": "Customer"}},
  {"shape": "process", "id": "p1", "data": {"name": "Web app", "threats": [
    {"id": "t1", "title": "Session hijack", "type": "Spoofing", "status": "Open",
     "severity": "High"}]}},
  {"shape": "store", "id": "s1", "data": {"name": "Orders DB"}},
  {"shape": "flow", "id": "f1", "source": {"cell": "u1"}, "target": {"cell": "p1"},
   "data": {"name": "Browse", "protocol": "HTTP"}},
  {"shape": "flow", "id": "f2", "source": {"cell": "p1"}, "target": {"cell": "s1"},
   "data": {"name": "Store orders", "protocol": "TCP"}}]}]}})";

const char* kAfter = R"({"version": "2.3.0", "summary": {"title": "Shop"},
 "detail": {"diagrams": [{"diagramType": "STRIDE", "cells": [
  {"shape": "actor", "id": "u1", "data": {"name": "Customer"}},
  {"shape": "process", "id": "p1", "data": {"name": "Web front end", "threats": [
    {"id": "t1", "title": "Session hijack", "type": "Spoofing", "status": "Mitigated",
     "severity": "High", "mitigation": "Secure cookies"}]}},
  {"shape": "process", "id": "q1", "data": {"name": "Web app"}},
  {"shape": "flow", "id": "f1", "source": {"cell": "u1"}, "target": {"cell": "p1"},
   "data": {"name": "Browse", "protocol": "HTTPS"}},
  {"shape": "flow", "id": "f3", "source": {"cell": "p1"}, "target": {"cell": "q1"},
   "data": {"name": "Enqueue", "protocol": "HTTPS"}}]}]}})";

Imported td(const char* json) {
  Imported im = import_text(Format::ThreatDragon, "shop.json", json, Options{});
  EXPECT_TRUE(im.ok()) << base::render_text(im.diagnostics, false);
  return im;
}

std::string temp_path() {
  char dir[] = "/tmp/tw-update-XXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  return std::string(dir) + "/model.yaml";
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from << " in\n" << s;
  s.replace(at, from.size(), to);
}

/// The import of kBefore, then edited by a person.
std::string edited_model() {
  std::string m = td(kBefore).yaml;
  EXPECT_NE(m.find("x-import:"), std::string::npos) << m;
  // A corrected inference, an added fact, a comment, and a decision.
  replace(m, "    kind: user  # inferred: a Threat Dragon actor\n",
          "    kind: browser  # customers shop in a browser\n");
  replace(m, "    name: Web app\n    type: process\n",
          "    name: Web app\n    type: process\n    authentication: token  # checked\n");
  replace(m, "components:\n", "components:\n  # Reviewed with the team.\n");
  m += "\nadversaries:\n  - id: bot\n    name: Scraper bot\n    access: internet\n";
  return m;
}

Updated run(const std::string& model, const char* json, bool keep_removed = false) {
  UpdateOptions o;
  o.keep_removed = keep_removed;
  Imported fresh = td(json);
  std::string path = temp_path();  // the model is loaded from disk, with its includes
  std::ofstream(path) << model;
  return update_model(path, model, *fresh.model, "threat-dragon", fresh.xtool, o);
}

TEST(Update, KeepsIdsAndWhatAPersonWrote) {
  std::string model = edited_model();
  Updated up = run(model, kAfter);
  ASSERT_TRUE(up.ok()) << base::render_text(up.diagnostics, false);
  const std::string& t = up.text;
  // The renamed process keeps its id (matched by x-td-id p1) and the fact a person added.
  EXPECT_NE(t.find("  - id: web-app\n    name: Web front end\n"), std::string::npos) << t;
  EXPECT_NE(t.find("    authentication: token  # checked\n"), std::string::npos)
      << "a changed element keeps the lines (and comments) of the keys nobody changed\n"
      << t;
  // The new process named like the old one gets a fresh id.
  EXPECT_NE(t.find("  - id: web-app-2\n    name: Web app\n"), std::string::npos) << t;
  // The corrected inference and the comments stay (the source did not change them).
  EXPECT_NE(t.find("    kind: browser  # customers shop in a browser\n"), std::string::npos)
      << "an element the source did not change keeps its bytes\n"
      << t;
  EXPECT_NE(t.find("  # Reviewed with the team.\n"), std::string::npos) << t;
  // The person's adversary stays.
  EXPECT_NE(t.find("- id: bot\n"), std::string::npos) << t;
  // The database and its flow are gone; the flow's protocol follows the source.
  EXPECT_EQ(t.find("orders-db"), std::string::npos) << t;
  EXPECT_EQ(t.find("store-orders"), std::string::npos) << t;
  EXPECT_NE(t.find("protocol: https"), std::string::npos) << t;
  // The threat keeps its id and its new status is a decision on it.
  EXPECT_NE(t.find("  - id: session-hijack\n"), std::string::npos) << t;
  EXPECT_NE(t.find("  - threat: session-hijack\n    status: mitigated"), std::string::npos) << t;
  EXPECT_EQ(up.removed, (std::vector<std::string>{"components/orders-db", "flows/store-orders"}));
  EXPECT_EQ(up.added, (std::vector<std::string>{"components/web-app-2", "flows/enqueue",
                                                "decisions/session-hijack"}));
  EXPECT_EQ(up.conflicts, 0);
  EXPECT_GE(up.kept_edits, 1);
  // Updating again from the same file changes nothing.
  Updated again = run(up.text, kAfter);
  ASSERT_TRUE(again.ok()) << base::render_text(again.diagnostics, false);
  EXPECT_EQ(again.text, up.text);
  EXPECT_TRUE(again.added.empty() && again.updated.empty() && again.removed.empty());
}

TEST(Update, KeepRemovedKeepsWhatTheSourceDropped) {
  Updated up = run(edited_model(), kAfter, /*keep_removed=*/true);
  ASSERT_TRUE(up.ok()) << base::render_text(up.diagnostics, false);
  EXPECT_NE(up.text.find("- id: orders-db\n"), std::string::npos) << up.text;
  EXPECT_TRUE(up.removed.empty());
  EXPECT_EQ(up.kept_removed,
            (std::vector<std::string>{"components/orders-db", "flows/store-orders"}));
}

TEST(Update, BothChangedTakesTheSourceWithAWarning) {
  std::string model = edited_model();
  replace(model, "    name: Web app\n    type: process\n",
          "    name: Shop web\n    type: process\n");
  Updated up = run(model, kAfter);
  ASSERT_TRUE(up.ok()) << base::render_text(up.diagnostics, false);
  EXPECT_EQ(up.conflicts, 1);
  EXPECT_NE(up.text.find("name: Web front end"), std::string::npos);
  std::string diags = base::render_text(up.diagnostics, false);
  EXPECT_NE(diags.find("'name' of 'components/web-app' was changed both in the model and in the "
                       "source: the source's value was taken (the model had 'Shop web')"),
            std::string::npos)
      << diags;
}

TEST(Update, RefusesAModelOfAnotherFormat) {
  std::string model = edited_model();
  replace(model, "format: threat-dragon", "format: otm");
  Updated up = run(model, kAfter);
  EXPECT_FALSE(up.ok());
  EXPECT_NE(base::render_text(up.diagnostics, false)
                .find("this model was imported from otm, not threat-dragon"),
            std::string::npos);
}

TEST(Update, FingerprintsAgreeForWrittenAndReadValues) {
  Yaml y = Yaml::map();
  y.set("name", Yaml::str("Web app: \"main\""));
  y.set("stores", Yaml::words({"a", "b"}));
  y.set("port", Yaml::number(443));
  y.set("text", Yaml::str("two\nlines"));
  std::string text = y.emit();
  base::SourceFile f("x.yaml", text);
  load::Arena arena;
  load::Limits limits;
  uint64_t budget = limits.max_nodes;
  base::Diagnostics d;
  const load::Node* n = load::parse_yaml(f, arena, limits, budget, d);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(fingerprint(n), fingerprint(y)) << text;
  y.set("port", Yaml::number(80));
  EXPECT_NE(fingerprint(n), fingerprint(y));
}

}  // namespace
}  // namespace tw::import
