// The checked vocabulary (issue 12, "typos pass silently"): unknown kinds, protocols and near
// misses of ecosystems and sources are warnings with the right "did you mean"; declared kinds
// and protocols map to a built-in base that components and flows then read.

#include <gtest/gtest.h>

#include <string>

#include "base/diagnostic.h"
#include "load/loader.h"

namespace tw::load {
namespace {

const char* kHeader =
    "threatwright: 1\n"
    "system: {name: T}\n"
    "assets:\n"
    "  - {id: data, name: Data, value: high, impact: Leak}\n";

// The diagnostics of `code` only, rendered as one line each: "line:col: severity: message".
std::string only(const LoadResult& r, std::string_view code) {
  std::string out;
  for (const base::Diagnostic& d : r.diagnostics.items()) {
    if (d.code != code) continue;
    out += std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + ": " +
           (d.severity == base::Severity::Error ? "error: " : "warning: ") + d.message + "\n";
    if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  }
  return out;
}

LoadResult load(const std::string& body) {
  return load_model_text("m.yaml", std::string(kHeader) + body);
}

// The typos of issue 12: each is a warning (so `check --strict` fails) naming what was meant.
TEST(Vocabulary, TyposOfIssue12AreWarningsWithTheRightSuggestion) {
  auto r = load(
      "components:\n"
      "  - {id: admin, type: process, kind: admin-panel}\n"
      "  - {id: db, type: data-store, kind: postgres, stores: [data]}\n"
      "flows:\n"
      "  - {id: f, from: admin, to: db, protocol: htps}\n");
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  EXPECT_EQ(only(r, "unknown-kind"),
            "6:38: warning: unknown kind 'admin-panel' for component 'admin': 'admin-panel' is "
            "not a kind; did you mean 'admin-console'?\n"
            "  hint: write 'kind: admin-console', or declare it under 'kinds:' with a built-in "
            "base (docs/model-format.md, \"Vocabulary\")\n"
            "7:38: warning: unknown kind 'postgres' for component 'db': 'postgres' is a "
            "technology; did you mean 'sql-database'?\n"
            "  hint: write 'kind: sql-database' and 'technology: postgres'; rules match kinds, "
            "not products\n");
  EXPECT_EQ(only(r, "unknown-protocol"),
            "9:44: warning: unknown protocol 'htps' for flow 'f'; did you mean 'https'?\n"
            "  hint: rules match protocols exactly, so a misspelt one gets none of its rules; "
            "fix it, or declare it under 'protocols:' with a built-in base "
            "(docs/model-format.md, \"Vocabulary\")\n");
}

TEST(Vocabulary, SpellingsCaseAndNearMisses) {
  auto r = load(
      "components:\n"
      "  - {id: a, type: process, kind: admin-consle}\n"
      "  - {id: b, type: process, kind: Web-App}\n"
      "  - {id: c, type: process, kind: zzzzqqq}\n"
      "  - {id: d, type: process, kind: web-app}\n"
      "supply_chain:\n"
      "  - {id: s, kind: library, ecosystem: nmp, source: public-regsitry, used_by: [a]}\n"
      "  - {id: t, kind: library, ecosystem: my-own-registry, source: GitHub, used_by: [a]}\n");
  std::string kinds = only(r, "unknown-kind");
  EXPECT_NE(kinds.find("'admin-consle' for component 'a'; did you mean 'admin-console'?"),
            std::string::npos)
      << kinds;
  EXPECT_NE(kinds.find("'Web-App' for component 'b'; did you mean 'web-app'?"), std::string::npos)
      << kinds;
  // Nothing close: the hint lists the built-in kinds.
  EXPECT_NE(kinds.find("'zzzzqqq' for component 'c'\n  hint: rules match kinds exactly; use a "
                       "built-in one (admin-console, ai-agent, api,"),
            std::string::npos)
      << kinds;
  EXPECT_EQ(kinds.find("component 'd'"), std::string::npos);
  // Open fields: a near miss is reported, anything else is accepted.
  EXPECT_EQ(only(r, "unknown-ecosystem"),
            "11:39: warning: ecosystem 'nmp' of supply-chain entry 's' is not one threatwright "
            "knows; did you mean 'npm'?\n"
            "  hint: rules compare ecosystems exactly; other values are accepted as they are\n");
  EXPECT_NE(only(r, "unknown-source").find("did you mean 'public-registry'?"), std::string::npos);
  EXPECT_EQ(only(r, "unknown-source").find("GitHub"), std::string::npos);
}

TEST(Vocabulary, DeclaredKindsAndProtocolsReadAsTheirBase) {
  auto r = load(
      "kinds:\n"
      "  - {id: billing-engine, base: api, description: Charges cards}\n"
      "protocols:\n"
      "  - {id: corp-rpc, base: grpc-tls}\n"
      "components:\n"
      "  - {id: bill, type: process, kind: billing-engine}\n"
      "  - {id: web, type: process, kind: web-app}\n"
      "flows:\n"
      "  - {id: f, from: web, to: bill, protocol: corp-rpc}\n");
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  EXPECT_EQ(only(r, "unknown-kind") + only(r, "unknown-protocol"), "");
  ASSERT_EQ(r.model->components.size(), 2u);
  EXPECT_EQ(r.model->components[0].kind, "billing-engine");
  EXPECT_EQ(r.model->components[0].effective_kind(), "api");
  EXPECT_EQ(r.model->components[1].effective_kind(), "web-app");
  EXPECT_EQ(r.model->flows[0].effective_protocol(), "grpc-tls");
  ASSERT_EQ(r.model->kinds.size(), 1u);
  EXPECT_EQ(r.model->kinds[0].description, "Charges cards");
}

TEST(Vocabulary, BadDeclarationsAreErrors) {
  auto r = load(
      "kinds:\n"
      "  - {id: billing-engine, base: admin-consol}\n"
      "  - {id: ledger, base: billing-engine}\n"
      "  - {id: api, base: web-app}\n"
      "  - {id: ledger, base: sql-database}\n"
      "  - {id: nobase}\n"
      "protocols:\n"
      "  - {id: corp-rpc, base: htps}\n");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(only(r, "bad-base").substr(0, only(r, "bad-base").find("  hint")),
            "6:32: error: base 'admin-consol' of kind 'billing-engine' is not a built-in kind; "
            "did you mean 'admin-console'?\n");
  EXPECT_NE(only(r, "bad-base")
                .find("7:24: error: base 'billing-engine' of kind 'ledger' is not "
                      "a built-in kind but one this model declares"),
            std::string::npos)
      << only(r, "bad-base");
  EXPECT_NE(only(r, "bad-base")
                .find("base 'htps' of protocol 'corp-rpc' is not a built-in "
                      "protocol; did you mean 'https'?"),
            std::string::npos)
      << only(r, "bad-base");
  EXPECT_EQ(only(r, "duplicate-kind"),
            "8:10: error: kind 'api' is built in; a declared kind needs a name of its own\n"
            "  hint: remove this entry: components can use the built-in kind as it is\n"
            "9:10: error: kind 'ledger' is declared more than once\n");
  EXPECT_NE(only(r, "missing-field").find("kind has no 'base'"), std::string::npos);
}

// Warnings off (analyze, report): declared kinds still resolve; nothing is reported.
TEST(Vocabulary, WithoutWarningsBasesStillApply) {
  LoadOptions o;
  o.warnings = false;
  auto r = load_model_text("m.yaml",
                           std::string(kHeader) +
                               "kinds: [{id: console, base: admin-console}]\n"
                               "components:\n"
                               "  - {id: a, type: process, kind: console}\n"
                               "  - {id: b, type: process, kind: admin-panel}\n",
                           o);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.diagnostics.warning_count(), 0u);
  EXPECT_EQ(r.model->components[0].effective_kind(), "admin-console");
}

}  // namespace
}  // namespace tw::load
