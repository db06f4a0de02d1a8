#include "synthetic.h"

#include <cstdio>

namespace tw::bench {

std::string synthetic_model(int n) {
  std::string s;
  s.reserve(static_cast<size_t>(n) * 620);
  char buf[512];
  s += "threatwright: 1\nsystem:\n  name: Synthetic\n  owner: bench@example.com\n"
       "  methodology: stride\n  review: {cadence_days: 90, last_reviewed: 2026-10-01}\n";
  s += "assets:\n";
  const int assets = n / 10 + 1;
  static const char* kValues[] = {"low", "medium", "high", "critical"};
  for (int i = 0; i < assets; ++i) {
    std::snprintf(buf, sizeof buf,
                  "  - id: asset-%d\n    name: Asset %d\n    value: %s\n"
                  "    impact: Loss of asset %d affects its owners.\n"
                  "    cia: {confidentiality: high, integrity: medium, availability: low}\n",
                  i, i, kValues[i % 4], i);
    s += buf;
  }
  s += "adversaries:\n"
       "  - {id: internet-attacker, name: Internet attacker, access: internet, capability: "
       "medium}\n"
       "  - {id: insider, name: Insider, access: insider, capability: high}\n";
  s += "boundaries:\n  - {id: internet, name: Internet, trust: untrusted}\n"
       "  - {id: cloud, name: Cloud, trust: trusted}\n";
  const int zones = n / 50 + 1;
  for (int i = 0; i < zones; ++i) {
    std::snprintf(buf, sizeof buf, "  - {id: zone-%d, name: Zone %d, trust: %s, parent: cloud}\n",
                  i, i, i % 3 == 0 ? "semi-trusted" : "trusted");
    s += buf;
  }
  s += "components:\n";
  static const char* kTypes[] = {"process", "process", "data-store", "external-entity"};
  static const char* kKinds[] = {"api", "web-app", "sql-database", "user"};
  for (int i = 0; i < n; ++i) {
    int t = i % 4;
    std::string zone = t == 3 ? "internet" : "zone-" + std::to_string(i % zones);
    std::snprintf(buf, sizeof buf,
                  "  - id: comp-%d\n    name: Component %d\n    type: %s\n    kind: %s\n"
                  "    boundary: %s\n    technology: service %d\n",
                  i, i, kTypes[t], kKinds[t], zone.c_str(), i);
    s += buf;
    if (t < 2) {
      std::snprintf(buf, sizeof buf,
                    "    internet_facing: %s\n    authentication: %s\n    authorization: rbac\n"
                    "    input_validation: %s\n    output_encoding: true\n    audit_log: %s\n"
                    "    rate_limited: true\n    runs_as_root: false\n    fail_mode: closed\n",
                    i % 7 == 0 ? "true" : "false", i % 5 == 0 ? "none" : "oauth",
                    i % 3 == 0 ? "false" : "true", i % 2 ? "true" : "false");
      s += buf;
    } else if (t == 2) {
      std::snprintf(buf, sizeof buf,
                    "    authentication: password\n    stores: [asset-%d]\n"
                    "    encrypted_at_rest: %s\n    backups: true\n",
                    i % assets, i % 2 ? "true" : "false");
      s += buf;
    }
  }
  s += "flows:\n";
  for (int i = 0; i < 3 * n; ++i) {
    int from = i % n, to = (i * 7 + 1) % n;
    if (from == to) to = (to + 1) % n;
    std::snprintf(buf, sizeof buf,
                  "  - id: flow-%d\n    from: comp-%d\n    to: comp-%d\n    protocol: %s\n"
                  "    data: [asset-%d]\n    encrypted: %s\n    authenticated: %s\n"
                  "    port: %d\n",
                  i, from, to, i % 4 ? "https" : "http", i % assets, i % 4 ? "true" : "false",
                  i % 3 ? "true" : "false", 443 + i % 1000);
    s += buf;
  }
  s += "supply_chain:\n  - {id: deps, kind: library, ecosystem: npm, used_by: [comp-0], "
       "pinned: true, integrity_checked: true, source: public-registry}\n";
  return s;
}

std::string dangling_model(int components, int dangling, bool broken) {
  std::string s;
  s.reserve(static_cast<size_t>(components) * 50 + static_cast<size_t>(dangling) * 80);
  char buf[160];
  s += "threatwright: 1\nsystem: {name: Dangling}\n"
       "assets: [{id: data, name: Data, value: low}]\ncomponents:\n";
  for (int i = 0; i < components; ++i) {
    std::snprintf(buf, sizeof buf, "  - {id: comp-%d, name: Component, type: process}\n", i);
    s += buf;
  }
  s += "flows:\n";
  for (int i = 0; i < dangling; ++i) {
    int to = static_cast<int>((static_cast<long long>(i) * 7919) % components);
    if (!broken) {
      std::snprintf(buf, sizeof buf, "  - {id: flow-%d, from: comp-%d, to: comp-%d}\n", i, i, to);
    } else if (i % 2 == 0) {
      std::snprintf(buf, sizeof buf, "  - {id: flow-%d, from: comp-%dx, to: comp-%d}\n", i, i, to);
    } else {
      std::snprintf(buf, sizeof buf, "  - {id: flow-%d, from: missing-%d, to: comp-%d}\n", i, i,
                    to);
    }
    s += buf;
  }
  return s;
}

}  // namespace tw::bench
