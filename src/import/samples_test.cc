// Every sample file of ../shared/interop/samples imports, loads, and keeps the source's element
// counts and a few facts. Needs ../shared (CTest label needs-shared; skipped, saying so, when
// it is absent). The source is counted here with the positioned YAML/JSON parser, not with the
// importers' own logic.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "import/context.h"
#include "import/import.h"
#include "load/loader.h"
#include "load/yaml_node.h"

namespace tw::import {
namespace {

std::string samples() { return std::string(TW_SOURCE_DIR) + "/../shared/interop/samples/"; }

/// The source, parsed for counting.
struct Source {
  base::SourceFile file;
  load::Arena arena;
  const load::Node* root = nullptr;
  explicit Source(const std::string& rel) : file(rel, read(rel)) {
    load::Limits limits;
    uint64_t budget = limits.max_nodes;
    base::Diagnostics d;
    root = load::parse_yaml(file, arena, limits, budget, d);
  }
  static std::string read(const std::string& rel) {
    std::string out;
    FILE* f = std::fopen((samples() + rel).c_str(), "rb");
    if (!f) return out;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
    return out;
  }
};

/// An import that succeeded and loads.
struct Result {
  Imported im;
  load::LoadResult loaded;
};

Result import_ok(Format f, const std::string& rel, bool skip_broken = false) {
  Options o;
  o.skip_broken = skip_broken;
  Result r{import_file(f, samples() + rel, o), {}};
  EXPECT_TRUE(r.im.ok()) << rel << "\n" << render_text(r.im.diagnostics, false);
  load::LoadOptions lo;
  lo.warnings = false;
  r.loaded = load::load_model_text(rel + ".imported.yaml", r.im.yaml, lo);
  EXPECT_TRUE(r.loaded.ok()) << rel << "\n"
                             << render_text(r.loaded.diagnostics, false) << r.im.yaml;
  return r;
}

void fails(Format f, const std::string& rel, const std::string& message) {
  Imported im = import_file(f, samples() + rel, Options{});
  EXPECT_FALSE(im.ok()) << rel;
  std::string text = render_text(im.diagnostics, false);
  EXPECT_NE(text.find(message), std::string::npos) << text;
}

size_t count(const load::Node* n) {
  return n && (n->is_seq() || n->is_map()) ? (n->is_map() ? n->entries() : n->count) : 0;
}

// --- CycloneDX ---------------------------------------------------------------

size_t packages(const load::Node* list) {
  size_t n = 0;
  for (const load::Node* c : items(list)) {
    std::string t = str(c, "type");
    if (t == "library" || t == "framework" || t == "application") ++n;
    n += packages(get(c, "components"));
  }
  return n;
}

TEST(Samples, CycloneDx) {
  const char* files[] = {
      "cyclonedx/SBOM/cern-lhc-vdm-editor-e564943/bom.json",
      "cyclonedx/SBOM/juice-shop/via_npm/flat/bom.1.4.json",
      "cyclonedx/SBOM/laravel-7.12.0/bom.1.4.json",
      "cyclonedx/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json",
      "cyclonedx/SaaSBOM/apigateway-microservices-datastores/bom.json",
      "cyclonedx/VEX/Use-Cases/Case-1/vex.json",
      "cyclonedx/tools/src/test/resources/1.6/valid-service-1.6.json",
      "cyclonedx/tools/src/test/resources/1.6/valid-formulation-1.6.json",
      "cyclonedx/tools/src/test/resources/1.6/valid-dependency-1.6.json",
      "cyclonedx/tools/src/test/resources/1.6/valid-attestation-1.6.json",
      "cyclonedx/tools/src/test/resources/1.6/valid-external-reference-1.6.json"};
  for (const char* f : files) {
    Source src(f);
    Result r = import_ok(Format::CycloneDx, f);
    // Every package lands in exactly one group: the groups' counts add up to the source's.
    size_t in_groups = 0;
    base::SourceFile out("out.yaml", r.im.yaml);
    load::Arena arena;
    load::Limits limits;
    uint64_t budget = limits.max_nodes;
    base::Diagnostics d;
    const load::Node* root = load::parse_yaml(out, arena, limits, budget, d);
    for (const load::Node* e : items(get(root, "supply_chain"))) {
      if (auto n = number(get(e, "x-cyclonedx-components"))) in_groups += static_cast<size_t>(*n);
    }
    EXPECT_EQ(in_groups, packages(get(src.root, "components"))) << f;
  }
  Result juice = import_ok(Format::CycloneDx, files[1]);
  ASSERT_EQ(juice.loaded.model->supply_chain.size(), 2u);  // runtime and development npm
  for (const auto& s : juice.loaded.model->supply_chain) {
    EXPECT_EQ(s.ecosystem, "npm");
    EXPECT_EQ(s.source, "public-registry");
    EXPECT_EQ(s.pinned, true);
    EXPECT_EQ(s.integrity_checked, true);  // SHA-512 on every package, npm checks them
  }
  Result laravel = import_ok(Format::CycloneDx, files[2]);
  ASSERT_EQ(laravel.loaded.model->supply_chain.size(), 1u);
  EXPECT_EQ(laravel.loaded.model->supply_chain[0].ecosystem, "packagist");
  EXPECT_FALSE(laravel.loaded.model->supply_chain[0].integrity_checked.has_value());  // no hashes
  Result go = import_ok(Format::CycloneDx, files[3]);
  EXPECT_EQ(go.loaded.model->supply_chain[0].ecosystem, "go");
  Result saas = import_ok(Format::CycloneDx, files[4]);
  EXPECT_GE(saas.loaded.model->supply_chain.size(), 1u);  // nested services
  // Threat Dragon's experiment is not CycloneDX: refused, or imported without it.
  fails(Format::CycloneDx, "cyclonedx/ThreatDragonModels/tmbom-otm-example.cdx.json",
        "component type 'threat-model' is not a CycloneDX component type");
  import_ok(Format::CycloneDx, "cyclonedx/ThreatDragonModels/tmbom-otm-example.cdx.json", true);
}

void services_in(const load::Node* list, std::vector<const load::Node*>& out) {
  for (const load::Node* s : items(list)) {
    out.push_back(s);
    services_in(get(s, "services"), out);
  }
}

// A SaaSBOM describes an architecture: services, who depends on them, the data they carry.
TEST(Samples, CycloneDxSaasBomArchitecture) {
  for (const char* f : {"cyclonedx/SaaSBOM/apigateway-microservices-datastores/bom.json",
                        "cyclonedx/tools/src/test/resources/1.6/valid-service-1.6.json"}) {
    Source src(f);
    Result r = import_ok(Format::CycloneDx, f);
    const model::Model& m = *r.loaded.model;
    std::vector<const load::Node*> services;
    services_in(get(src.root, "services"), services);
    std::set<std::string> refs, classes, reached;
    for (const load::Node* s : services) {
      refs.insert(str(s, "bom-ref"));
      for (const load::Node* d : items(get(s, "data")))
        classes.insert(lower(str(d, "classification")));
    }
    size_t flows = 0;
    for (const load::Node* d : items(get(src.root, "dependencies"))) {
      for (const load::Node* on : items(get(d, "dependsOn"))) {
        if (!refs.count(text(on))) continue;
        ++flows;
        reached.insert(text(on));
      }
    }
    flows += services.size() - reached.size();  // reached from the parent or the application
    EXPECT_EQ(m.components.size(), services.size() + 1) << f;  // + the application
    EXPECT_EQ(m.flows.size(), flows) << f;
    EXPECT_EQ(m.assets.size(), classes.size()) << f;
    EXPECT_EQ(m.boundaries.size(), 2u) << f;  // both state x-trust-boundary
  }
  Result r = import_ok(Format::CycloneDx,
                       "cyclonedx/SaaSBOM/apigateway-microservices-datastores/bom.json");
  const model::Model& m = *r.loaded.model;
  std::map<std::string, const model::Component*> by_name;
  for (const auto& c : m.components) by_name[c.name] = &c;
  ASSERT_TRUE(by_name.count("Postgres") && by_name.count("S3") && by_name.count("API Gateway"));
  EXPECT_EQ(by_name["Postgres"]->type, model::ComponentType::DataStore);
  EXPECT_EQ(by_name["Postgres"]->kind, "sql-database");
  EXPECT_EQ(by_name["S3"]->kind, "object-store");
  EXPECT_EQ(by_name["S3"]->boundary.id, "external-services");  // x-trust-boundary: true
  EXPECT_NE(by_name["Postgres"]->boundary.id, "external-services");
  bool pg = false;
  for (const auto& f : m.flows) {
    if (f.to.id != by_name["Postgres"]->id) continue;
    pg = f.from.id == by_name["Microservice 1"]->id && f.port == 5432 && f.authenticated == true &&
         f.data.size() == 1 && f.returns.size() == 1;  // PII, bi-directional
  }
  EXPECT_TRUE(pg) << "Microservice 1 -> Postgres: port 5432, authenticated, PII both ways";
}

// --- Threat Dragon -----------------------------------------------------------

struct TdCount {
  size_t elements = 0, boxes = 0, flows = 0, two_way = 0, threats = 0, decided = 0;
};

TdCount td_count(const load::Node* root) {
  TdCount c;
  for (const load::Node* d : items(get(get(root, "detail"), "diagrams"))) {
    const load::Node* cells =
        get(d, "cells") ? get(d, "cells") : get(get(d, "diagramJson"), "cells");
    for (const load::Node* cell : items(cells)) {
      std::string s = str(cell, "shape"), t = str(cell, "type");
      const load::Node* data = get(cell, "data") ? get(cell, "data") : cell;
      if (s == "actor" || s == "process" || s == "store" || t == "tm.Actor" || t == "tm.Process" ||
          t == "tm.Store")
        ++c.elements;
      if (s == "trust-boundary-box") ++c.boxes;
      if (s == "flow" || t == "tm.Flow") {
        ++c.flows;
        if (boolean(data, "isBidirectional").value_or(false)) ++c.two_way;
      }
      for (const load::Node* th : items(get(data, "threats"))) {
        ++c.threats;
        std::string st = str(th, "status");
        if (st == "Mitigated" || st == "Accepted" || st == "NotApplicable" || st == "Transferred")
          ++c.decided;
      }
    }
  }
  return c;
}

TEST(Samples, ThreatDragon) {
  const char* files[] = {"threat-dragon/ThreatDragonModels/demo-threat-model.json",
                         "threat-dragon/ThreatDragonModels/v2-threat-model.json",
                         "threat-dragon/td.vue/src/service/demo/cryptocurrency-wallet.json",
                         "threat-dragon/td.vue/src/service/demo/generic-cms.json",
                         "threat-dragon/td.vue/src/service/demo/iot-device.json",
                         "threat-dragon/td.vue/src/service/demo/online-game.json",
                         "threat-dragon/td.vue/src/service/demo/payment-online.json",
                         "threat-dragon/td.vue/src/service/demo/renting-car.json",
                         "threat-dragon/td.vue/src/service/demo/three-tier-web-app.json",
                         "threat-dragon/td.vue/src/service/demo/v2-new-model.json",
                         "threat-dragon/threat-model.json"};
  for (const char* f : files) {
    Source src(f);
    TdCount c = td_count(src.root);
    Result r = import_ok(Format::ThreatDragon, f);
    const model::Model& m = *r.loaded.model;
    EXPECT_EQ(m.components.size(), c.elements) << f;
    EXPECT_EQ(m.boundaries.size(), c.boxes) << f;
    EXPECT_EQ(m.flows.size(), c.flows + c.two_way) << f;
    EXPECT_EQ(m.threats.size(), c.threats) << f;  // every sample threat has a STRIDE or CIA type
    EXPECT_EQ(m.decisions.size(), c.decided) << f;
    // Threat Dragon's `false` flags are unknown, never carried as false.
    for (const auto& fl : m.flows) EXPECT_NE(fl.encrypted, std::optional<bool>(false)) << f;
  }
  // v2-threat-model: a flow with a loose end is refused, or dropped on request.
  const char* loose = "threat-dragon/td.vue/src/service/demo/v2-threat-model.json";
  fails(Format::ThreatDragon, loose, "has a loose source end");
  Result r = import_ok(Format::ThreatDragon, loose, true);
  TdCount c = td_count(Source(loose).root);
  EXPECT_EQ(r.loaded.model->flows.size(), c.flows - 1);
  bool https = false;
  for (const auto& fl : r.loaded.model->flows) {
    if (fl.id == "web-response") https = fl.protocol == "https" && fl.encrypted == true;
  }
  EXPECT_TRUE(https) << "HTTP/S with isEncrypted true";
  fails(Format::ThreatDragon, "threat-dragon/ThreatDragonModels/test/v2-malformed-new-model.json",
        "not a Threat Dragon model");
}

// --- OTM ---------------------------------------------------------------------

TEST(Samples, Otm) {
  const char* files[] = {"otm/EXAMPLE.json",
                         "otm/EXAMPLE.yaml",
                         "otm/ThreatDragonModels/test/example-open-threat-model.json",
                         "otm/examples/otm/cft_example.yaml",
                         "otm/examples/otm/lucid_example.yaml",
                         "otm/examples/otm/manual_threat_model.yaml",
                         "otm/examples/otm/minimal_content.yaml",
                         "otm/examples/otm/mtmt_example.yaml",
                         "otm/examples/otm/tf_example.yaml",
                         "otm/examples/otm/visio_example.yaml",
                         "otm/td.vue/src/service/demo/mobile-cloud.otm.json",
                         "otm/tests/resources/otm/MTMT_multiple_trustzones_same_type_ID.otm",
                         "otm/tests/resources/otm/otm_file_example.otm"};
  for (const char* f : files) {
    Source src(f);
    Result r = import_ok(Format::Otm, f);
    const model::Model& m = *r.loaded.model;
    EXPECT_EQ(m.components.size(), count(get(src.root, "components"))) << f;
    EXPECT_EQ(m.flows.size(), count(get(src.root, "dataflows"))) << f;
    EXPECT_EQ(m.boundaries.size(), count(get(src.root, "trustZones"))) << f;
    EXPECT_EQ(m.controls.size(), count(get(src.root, "mitigations"))) << f;
    size_t instances = 0;
    for (const char* k : {"components", "dataflows"}) {
      for (const load::Node* e : items(get(src.root, k))) instances += count(get(e, "threats"));
    }
    EXPECT_EQ(m.threats.size(), instances) << f;  // one threat per instance
  }
  Result mtmt = import_ok(Format::Otm, "otm/examples/otm/mtmt_example.yaml");
  EXPECT_EQ(mtmt.loaded.model->threats.size(), 43u);  // SOURCES.md: 43 threats
  for (const auto& b : mtmt.loaded.model->boundaries) {
    if (b.name == "Internet") {
      EXPECT_EQ(model::name(*b.trust), "untrusted");  // IriusRisk's id
    }
  }
}

// --- Threagile ---------------------------------------------------------------

TEST(Samples, Threagile) {
  for (const char* f : {"threagile/demo/example/threagile.yaml", "threagile/test/all.yaml",
                        "threagile/demo/stub/threagile.yaml"}) {
    Source src(f);
    Result r = import_ok(Format::Threagile, f);
    const model::Model& m = *r.loaded.model;
    EXPECT_EQ(m.assets.size(), std::max<size_t>(1, count(get(src.root, "data_assets")))) << f;
    // Shared runtimes become components of kind runtime.
    EXPECT_EQ(m.components.size(),
              count(get(src.root, "technical_assets")) + count(get(src.root, "shared_runtimes")))
        << f;
    size_t links = 0;
    for (auto [k, t] : entries(get(src.root, "technical_assets")))
      links += count(get(t, "communication_links"));
    EXPECT_EQ(m.flows.size(), links) << f;
    size_t risks = 0;
    for (auto [k, c] : entries(get(src.root, "individual_risk_categories")))
      risks += count(get(c, "risks_identified"));
    for (const load::Node* c : items(get(src.root, "custom_risk_categories")))
      risks += count(get(c, "risks_identified"));
    EXPECT_EQ(m.threats.size(), risks) << f;
  }
  // The split test model (includes) imports like its single-file twin.
  Result split = import_ok(Format::Threagile, "threagile/test/main.yaml");
  Result flat = import_ok(Format::Threagile, "threagile/test/all.yaml");
  EXPECT_EQ(split.loaded.model->components.size(), flat.loaded.model->components.size());
  EXPECT_EQ(split.loaded.model->flows.size(), flat.loaded.model->flows.size());
  EXPECT_EQ(split.loaded.model->assets.size(), flat.loaded.model->assets.size());
  EXPECT_EQ(split.loaded.model->threats.size(), flat.loaded.model->threats.size());
  // Merge keys: contract-summaries inherits from customer-contracts (`<<: *customer-contracts`).
  Result demo = import_ok(Format::Threagile, "threagile/demo/example/threagile.yaml");
  bool inherited = false;
  for (const auto& a : demo.loaded.model->assets) {
    if (a.id == "customer-operational-data")
      inherited = !a.impact.empty() && a.cia.confidentiality.has_value();
  }
  EXPECT_TRUE(inherited);
  // Facts the rules read: the shared runtime, the directory, the zone the customers reach.
  std::map<std::string, const model::Component*> comp;
  for (const auto& c : demo.loaded.model->components) comp[c.id] = &c;
  ASSERT_TRUE(comp.count("webapp-virtualization"));
  EXPECT_EQ(comp["webapp-virtualization"]->kind, "runtime");
  EXPECT_EQ(comp["webapp-virtualization"]->boundary.id, "application-network");
  for (const char* c : {"apache-webserver", "marketing-cms", "erp-system", "contract-file-server",
                        "sql-database"}) {
    ASSERT_TRUE(comp.count(c)) << c;
    EXPECT_EQ(comp[c]->runs_on.id, "webapp-virtualization") << c;
  }
  EXPECT_TRUE(comp["identity-provider"]->runs_on.id.empty());
  EXPECT_EQ(comp["ldap-auth-server"]->kind, "directory");  // identity-store-ldap
  EXPECT_EQ(comp["erp-system"]->kind, "web-app");          // erp
  std::map<std::string, std::string> trust;
  for (const auto& b : demo.loaded.model->boundaries) trust[b.id] = model::name(*b.trust);
  EXPECT_EQ(trust["web-dmz"], "semi-trusted");              // behind the load balancer
  EXPECT_EQ(trust["application-network"], "semi-trusted");  // holds the load balancer
  EXPECT_EQ(trust["erp-dmz"], "trusted");
  EXPECT_EQ(trust["dev-network"], "trusted");  // only devops links from the internet
  fails(Format::Threagile, "threagile/support/schema.json", "not a Threagile model");
}

// --- Threat Composer, TM-BOM, threatcl ----------------------------------------

TEST(Samples, ThreatComposer) {
  for (const char* f :
       {"threat-composer/packages/threat-composer/src/data/workspaceExamples/"
        "ThreatComposer.tc.json",
        "threat-composer/packages/threat-composer/src/data/workspaceExamples/GenAIChatbot.tc.json",
        "threat-composer/workshop-examples/threat-modeling-for-builders-self-paced-elearning/"
        "ThreatModelingForBuilders-Exercise1.tc.json"}) {
    Source src(f);
    Result r = import_ok(Format::ThreatComposer, f);
    EXPECT_EQ(r.loaded.model->threats.size(), count(get(src.root, "threats"))) << f;
    EXPECT_EQ(r.loaded.model->controls.size(), count(get(src.root, "mitigations"))) << f;
    EXPECT_EQ(r.loaded.model->components.size(), 1u) << f;  // the synthesised application
    EXPECT_EQ(r.im.yaml.find("base64"), std::string::npos) << "images are dropped";
  }
}

TEST(Samples, TmBom) {
  struct Case {
    const char* file;
    bool dangling;
  };
  for (Case c :
       {Case{"tm-library/threat-models/web/cryptocurrency-wallet-threat-model.json", false},
        Case{"tm-library/threat-models/web-applications/"
             "ephemeral-browser-isolation-threat-model.json",
             false},
        Case{"tm-library/threat-models/ai-ml-systems/husky-ai-threat-model.json", true},
        Case{"tm-library/threat-models/infrastructure/hashicorp-vault-threat-model.json", true},
        Case{"tm-library/td.vue/src/service/demo/huskyai.tmbom.json", true}}) {
    Source src(c.file);
    if (c.dangling) fails(Format::TmBom, c.file, "does not exist");
    Result r = import_ok(Format::TmBom, c.file, c.dangling);
    const model::Model& m = *r.loaded.model;
    size_t elements = count(get(src.root, "actors")) + count(get(src.root, "components")) +
                      count(get(src.root, "data_stores"));
    EXPECT_GE(m.components.size(), elements) << c.file;  // + the system for untargeted threats
    EXPECT_LE(m.components.size(), elements + 1) << c.file;
    EXPECT_EQ(m.boundaries.size(), count(get(src.root, "trust_zones"))) << c.file;
    EXPECT_EQ(m.adversaries.size(), count(get(src.root, "threat_personas"))) << c.file;
    EXPECT_EQ(m.controls.size(), count(get(src.root, "controls"))) << c.file;
    EXPECT_EQ(m.assets.size(), count(get(src.root, "data_sets"))) << c.file;
    if (!c.dangling) {
      EXPECT_EQ(m.flows.size(), count(get(src.root, "data_flows"))) << c.file;
    }
  }
}

TEST(Samples, Threatcl) {
  Result r = import_ok(Format::Threatcl, "threatcl/examples/tm1.json");
  EXPECT_EQ(r.loaded.model->system.name, "Tower of London");
  EXPECT_EQ(r.loaded.model->threats.size(), 1u);
  EXPECT_EQ(r.loaded.model->assets.size(), 1u);
  Result two = import_ok(Format::Threatcl, "threatcl/examples/tm2.json");
  EXPECT_EQ(two.loaded.model->flows.size(), 5u);
  fails(Format::Threatcl, "threatcl/examples/tm3.hcl", "HCL files are not read");
}

// Files of no supported format are refused with a diagnostic that says what they are.
TEST(Samples, OtherFormatsAreRefused) {
  fails(Format::CycloneDx,
        "cyclonedx/tools/src/test/resources/2.0/valid-threatmodel-simple-2.0.json",
        "a CycloneDX 2.0 draft document (specFormat)");
  fails(Format::Otm, "mtmt/TMFileParser/TMFileParserTest/Sample/sample2-all.json",
        "no 'otmVersion': this is not an Open Threat Model file");
  fails(Format::Otm, "mtmt/examples/mtmt/mtmt_default_mapping_example.yaml",
        "no 'otmVersion': this is not an Open Threat Model file");
  fails(Format::ThreatDragon, "threat-dragon/td.vue/src/assets/schema/threat-dragon-v2.schema.json",
        "not a Threat Dragon model");
}

TEST(Samples, HostileTm7IsRefused) {
  for (Format f : {Format::Otm, Format::ThreatDragon, Format::CycloneDx}) {
    fails(f, "mtmt/TMFileParser/TMFileParserTest/Sample/BillionLaughs.tm7", "XML is never parsed");
  }
}

}  // namespace
}  // namespace tw::import

int main(int argc, char** argv) {
  struct stat st;
  if (stat(tw::import::samples().c_str(), &st) != 0) {
    std::cout << "skipped: ../shared/interop/samples is absent (this test reads the interchange "
                 "samples in place)\n";
    return 77;
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
