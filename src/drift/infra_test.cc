#include "drift/infra.h"

#include <gtest/gtest.h>

#include "engine/analysis.h"
#include "engine/infrastructure.h"
#include "load/loader.h"
#include "observe/scan.h"

namespace tw::drift {
namespace {

// The model claims the database is private and encrypted, leaves the bucket's exposure unknown,
// and is stricter than the infrastructure about the cache (internet_facing: true).
const char* kModel = R"(threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: web, name: Web, type: process, kind: web-app, internet_facing: true}
  - {id: db, name: Orders DB, type: data-store, kind: sql-database, stores: [orders],
     internet_facing: false, encrypted_at_rest: true}
  - {id: cache, type: data-store, kind: cache, internet_facing: true, encrypted_at_rest: true}
flows:
  - {id: web-db, from: web, to: db, protocol: sql, encrypted: true}
)";

const char* kTerraform = R"(resource "aws_db_instance" "db" {
  publicly_accessible = true
  storage_encrypted   = false
}

resource "aws_elasticache_cluster" "cache" {
  engine = "redis"
}

resource "aws_rds_cluster" "cache" {
  storage_encrypted = true
}
)";

struct Fixture {
  load::LoadResult model = load::load_model_text("model.yaml", kModel);
  observe::ObservedSystem obs;
  Mapping map;
  Fixture() {
    obs = observe::read_files({{"infra/main.tf", kTerraform}});
    map.to_model["aws_db_instance.db"] = "db";
    map.to_model["aws_rds_cluster.cache"] = "cache";
  }
};

const engine::InfraFact* fact(const engine::Infrastructure& in,
                              const std::string& element,
                              const std::string& name) {
  for (const auto& f : in.facts)
    if (f.element == element && f.fact == name) return &f;
  return nullptr;
}

const engine::InfraFinding* finding(const engine::Infrastructure& in, const std::string& code) {
  for (const auto& f : in.findings)
    if (f.code == code) return &f;
  return nullptr;
}

TEST(Infra, ContradictedClaimsTakeTheDeployedValue) {
  Fixture fx;
  ASSERT_TRUE(fx.model.ok());
  model::Model& m = *fx.model.model;
  engine::Infrastructure in = join_infrastructure(m, fx.obs, fx.map);

  const engine::InfraFact* open = fact(in, "db", "internet_facing");
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->value, "true");
  EXPECT_EQ(open->model_value, "false");
  EXPECT_EQ(open->effect, engine::InfraFact::Effect::Overridden);
  EXPECT_EQ(open->at.str(), "infra/main.tf:2:25");
  EXPECT_EQ(open->model_at.line, 7u);
  const engine::InfraFact* enc = fact(in, "db", "encrypted_at_rest");
  ASSERT_NE(enc, nullptr);
  EXPECT_EQ(enc->effect, engine::InfraFact::Effect::Overridden);
  EXPECT_EQ(enc->at.str(), "infra/main.tf:3:25");

  // The model now says what is deployed.
  EXPECT_EQ(m.component("db")->internet_facing, true);
  EXPECT_EQ(m.component("db")->encrypted_at_rest, false);
  // The cache: encryption verified; the model's wider exposure is kept.
  const engine::InfraFact* cache = fact(in, "cache", "encrypted_at_rest");
  ASSERT_NE(cache, nullptr);
  EXPECT_EQ(cache->effect, engine::InfraFact::Effect::Verified);
  EXPECT_EQ(m.component("cache")->internet_facing, true);

  // Drift findings are taken against the model as written.
  const engine::InfraFinding* pub = finding(in, "public-database");
  ASSERT_NE(pub, nullptr);
  EXPECT_EQ(pub->severity, engine::Severity::Critical);
  EXPECT_EQ(pub->element, "db");
  EXPECT_EQ(pub->observed_at.str(), "infra/main.tf:2:25");
  EXPECT_EQ(pub->model_says, "internet_facing: false");
  ASSERT_NE(finding(in, "unencrypted-database"), nullptr);
  EXPECT_EQ(in.files, 1u);
}

TEST(Infra, TheAnalysisSeesTheDeployedSystem) {
  Fixture plain;
  ASSERT_TRUE(plain.model.ok());
  engine::AnalyzeOptions ao;
  ao.today = base::Date{2026, 1, 1};
  engine::Analysis before = engine::analyze(*plain.model.model, ao);

  Fixture fx;
  engine::Infrastructure in = join_infrastructure(*fx.model.model, fx.obs, fx.map);
  engine::Analysis after = engine::analyze(*fx.model.model, ao);
  apply_to_analysis(after, in);

  // The model's claims settled these on db; the deployed database reopens them.
  auto open_on_db = [](const engine::Analysis& a) {
    int n = 0;
    for (const auto& t : a.threats)
      if (t.target == "db" && t.status == model::ThreatStatus::Open) ++n;
    return n;
  };
  EXPECT_GT(open_on_db(after), open_on_db(before));
  // The claim `encrypted_at_rest: true` no longer settles it; the public database is a threat.
  ASSERT_NE(before.find("unencrypted-data-at-rest@db"), nullptr);
  EXPECT_EQ(before.find("unencrypted-data-at-rest@db")->status, model::ThreatStatus::Claimed);
  EXPECT_EQ(before.find("data-store-internet-exposed@db"), nullptr);
  ASSERT_NE(after.find("data-store-internet-exposed@db"), nullptr);
  EXPECT_EQ(after.find("data-store-internet-exposed@db")->status_reason,
            "open: the infrastructure shows `internet_facing: true` (infra/main.tf:2:25), the "
            "model claims false");
  bool named = false;
  for (const auto& t : after.threats)
    if (t.id == "unencrypted-data-at-rest@db" && t.status == model::ThreatStatus::Open &&
        t.status_reason ==
            "open: the infrastructure shows `encrypted_at_rest: false` "
            "(infra/main.tf:3:25), the model claims true")
      named = true;
  EXPECT_TRUE(named);
  int open = 0;
  for (const auto& t : after.threats) open += t.status == model::ThreatStatus::Open;
  EXPECT_EQ(after.summary.by_status.at("open"), open);
}

TEST(Infra, FindingsBecomeGateDiagnosticsWithBothPositions) {
  Fixture fx;
  engine::Infrastructure in = join_infrastructure(*fx.model.model, fx.obs, fx.map);
  in.sources.push_back(std::make_shared<base::SourceFile>("infra/main.tf", kTerraform));
  base::Diagnostics ds = infra_diagnostics(in, 100);
  const base::Diagnostic* pub = nullptr;
  for (const auto& d : ds.items())
    if (d.code == "drift-public-database") pub = &d;
  ASSERT_NE(pub, nullptr);
  EXPECT_EQ(pub->severity, base::Severity::Error);
  EXPECT_EQ(pub->loc.path(), "infra/main.tf");
  EXPECT_EQ(pub->loc.line, 2u);
  EXPECT_EQ(pub->loc.col, 25u);
  ASSERT_EQ(pub->notes.size(), 1u);
  EXPECT_EQ(pub->notes[0].loc.path(), "model.yaml");
  EXPECT_EQ(pub->notes[0].loc.line, 7u);
  EXPECT_EQ(pub->notes[0].message, "the model's db says internet_facing: false");
  // Notes (components on one side only) are not gate diagnostics.
  for (const auto& d : ds.items()) EXPECT_NE(d.code, "drift-component-not-in-model");
  size_t errors = 0;
  for (const auto& f : in.findings) errors += f.severity >= engine::Severity::High;
  EXPECT_EQ(ds.error_count(), errors);
}

TEST(Infra, VerifiedClaimMitigatesAClaimedThreat) {
  // "redundant: true" is a claim some rules accept; no reader observes it, so build the fact.
  engine::Analysis a;
  engine::Threat t;
  t.id = "r@db";
  t.target = "db";
  t.status = model::ThreatStatus::Claimed;
  t.claim = "encrypted_at_rest: true";
  a.threats.push_back(t);
  t.id = "r@web";
  t.target = "web";
  a.threats.push_back(t);
  engine::Infrastructure in;
  engine::InfraFact f;
  f.element = "db";
  f.fact = "encrypted_at_rest";
  f.value = "true";
  f.model_value = "true";
  f.effect = engine::InfraFact::Effect::Verified;
  f.at = {"infra/main.tf", 3, 25};
  in.facts.push_back(f);
  apply_to_analysis(a, in);
  EXPECT_EQ(a.threats[0].status, model::ThreatStatus::Mitigated);
  EXPECT_EQ(a.threats[0].status_reason,
            "mitigated: `encrypted_at_rest: true` is verified by the infrastructure "
            "(infra/main.tf:3:25)");
  EXPECT_EQ(a.threats[1].status, model::ThreatStatus::Claimed);
  EXPECT_EQ(a.summary.by_status.at("mitigated"), 1);
  EXPECT_EQ(a.summary.by_status.at("claimed"), 1);
}

TEST(Infra, RenderTextCountsFindingsAndFacts) {
  Fixture fx;
  engine::Infrastructure in = join_infrastructure(*fx.model.model, fx.obs, fx.map);
  std::string text = render_infra_text(in);
  EXPECT_NE(text.find("infra/main.tf:2:25: critical: "), std::string::npos) << text;
  EXPECT_NE(text.find("infra/main.tf:3:25: contradicted: db encrypted_at_rest: false (the model "
                      "says true)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" from 1 file\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace tw::drift
