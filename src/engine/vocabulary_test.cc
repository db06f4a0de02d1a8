// Declared kinds and protocols (docs/model-format.md, "Vocabulary"): rules see the effective
// kind, so a custom kind mapped to a base gets the base's threats, and a typo gets none.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/analysis.h"
#include "load/loader.h"

namespace tw::engine {
namespace {

const char* kModel =
    "threatwright: 1\n"
    "system: {name: T}\n"
    "assets:\n"
    "  - {id: data, name: Data, value: high, impact: Leak}\n"
    "adversaries:\n"
    "  - {id: crook, name: Crook, access: internet, capability: medium}\n"
    "kinds:\n"
    "  - {id: ops-console, base: admin-console}\n"
    "protocols:\n"
    "  - {id: corp-plain, base: http}\n"
    "components:\n"
    "  - {id: browser, type: external-entity, kind: browser}\n"
    "  - {id: admin, type: process, kind: KIND, internet_facing: true,\n"
    "     authentication: password, audit_log: false}\n"
    "flows:\n"
    "  - {id: f, from: browser, to: admin, protocol: PROTO, data: [data]}\n";

std::vector<std::string> threats_of(const std::string& kind, const std::string& protocol) {
  std::string text = kModel;
  text.replace(text.find("KIND"), 4, kind);
  text.replace(text.find("PROTO"), 5, protocol);
  auto r = load::load_model_text("m.yaml", text);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  AnalyzeOptions o;
  o.today = *base::parse_date("2026-11-30");
  Analysis a = analyze(*r.model, o);
  std::vector<std::string> ids;
  for (const Threat& t : a.threats) ids.push_back(t.id);
  return ids;
}

bool has(const std::vector<std::string>& v, const std::string& id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

TEST(Vocabulary, DeclaredKindGetsItsBaseKindsRules) {
  const char* kAdminRules[] = {"admin-console-internet-exposed@admin",
                               "admin-console-without-mfa@admin", "admin-actions-not-logged@admin"};
  auto builtin = threats_of("admin-console", "https");
  auto declared = threats_of("ops-console", "https");
  auto typo = threats_of("admin-panel", "https");
  for (const char* id : kAdminRules) {
    EXPECT_TRUE(has(builtin, id)) << id;
    EXPECT_TRUE(has(declared, id)) << id;  // the base's rules fire through the declared kind
    EXPECT_FALSE(has(typo, id)) << id;     // what the unknown-kind warning is about
  }
  EXPECT_EQ(builtin, declared);
}

TEST(Vocabulary, DeclaredProtocolReadsAsItsBase) {
  auto plain = threats_of("admin-console", "http");
  auto declared = threats_of("admin-console", "corp-plain");
  auto tls = threats_of("admin-console", "https");
  EXPECT_TRUE(has(plain, "unencrypted-flow@f"));
  EXPECT_TRUE(has(declared, "unencrypted-flow@f"));
  EXPECT_FALSE(has(tls, "unencrypted-flow@f"));
}

}  // namespace
}  // namespace tw::engine
