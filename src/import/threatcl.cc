// threatcl -> a model, from its JSON: `threatcl export -format=json` output or HCL-JSON
// (`.json` threatmodel files). HCL itself is not parsed. Blocks appear as mappings keyed by
// label, lists of those, or lists of objects with a `name`; all three are read. Imports and
// includes are never followed (they may be URLs).

#include <map>

#include "import/formats.h"

namespace tw::import {

namespace {

/// (label, body) of every block under any of `keys` in `body`.
std::vector<std::pair<std::string, const Node*>> blocks(const Node* body,
                                                        std::initializer_list<const char*> keys) {
  std::vector<std::pair<std::string, const Node*>> out;
  // HCL-JSON: {"<label>": {body}}; a block without a label ({"description": ...}, threats in
  // older exports): its body, with an empty label.
  auto labelled = [&](const Node* m) {
    bool bodies = true;
    for (auto [k, v] : entries(m)) bodies = bodies && v->is_map();
    if (!bodies) {
      out.emplace_back("", m);
      return;
    }
    for (auto [k, v] : entries(m)) out.emplace_back(text(k), v);
  };
  for (const char* key : keys) {
    const Node* v = get(body, key);
    if (!v) continue;
    if (v->is_map()) {
      if (get(v, "name") && !get(v, "name")->is_map()) {
        out.emplace_back(str(v, "name"), v);
      } else {
        labelled(v);
      }
    }
    for (const Node* i : items(v)) {
      if (get(i, "name") && !get(i, "name")->is_map()) {
        out.emplace_back(str(i, "name"), i);
      } else {
        labelled(i);
      }
    }
  }
  return out;
}

const Node* any(const Node* body, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (const Node* v = get(body, k)) return v;
  }
  return nullptr;
}

int risk_level(const std::string& v) {
  std::string l = lower(v);
  return l == "very_low" || l == "very low"     ? 1
         : l == "low"                           ? 2
         : l == "medium"                        ? 3
         : l == "high"                          ? 4
         : l == "very_high" || l == "very high" ? 5
                                                : 0;
}

}  // namespace

void import_threatcl(Context& cx, const Node* root, const Options&, ModelOut& m) {
  std::vector<std::pair<std::string, const Node*>> models;
  if (root->is_map() && get(root, "threatmodel")) {
    models = blocks(root, {"threatmodel"});
  } else if (root->is_map() && any(root, {"threatmodels", "Threatmodels"})) {
    models = blocks(root, {"threatmodels", "Threatmodels"});
  } else if (root->is_seq()) {
    for (const Node* i : items(root)) models.emplace_back(str(i, "name"), i);
  } else if (root->is_map() && get(root, "name")) {
    models.emplace_back(str(root, "name"), root);
  }
  if (models.empty()) {
    cx.invalid(root, "no threatmodel in this file",
               "import the output of 'threatcl export -format=json', or a threatcl .json file");
    return;
  }
  for (size_t i = 1; i < models.size(); ++i) {
    cx.lost(models[i].second, "threatmodel '" + models[i].first +
                                  "' is not imported: one model is written per import, the "
                                  "first in the file");
  }
  auto [name, tm] = models.front();
  m.system.set("name", Yaml::str(name.empty() ? "threatcl model" : name));
  m.system.set_str("description", trim(str(tm, "description")));
  m.system.set_str("owner", str(tm, "author"));
  for (const char* k : {"imports", "including"}) {
    const Node* v = get(tm, k);
    std::vector<const Node*> list = v && v->is_scalar() ? std::vector<const Node*>{v} : items(v);
    for (const Node* i : list) {
      std::string what = text(i);
      bool url = what.find("://") != std::string::npos || what.rfind("git::", 0) == 0 ||
                 what.rfind("github.com/", 0) == 0;
      cx.lost(i,
              std::string(k) + " '" + what + "' is not followed" +
                  (url ? ": threatwright never fetches anything" : "") +
                  "; what it brings in is missing",
              "export the resolved model with 'threatcl export -format=json' and import that");
    }
  }
  Yaml attrs = Yaml::map();
  for (auto [k, v] : entries(get(tm, "attributes"))) attrs.set(text(k), Yaml::str(text(v)));
  if (!attrs.empty()) m.system.set("x-threatcl-attributes", attrs);
  for (const char* k : {"link", "diagram_link", "diagramLink"}) {
    if (auto v = str(tm, k); !v.empty()) m.system.set(std::string("x-threatcl-") + k, Yaml::str(v));
  }
  std::map<std::string, std::string> assets;
  for (auto [an, a] : blocks(tm, {"information_asset", "information_assets", "informationAsset",
                                  "informationAssets"})) {
    std::string id = cx.ids().make(an, "asset");
    assets[an] = id;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("name", Yaml::str(an));
    y.set_str("description", trim(str(a, "description")));
    std::string cls = str(any(a, {"information_classification", "informationClassification"}), "");
    cls = text(any(a, {"information_classification", "informationClassification"}));
    std::string value = cls == "Restricted"     ? "critical"
                        : cls == "Confidential" ? "high"
                        : cls == "Public"       ? "low"
                                                : "";
    if (!value.empty()) {
      y.set("value", Yaml::word(value)).comment("from classification " + cls);
      Yaml cia = Yaml::map();
      cia.set("confidentiality", Yaml::word(value == "low" ? "low" : "high"));
      y.set("cia", cia);
    }
    m.assets.add(std::move(y));
  }
  Yaml notes = Yaml::seq();
  for (auto [un, u] : blocks(tm, {"usecase", "usecases", "useCase"}))
    notes.add(Yaml::str(trim(str(u, "description"))));
  if (const Node* u = get(tm, "usecase"); u && get(u, "description")) {
    notes = Yaml::seq();
    notes.add(Yaml::str(trim(str(u, "description"))));
  }
  if (!notes.empty()) m.extensions.set("x-threatcl-usecases", notes);
  Yaml excl = Yaml::seq();
  if (const Node* e = get(tm, "exclusion"); e && get(e, "description")) {
    excl.add(Yaml::str(trim(str(e, "description"))));
  }
  for (const Node* e : items(get(tm, "exclusion")))
    excl.add(Yaml::str(trim(str(e, "description"))));
  if (!excl.empty()) {
    m.extensions.set("x-threatcl-exclusions", excl);
    cx.lost(get(tm, "exclusion"), "exclusions name no element: kept as x-threatcl-exclusions");
  }
  for (auto [dn, d] : blocks(tm, {"third_party_dependency", "third_party_dependencies",
                                  "thirdPartyDependency", "thirdPartyDependencies"})) {
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(cx.ids().make(dn, "dependency")));
    bool saas = boolean(d, "saas").value_or(false),
         oss = boolean(any(d, {"open_source", "openSource"})).value_or(false),
         infra = boolean(d, "infrastructure").value_or(false);
    y.set("kind", Yaml::word(saas ? "saas" : infra ? "cloud-api" : oss ? "library" : "saas"));
    if (!saas && !infra && !oss) y.find("kind")->comment("inferred: threatcl does not say");
    y.set("name", Yaml::str(dn));
    if (auto u = text(any(d, {"uptime_dependency", "uptimeDependency"})); !u.empty())
      y.set("x-threatcl-uptime-dependency", Yaml::str(u));
    if (auto t = trim(str(d, "description")); !t.empty())
      y.set("x-threatcl-description", Yaml::str(t));
    m.supply_chain.add(std::move(y));
  }
  // Data-flow diagrams: components by name, per diagram.
  std::map<std::string, std::string> elems, zones;
  auto zone = [&](const std::string& zn) {
    auto it = zones.find(zn);
    if (it != zones.end()) return it->second;
    std::string id = cx.ids().make(zn, "zone");
    zones[zn] = id;
    Yaml b = Yaml::map();
    b.set("id", Yaml::word(id));
    b.set("name", Yaml::str(zn));
    std::string l = lower(zn);
    std::string trust = l.find("internet") != std::string::npos ||
                                l.find("browser") != std::string::npos ||
                                l.find("public") != std::string::npos
                            ? "untrusted"
                            : "trusted";
    b.set("trust", Yaml::word(trust))
        .comment("inferred from the name: threatcl has no trust levels");
    m.boundaries.add(std::move(b));
    return id;
  };
  auto dfds = blocks(
      tm, {"data_flow_diagram_v2", "data_flow_diagrams", "dataFlowDiagram", "dataFlowDiagrams"});
  if (const Node* legacy = any(tm, {"data_flow_diagram", "legacyDataFlowDiagram"}))
    dfds.emplace_back("", legacy);
  for (auto [dfn, dfd] : dfds) {
    auto element = [&](const std::string& en, const Node* e, const char* type,
                       const std::string& in_zone) {
      std::string id = cx.ids().make(en, "element");
      elems[en] = id;
      Yaml y = Yaml::map();
      y.set("id", Yaml::word(id));
      y.set("name", Yaml::str(en));
      y.set("type", Yaml::word(type));
      std::string z = in_zone.empty() ? text(any(e, {"trust_zone", "trustZone"})) : in_zone;
      if (!z.empty()) y.set("boundary", Yaml::word(zone(z)));
      if (auto a = text(any(e, {"information_asset", "informationAsset"}));
          !a.empty() && assets.count(a)) {
        y.set("stores", Yaml::words({assets[a]}));
      }
      m.components.add(std::move(y));
    };
    auto members = [&](const Node* body, const std::string& z) {
      for (auto [en, e] : blocks(body, {"process", "processes"})) element(en, e, "process", z);
      for (auto [en, e] :
           blocks(body, {"external_element", "external_elements", "externalElement"}))
        element(en, e, "external-entity", z);
      for (auto [en, e] : blocks(body, {"data_store", "data_stores", "dataStore"}))
        element(en, e, "data-store", z);
    };
    members(dfd, "");
    for (auto [zn, z] : blocks(dfd, {"trust_zone", "trust_zones", "trustZone"})) {
      zone(zn);
      members(z, zn);
    }
    for (auto [fn, f] : blocks(dfd, {"flow", "flows"})) {
      std::string from = str(f, "from"), to = str(f, "to");
      if (!elems.count(from) || !elems.count(to)) {
        cx.broken(f, kDangling,
                  "flow '" + fn + "' connects '" + from + "' and '" + to +
                      "', and one of them is no element of the diagram");
        continue;
      }
      Yaml y = Yaml::map();
      y.set("id", Yaml::word(cx.ids().make(elems[from] + "-" + fn + "-" + elems[to], "flow")));
      y.set("name", Yaml::str(fn));
      y.set("from", Yaml::word(elems[from]));
      y.set("to", Yaml::word(elems[to]));
      std::string proto = str(f, "protocol");
      if (proto.empty()) proto = fn;  // HCL-JSON files name flows after their protocol
      if (auto p = protocol_word(proto); !p.empty()) {
        y.set("protocol", Yaml::word(p));
        if (str(f, "protocol").empty())
          y.find("protocol")->comment("inferred from the flow's name");
      }
      m.flows.add(std::move(y));
    }
  }
  // Threats: threatcl threats name no element.
  std::string app;
  std::map<std::string, size_t> controls;  // control name -> index in m.controls
  int unnamed = 0;
  for (auto [label, th] : blocks(tm, {"threat", "threats"})) {
    std::string thn = label;
    if (thn.empty()) {  // threats of older specs have no label: named by their description
      thn = first_line(trim(str(th, "description")), 80);
      if (thn.empty()) thn = "Threat " + std::to_string(++unnamed);
    }
    std::vector<std::string> stride;
    for (const Node* s : items(get(th, "stride"))) {
      if (auto w = stride_word(text(s))) stride.push_back(*w);
    }
    bool from_impacts = false;
    if (stride.empty()) {
      for (const Node* i : items(get(th, "impacts"))) {
        if (auto w = cia_stride(text(i))) stride.push_back(*w);
      }
      from_impacts = !stride.empty();
    }
    if (stride.empty()) {
      cx.lost(th, "threat '" + thn + "' has no stride and no impacts: not imported",
              "add stride = [...] in threatcl");
      continue;
    }
    if (app.empty()) {
      app = cx.ids().make(name, "application");
      Yaml c = Yaml::map();
      c.set("id", Yaml::word(app));
      c.set("name", Yaml::str(name));
      c.set("type", Yaml::word("process"));
      c.comment("inferred: threatcl threats name no element; they target the system");
      m.components.add(std::move(c));
      cx.inferred(th, "threatcl threats name no element: they target the synthesised component '" +
                          app + "'");
    }
    std::string id = cx.ids().make(thn, "threat");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("title", Yaml::str(thn));
    y.set("stride", Yaml::words(stride));
    if (from_impacts) y.find("stride")->comment("inferred from impacts");
    y.set("target", Yaml::word(app));
    y.set_str("vector", trim(str(th, "description")));
    std::vector<std::string> refs;
    for (const Node* r : items(any(th, {"information_asset_refs", "informationAssetRefs"}))) {
      if (assets.count(text(r))) refs.push_back(assets[text(r)]);
    }
    if (!refs.empty()) y.set("assets", Yaml::words(refs));
    const Node* risk = get(th, "risk");
    if (int l = risk_level(str(risk, "likelihood"))) y.set("likelihood", Yaml::number(l));
    if (int i = risk_level(str(risk, "impact"))) y.set("impact", Yaml::number(i));
    m.threats.add(std::move(y));
    auto controls_of = blocks(th, {"control", "expanded_control", "expandedControl", "controls",
                                   "proposed_control", "proposedControl"});
    // A `control` written as text (older specs), a proposed control (no label): named by text.
    if (const Node* c = get(th, "control"); c && c->is_scalar() && !trim(text(c)).empty())
      controls_of.emplace_back("", c);
    for (auto [label_c, c] : controls_of) {
      std::string cn = label_c;
      std::string desc = c->is_scalar() ? trim(text(c)) : trim(str(c, "description"));
      if (cn.empty()) cn = first_line(desc, 80);
      if (cn.empty()) continue;
      auto it = controls.find(cn);
      if (it == controls.end()) {
        Yaml k = Yaml::map();
        k.set("id", Yaml::word(cx.ids().make(cn, "control")));
        k.set("name", Yaml::str(cn));
        k.set_str("mechanism", desc);
        k.set("mitigates", Yaml::words({}));
        k.set("status",
              Yaml::word(c->is_map() && boolean(c, "implemented").value_or(false) ? "implemented"
                                                                                  : "planned"));
        m.controls.add(std::move(k));
        it = controls.emplace(cn, m.controls.size() - 1).first;
      }
      Yaml& k = m.controls.entries()[it->second].second;
      std::vector<std::string> mit;
      for (const auto& [kk, v] : k.find("mitigates")->entries()) mit.push_back(v.text());
      mit.push_back(id);
      k.set("mitigates", Yaml::words(mit));
    }
  }
}

}  // namespace tw::import
