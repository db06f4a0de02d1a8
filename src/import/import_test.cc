#include "import/import.h"

#include <gtest/gtest.h>

#include <tuple>

#include "import/context.h"

namespace tw::import {
namespace {

Imported run(Format f, const std::string& text, bool skip = false) {
  Options o;
  o.skip_broken = skip;
  return import_text(f, "in.json", text, o);
}

bool has_code(const Imported& im, const std::string& code) {
  for (const auto& d : im.diagnostics.items()) {
    if (d.code == code) return true;
  }
  return false;
}

TEST(Ids, Sanitised) {
  EXPECT_EQ(sanitize_id("Web Server (prod)"), "web-server-prod");
  EXPECT_EQ(sanitize_id("customer-client>Customer Traffic"), "customer-client-customer-traffic");
  EXPECT_EQ(sanitize_id("--x--"), "x");
  EXPECT_EQ(sanitize_id("ünï"), "n");
  EXPECT_EQ(sanitize_id("!!!"), "");
  EXPECT_EQ(sanitize_id(std::string(200, 'a')).size(), 64u);
  IdSpace ids;
  EXPECT_EQ(ids.make("A"), "a");
  EXPECT_EQ(ids.make("a"), "a-2");
  EXPECT_EQ(ids.make("", "thing"), "thing");
  EXPECT_EQ(ids.make("!!!", ""), "item");
}

TEST(Words, StrideAndProtocols) {
  EXPECT_EQ(stride_word("Elevation of Privileges"), "elevation-of-privilege");
  EXPECT_EQ(stride_word("Info Disclosure"), "information-disclosure");
  EXPECT_EQ(stride_word("I"), "information-disclosure");
  EXPECT_FALSE(stride_word("Linkability"));
  EXPECT_EQ(cia_stride("Integrity"), "tampering");
  std::optional<int> port;
  EXPECT_EQ(protocol_word("TCP 1234", &port), "tcp");
  EXPECT_EQ(port, 1234);
  EXPECT_EQ(protocol_word("HTTP/S"), "https");
  EXPECT_EQ(protocol_word("UPnP"), "");
}

TEST(Import, XmlIsRefusedUnread) {
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
  for (Format f : {Format::Otm, Format::ThreatDragon, Format::CycloneDx}) {
    Imported im = run(f, bomb);
    EXPECT_FALSE(im.ok());
    EXPECT_TRUE(has_code(im, kInvalid));
    EXPECT_NE(render_text(im.diagnostics, false).find("XML is never parsed"), std::string::npos);
  }
}

TEST(Import, DeepNestingIsALimitNotACrash) {
  std::string deep(100000, '[');
  Imported im = run(Format::Otm, "{\"a\": " + deep);
  EXPECT_FALSE(im.ok());
  EXPECT_TRUE(im.diagnostics.has_errors());
}

TEST(Import, NotAMapping) {
  Imported im = run(Format::ThreatDragon, "[1, 2]");
  EXPECT_FALSE(im.ok());
  EXPECT_NE(render_text(im.diagnostics, false).find("in.json:1:1: error: a threat-dragon file"),
            std::string::npos);
}

const char* kTd = R"({"version": "2.3.0", "summary": {"title": "T"}, "detail": {"diagrams": [
 {"diagramType": "STRIDE", "cells": [
  {"shape": "actor", "id": "a1", "position": {"x": 0, "y": 0}, "size": {"width": 10, "height": 10},
   "data": {"name": "User", "outOfScope": false, "providesAuthentication": false}},
  {"shape": "process", "id": "p1", "position": {"x": 100, "y": 0}, "size": {"width": 10, "height": 10},
   "data": {"name": "Api", "isWebApplication": true, "threats": [
     {"title": "Spoof", "type": "Spoofing", "status": "Mitigated", "severity": "High"}]}},
  {"shape": "flow", "id": "f1", "source": {"cell": "a1"}, "target": {"cell": "p1"},
   "data": {"name": "call", "protocol": "HTTPS", "isEncrypted": false}},
  {"shape": "flow", "id": "f2", "source": {"cell": "a1"}, "target": {"cell": "gone"},
   "data": {"name": "broken"}}]}]}})";

TEST(ThreatDragon, DanglingFailsUnlessSkipped) {
  Imported strict = run(Format::ThreatDragon, kTd);
  EXPECT_FALSE(strict.ok());
  std::string text = render_text(strict.diagnostics, false);
  EXPECT_NE(text.find("in.json:10:3: error: flow 'broken' points at cell 'gone'"),
            std::string::npos)
      << text;
  Imported skipped = run(Format::ThreatDragon, kTd, true);
  ASSERT_TRUE(skipped.ok()) << render_text(skipped.diagnostics, false);
  EXPECT_EQ(validate_model("out.yaml", skipped.yaml).error_count(), 0u) << skipped.yaml;
  // false is unknown: no `encrypted: false`, and https stays a fact of the protocol.
  EXPECT_EQ(skipped.yaml.find("encrypted: false"), std::string::npos);
  EXPECT_NE(skipped.yaml.find("protocol: https"), std::string::npos);
  EXPECT_NE(skipped.yaml.find("kind: web-app"), std::string::npos);
  EXPECT_NE(skipped.yaml.find("status: mitigated"), std::string::npos);
  EXPECT_NE(skipped.yaml.find("x-td-id: a1"), std::string::npos);
}

TEST(Threagile, MergeKeysAreExpanded) {
  std::string y = R"(threagile_version: 1.0.0
title: M
data_assets:
  Base: &base
    id: base
    confidentiality: confidential
    integrity: critical
  Child:
    <<: *base
    id: child
    integrity: operational
technical_assets:
  App:
    id: app
    type: process
    data_assets_stored: [child]
)";
  Options o;
  Imported im = import_text(Format::Threagile, "m.yaml", y, o);
  ASSERT_TRUE(im.ok()) << render_text(im.diagnostics, false);
  // Child inherits confidentiality from the anchor and overrides integrity.
  size_t child = im.yaml.find("id: child");
  ASSERT_NE(child, std::string::npos);
  EXPECT_NE(im.yaml.find("confidentiality: high", child), std::string::npos);
  EXPECT_NE(im.yaml.find("integrity: low", child), std::string::npos);
  EXPECT_EQ(validate_model("out.yaml", im.yaml).error_count(), 0u) << im.yaml;
}

// threatwright's OTM export writes facts as attribute strings; the import reads back those
// with a value the fact accepts and keeps the rest as x-otm-attributes.
TEST(Otm, FactsAreReadBackFromAttributes) {
  std::string j = R"({"otmVersion": "0.2.0", "project": {"name": "P", "id": "p",
    "attributes": {"exported-by": "threatwright 1.0"}},
  "trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 90},
                  "attributes": {"trust": "semi-trusted"}}],
  "assets": [{"id": "a", "name": "A", "risk": {"confidentiality": 90},
              "attributes": {"value": "critical"}}, {"id": "b", "name": "B"}],
  "components": [
    {"id": "host", "name": "Host", "type": "runtime", "parent": {"trustZone": "z"},
     "tags": ["vmware esxi"], "attributes": {"element-type": "process"}},
    {"id": "db", "name": "DB", "type": "directory", "parent": {"trustZone": "z"},
     "attributes": {"element-type": "data-store", "audit_log": "true", "machine": "virtual",
                    "encryption": "transparent", "data_formats": "json, xml",
                    "runs_on": "host", "fail_mode": "sideways", "Out Of Scope": "false"}}],
  "dataflows": [{"id": "f", "name": "F", "source": "host", "destination": "db",
     "assets": ["a", "b", "b"],
     "attributes": {"protocol": "ldaps", "port": "636", "vpn": "false",
                    "authentication": "credentials", "usage": "devops", "returns": "b",
                    "read_only": "maybe"}}]})";
  Imported im = run(Format::Otm, j);
  ASSERT_TRUE(im.ok()) << render_text(im.diagnostics, false);
  auto after = [&](const std::string& from, const std::string& what) {
    size_t at = im.yaml.find(from);
    return at != std::string::npos && im.yaml.find(what, at) != std::string::npos;
  };
  EXPECT_TRUE(after("id: db", "type: data-store")) << im.yaml;  // from element-type
  // What threatwright's export states: trust, value, the technology as the one tag.
  EXPECT_TRUE(after("id: z", "trust: semi-trusted"));
  EXPECT_TRUE(after("id: a", "value: critical"));
  EXPECT_TRUE(after("id: host", "technology: vmware esxi"));
  EXPECT_TRUE(after("id: db", "audit_log: true"));
  EXPECT_TRUE(after("id: db", "machine: virtual"));
  EXPECT_TRUE(after("id: db", "encryption: transparent"));
  EXPECT_TRUE(after("id: db", "data_formats: [json, xml]"));
  EXPECT_TRUE(after("id: db", "runs_on: host"));
  // A value the fact does not accept stays an attribute, as does a foreign attribute.
  EXPECT_TRUE(after("id: db", "fail_mode: sideways"));
  EXPECT_EQ(im.yaml.find("fail_mode: sideways"), im.yaml.rfind("fail_mode"));
  EXPECT_TRUE(after("x-otm-attributes", "Out Of Scope"));
  // The flow: `b` travels both ways (listed twice), `a` only from -> to.
  EXPECT_TRUE(after("id: f", "data: [a, b]")) << im.yaml;
  EXPECT_TRUE(after("id: f", "returns: [b]"));
  EXPECT_TRUE(after("id: f", "port: 636"));
  EXPECT_TRUE(after("id: f", "vpn: false"));
  EXPECT_TRUE(after("id: f", "authentication: credentials"));
  EXPECT_TRUE(after("id: f", "usage: devops"));
  EXPECT_TRUE(after("id: f", "read_only: maybe"));  // kept as an attribute string
  EXPECT_EQ(im.yaml.find("read_only: true"), std::string::npos);
  EXPECT_EQ(validate_model("out.yaml", im.yaml).error_count(), 0u) << im.yaml;
}

// Shared runtimes become runtime components; the zone the internet's business traffic reaches
// (through a load balancer) is semi-trusted, the rest trusted.
TEST(Threagile, RuntimesAndPublicZones) {
  std::string y = R"(threagile_version: 1.0.0
title: M
technical_assets:
  Client:
    id: client
    type: external-entity
    internet: true
    communication_links:
      Traffic: {target: lb, protocol: https}
      Admin: {target: admin, protocol: ssh, usage: devops}
  LB:
    id: lb
    type: process
    technology: load-balancer
    communication_links:
      Fwd: {target: app, protocol: http}
  App: {id: app, type: process, technology: erp}
  Admin: {id: admin, type: process, technology: identity-store-ldap}
trust_boundaries:
  Edge: {id: edge, type: network-on-prem, technical_assets_inside: [lb]}
  Dmz: {id: dmz, type: network-on-prem, technical_assets_inside: [app]}
  Ops: {id: ops, type: network-on-prem, technical_assets_inside: [admin]}
  Outer: {id: outer, type: network-on-prem, trust_boundaries_nested: [dmz, ops]}
shared_runtimes:
  Cluster: {id: cluster, tags: [kubernetes], technical_assets_running: [app, admin, ghost]}
)";
  Options o;
  o.skip_broken = true;
  Imported im = import_text(Format::Threagile, "m.yaml", y, o);
  ASSERT_TRUE(im.ok()) << render_text(im.diagnostics, false);
  EXPECT_TRUE(has_code(im, "import-dangling"));  // ghost
  auto after = [&](const std::string& from, const std::string& what, const std::string& stop) {
    size_t at = im.yaml.find(from);
    size_t end = im.yaml.find(stop, at + 1);
    size_t hit = at == std::string::npos ? at : im.yaml.find(what, at);
    return hit != std::string::npos && hit < end;
  };
  EXPECT_TRUE(after("id: edge", "trust: semi-trusted", "- id:")) << im.yaml;
  EXPECT_TRUE(after("id: dmz", "trust: semi-trusted", "- id:"));
  EXPECT_TRUE(after("id: ops", "trust: trusted", "- id:"));  // only devops traffic
  EXPECT_TRUE(after("id: app", "kind: web-app", "- id:"));
  EXPECT_TRUE(after("id: app", "runs_on: cluster", "- id:"));
  EXPECT_TRUE(after("id: admin", "kind: directory", "- id:"));
  EXPECT_TRUE(after("id: cluster", "kind: runtime", "- id:"));
  EXPECT_TRUE(after("id: cluster", "boundary: outer", "- id:"));  // holds both
  EXPECT_EQ(validate_model("out.yaml", im.yaml).error_count(), 0u) << im.yaml;
}

// CycloneDX 1.5+ services name their trust zone, and their data entries where the data comes
// from and goes to.
TEST(CycloneDx, TrustZonesAndDataSourcesOfServices) {
  std::string j = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
 "metadata": {"component": {"type": "application", "name": "shop", "bom-ref": "shop"}},
 "services": [
  {"bom-ref": "gw", "name": "edge gateway", "trustZone": "Public Internet"},
  {"bom-ref": "api", "name": "orders api", "trustZone": "Application",
   "data": [{"flow": "inbound", "classification": "PII", "source": ["gw"]},
            {"flow": "outbound", "classification": "Ledger entries",
             "destination": ["urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#ledger"]}]},
  {"bom-ref": "ledger", "name": "ledger", "trustZone": "Application"}]})";
  Imported im = run(Format::CycloneDx, j);
  ASSERT_TRUE(im.ok()) << render_text(im.diagnostics, false);
  auto within = [&](const std::string& from, const std::string& what) {
    size_t at = im.yaml.find(from);
    size_t end = at == std::string::npos ? at : im.yaml.find("- id:", at + 1);
    size_t hit = at == std::string::npos ? at : im.yaml.find(what, at);
    return hit != std::string::npos && hit < end;
  };
  EXPECT_TRUE(within("id: public-internet", "trust: untrusted")) << im.yaml;
  EXPECT_TRUE(within("id: application\n", "trust: trusted"));
  EXPECT_TRUE(within("id: edge-gateway\n", "boundary: public-internet"));
  EXPECT_TRUE(within("id: orders-api\n", "boundary: application"));
  // The gateway is the source of the API's inbound data: it calls the API.
  EXPECT_TRUE(within("id: edge-gateway-to-orders-api", "data: [pii]"));
  // The API sends its ledger entries to the ledger (a BOM-Link names it).
  EXPECT_TRUE(within("id: orders-api-to-ledger", "data: [ledger-entries]"));
  EXPECT_EQ(validate_model("out.yaml", im.yaml).error_count(), 0u) << im.yaml;
}

// Found by fuzz_import: two elements with one foreign id were both written under the id made
// for it, so the model did not load. The first keeps the id; the second is broken.
TEST(Import, DuplicateForeignIdsAreBrokenNotWrittenTwice) {
  std::string threagile = R"(threagile_version: 1.0.0
title: T
technical_assets:
  Web: {id: web, type: process, communication_links: {Q: {target: db, protocol: jdbc}}}
  Db: {id: db, type: datastore, technology: database}
  Db Copy: {id: db, type: datastore, technology: file-server}
trust_boundaries:
  Net: {id: net, technical_assets_inside: [db]}
  Net Again: {id: net, technical_assets_inside: [web]}
)";
  std::string otm = R"({"otmVersion": "0.2.0", "project": {"name": "P", "id": "p"},
  "trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 10}},
                 {"id": "z", "name": "Z2", "risk": {"trustRating": 90}}],
  "components": [{"id": "c", "name": "C", "type": "web-service", "parent": {"trustZone": "z"}},
                 {"id": "c", "name": "C2", "type": "database", "parent": {"trustZone": "z"}}]}
)";
  std::string tm_bom = R"({"version": "1.0.2", "scope": {"title": "S"},
  "components": [{"title": "Api"}, {"title": "Web"}],
  "data_sets": [{"symbolic_name": "pii", "title": "PII"}, {"symbolic_name": "pii", "title": "X"}]}
)";
  for (auto [f, text, what] : {std::tuple{Format::Threagile, threagile, "technical asset id 'db'"},
                               std::tuple{Format::Otm, otm, "component id 'c'"},
                               std::tuple{Format::TmBom, tm_bom, "element id ''"}}) {
    Imported strict = run(f, text);
    EXPECT_FALSE(strict.ok());
    std::string out = render_text(strict.diagnostics, false);
    EXPECT_NE(out.find(std::string(what) + " is used twice (first at in.json:"), std::string::npos)
        << out;
    Imported skipped = run(f, text, true);
    ASSERT_TRUE(skipped.ok()) << render_text(skipped.diagnostics, false);
    EXPECT_EQ(validate_model("out.yaml", skipped.yaml).error_count(), 0u) << skipped.yaml;
  }
  // The boundary named twice: only the first is written.
  Imported skipped = run(Format::Threagile, threagile, true);
  EXPECT_NE(skipped.yaml.find("name: Net\n"), std::string::npos);
  EXPECT_EQ(skipped.yaml.find("Net Again"), std::string::npos);
  EXPECT_EQ(skipped.yaml.find("Db Copy"), std::string::npos);
}

// Found by fuzz_import: a trust zone whose parent is itself was written as is, and the model
// did not load. Loops of any length are broken at the link that closes them, with its place.
TEST(Import, BoundaryParentLoopsAreBroken) {
  std::string otm = R"({"otmVersion": "0.2.0", "project": {"name": "P", "id": "p"},
  "trustZones": [{"id": "z", "name": "Z", "parent": {"trustZone": "z"}}]}
)";
  std::string threagile = R"(threagile_version: 1.0.0
title: T
trust_boundaries:
  A: {id: a, trust_boundaries_nested: [b]}
  B: {id: b, trust_boundaries_nested: [c]}
  C: {id: c, trust_boundaries_nested: [a]}
)";
  for (auto [f, text, loop, line] :
       {std::tuple{Format::Otm, otm, "z -> z", "in.json:2:"},
        std::tuple{Format::Threagile, threagile, "-> a (each inside the next)", "in.json:"}}) {
    Imported strict = run(f, text);
    EXPECT_FALSE(strict.ok());
    std::string out = render_text(strict.diagnostics, false);
    EXPECT_NE(out.find("trust boundaries nest in a loop"), std::string::npos) << out;
    EXPECT_NE(out.find(loop), std::string::npos) << out;
    EXPECT_NE(out.find(line), std::string::npos) << out;
    Imported skipped = run(f, text, true);
    ASSERT_TRUE(skipped.ok()) << render_text(skipped.diagnostics, false);
    EXPECT_EQ(validate_model("out.yaml", skipped.yaml).error_count(), 0u) << skipped.yaml;
  }
}

TEST(Threatcl, HclIsRefusedAndUrlsNeverFetched) {
  Options o;
  Imported hcl = import_text(Format::Threatcl, "m.hcl", "threatmodel \"x\" {}", o);
  EXPECT_FALSE(hcl.ok());
  Imported im = import_text(
      Format::Threatcl, "m.json",
      R"({"threatmodel": {"X": {"author": "a", "imports": ["https://example.com/c.hcl"]}}})", o);
  ASSERT_TRUE(im.ok());
  EXPECT_NE(render_text(im.diagnostics, false).find("never fetches"), std::string::npos);
}

}  // namespace
}  // namespace tw::import

namespace tw::import {
namespace {

// The fuzzer's seeds hold one small file per format with most mapped fields: each imports
// (dangling references left out) and what it writes loads.
// `threatcl export -format=json` writes json.Marshal of threatcl's spec structs: a
// `threatmodels` list, camelCase keys, every block a list of objects with a `name` (threats of
// older specs have none, and may carry a `control` as text).
TEST(Threatcl, ExportShape) {
  Imported im = run(Format::Threatcl, R"({"threatmodels": [{
    "name": "Shop", "author": "@ana", "description": "A shop",
    "attributes": {"newInitiative": true, "internetFacing": true, "initiativeSize": "Small"},
    "informationAsset": [{"name": "cards", "informationClassification": "Restricted"}],
    "useCase": [{"description": "Customers buy"}],
    "thirdPartyDependency": [{"name": "Stripe", "saas": true, "uptimeDependency": "hard",
                              "description": "payments"},
                             {"name": "left-pad", "openSource": true, "uptimeDependency": "none",
                              "description": "padding"}],
    "threat": [{"description": "Card data leaks from the API", "impacts": ["Confidentiality"],
                "informationAssetRefs": ["cards"], "control": "Tokenise cards",
                "expandedControl": [{"name": "WAF", "implemented": true, "description": "a WAF"}],
                "proposedControl": [{"description": "Pen test yearly"}]}],
    "dataFlowDiagram": [{"name": "Main",
      "externalElement": [{"name": "Browser", "trustZone": "Internet"}],
      "process": [{"name": "API", "trustZone": "Cloud"}],
      "dataStore": [{"name": "DB", "trustZone": "Cloud", "informationAsset": "cards"}],
      "flow": [{"name": "https", "from": "Browser", "to": "API"},
               {"name": "sql", "from": "API", "to": "DB"}]}]}]})");
  ASSERT_TRUE(im.ok()) << base::render_text(im.diagnostics, false);
  const std::string& y = im.yaml;
  for (const char* want :
       {"  - id: cards\n    name: cards\n    value: critical",
        "x-threatcl-usecases:\n  - Customers buy", "  - id: stripe\n    kind: saas",
        "  - id: left-pad\n    kind: library", "x-threatcl-uptime-dependency: hard",
        "  - id: browser\n    name: Browser\n    type: external-entity\n    boundary: internet",
        "  - id: db\n    name: DB\n    type: data-store\n    boundary: cloud\n    stores: [cards]",
        "    from: api\n    to: db\n    protocol: sql", "title: Card data leaks from the API",
        "stride: [information-disclosure]", "assets: [cards]", "name: Tokenise cards", "name: WAF",
        "status: implemented", "name: Pen test yearly"}) {
    EXPECT_NE(y.find(want), std::string::npos) << want << "\n" << y;
  }
  EXPECT_EQ(validate_model("in.yaml", y).items().size(), 0u);
}

TEST(Seeds, EveryFormatImportsAndLoads) {
  for (std::string_view name : format_names()) {
    std::string ext = name == "otm" || name == "threagile" ? ".yaml" : ".json";
    std::string path =
        std::string(TW_SOURCE_DIR) + "/fuzz/corpus/import/" + std::string(name) + ext;
    Options o;
    o.skip_broken = true;
    Imported im = import_file(*parse_format(name), path, o);
    ASSERT_TRUE(im.ok()) << path << "\n" << render_text(im.diagnostics, false);
    base::Diagnostics bad = validate_model("out.yaml", im.yaml);
    EXPECT_EQ(bad.error_count(), 0u) << name << "\n" << im.yaml;
    EXPECT_GT(im.diagnostics.warning_count(), 0u) << "every seed loses or infers something";
  }
}

}  // namespace
}  // namespace tw::import
