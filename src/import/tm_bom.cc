// OWASP Threat Model Library schema ("TM-BOM v1") -> boundaries, components, assets, flows,
// adversaries, threats, controls and ratings from risks.

#include <map>

#include "base/date.h"
#include "import/formats.h"

namespace tw::import {

namespace {

/// STRIDE from the words of a threat's title and event: flagged as inferred by the caller.
std::vector<std::string> stride_from_words(const std::string& text) {
  std::string t = lower(text);
  std::vector<std::string> out;
  auto has = [&](const char* w) { return t.find(w) != std::string::npos; };
  if (has("spoof") || has("impersonat") || has("phish")) out.push_back("spoofing");
  if (has("tamper") || has("poison") || has("manipulat") || has("inject") || has("modif"))
    out.push_back("tampering");
  if (has("repudiat")) out.push_back("repudiation");
  if (has("disclos") || has("leak") || has("exfiltrat") || has("steal") || has("theft") ||
      has("expos") || has("inference"))
    out.push_back("information-disclosure");
  if (has("denial") || has("dos") || has("exhaust") || has("outage"))
    out.push_back("denial-of-service");
  if (has("privilege") || has("code execution") || has("escalat") || has("takeover"))
    out.push_back("elevation-of-privilege");
  return out;
}

bool digits(const std::string& s) {
  return !s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string store_kind(const std::string& type) {
  if (type == "sql" || type == "relational") return "sql-database";
  if (type == "key_value" || type == "nosql" || type == "document" || type == "graph")
    return "nosql-database";
  if (type == "object" || type == "blob") return "object-store";
  if (type == "file" || type == "filesystem") return "file-system";
  if (type == "cache") return "cache";
  if (type == "queue") return "queue";
  return "";
}

}  // namespace

void import_tm_bom(Context& cx, const Node* root, const Options&, ModelOut& m) {
  const Node* scope = get(root, "scope");
  if (!scope || str(scope, "title").empty()) {
    cx.invalid(scope ? scope : root, "not a TM-BOM (Threat Model Library) file: no scope.title");
    return;
  }
  m.system.set("name", Yaml::str(str(scope, "title")));
  m.system.set_str("description", trim(str(scope, "description")));
  if (auto r = str(root, "reviewed_at"); r.size() >= 10 && base::parse_date(r.substr(0, 10))) {
    Yaml review = Yaml::map();
    review.set("last_reviewed", Yaml::word(r.substr(0, 10)));
    m.system.set("review", review);
  }
  Yaml xs = Yaml::map();
  for (const char* k : {"business_criticality", "exposure", "tier"}) {
    if (auto v = str(scope, k); !v.empty()) xs.set(k, Yaml::str(v));
  }
  if (!xs.empty()) m.system.set("x-tm-bom-scope", xs);
  std::map<std::string, std::string> zones, elems, assets, personas, threats;
  auto ref = [&](const std::map<std::string, std::string>& ids, const Node* at,
                 const std::string& what) -> std::string {
    auto it = ids.find(text(at));
    if (it != ids.end()) return it->second;
    cx.broken(at, kDangling, what + " '" + text(at) + "' does not exist");
    return "";
  };
  for (const Node* z : items(get(root, "trust_zones"))) {
    std::string sym = str(z, "symbolic_name");
    zones[sym] = cx.ids().make(sym, "zone");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(zones[sym]));
    std::string title = str(z, "title").empty() ? sym : str(z, "title");
    y.set("name", Yaml::str(title));
    y.set_str("description", trim(str(z, "description")));
    std::string words = lower(title + " " + sym + " " + str(z, "description"));
    std::string trust = words.find("public") != std::string::npos ||
                                words.find("internet") != std::string::npos ||
                                words.find("untrusted") != std::string::npos
                            ? "untrusted"
                            : "trusted";
    y.set("trust", Yaml::word(trust)).comment("inferred from the name: TM-BOM has no trust levels");
    cx.inferred(z, "trust zone '" + title + "': trust '" + trust + "' guessed from its name");
    m.boundaries.add(std::move(y));
  }
  if (const Node* tb = get(root, "trust_boundaries"); tb && tb->count) {
    cx.lost(tb,
            "trust_boundaries (zone pairs with authentication and access-control methods) "
            "are not imported: threatwright derives crossings from the flows");
  }
  FirstClaim asset_claims, elem_claims;
  for (const Node* a : items(get(root, "data_sets"))) {
    std::string sym = str(a, "symbolic_name");
    if (asset_claims.claim(cx, sym, a, "data set")) assets[sym] = cx.ids().make(sym, "asset");
  }
  struct Kind {
    const char* key;
    const char* type;
  };
  std::map<std::string, size_t> by_sym;  // index in m.components
  for (Kind k : {Kind{"actors", "external-entity"}, Kind{"components", "process"},
                 Kind{"data_stores", "data-store"}}) {
    for (const Node* e : items(get(root, k.key))) {
      std::string sym = str(e, "symbolic_name");
      if (elem_claims.claim(cx, sym, e, "element")) elems[sym] = cx.ids().make(sym, "component");
    }
  }
  for (Kind k : {Kind{"actors", "external-entity"}, Kind{"components", "process"},
                 Kind{"data_stores", "data-store"}}) {
    for (const Node* e : items(get(root, k.key))) {
      std::string sym = str(e, "symbolic_name");
      if (!elem_claims.owns(sym, e)) continue;
      Yaml y = Yaml::map();
      y.set("id", Yaml::word(elems[sym]));
      y.set("name", Yaml::str(str(e, "title").empty() ? sym : str(e, "title")));
      y.set("type", Yaml::word(k.type));
      std::string type = str(e, "type");
      if (std::string(k.key) == "actors") {
        y.set("kind", Yaml::word(type == "service" || type == "system" ? "external-api" : "user"))
            .comment("inferred from actor type '" + type + "'");
      } else if (std::string(k.key) == "data_stores") {
        if (auto kd = store_kind(type); !kd.empty()) y.set("kind", Yaml::word(kd));
        std::string tech = trim(str(e, "vendor") + " " + str(e, "product"));
        if (!tech.empty()) y.set("technology", Yaml::str(tech));
      }
      if (const Node* z = get(e, "trust_zone")) {
        if (auto b = ref(zones, z, "trust zone"); !b.empty()) y.set("boundary", Yaml::word(b));
      }
      y.set_str("description", trim(str(e, "description")));
      if (auto p = str(e, "parent_component"); !p.empty()) y.set("x-tm-bom-parent", Yaml::str(p));
      if (auto r = str(e, "repo_link"); !r.empty()) y.set("x-tm-bom-repo", Yaml::str(r));
      if (!type.empty()) y.set("x-tm-bom-type", Yaml::str(type));
      m.components.add(std::move(y));
      by_sym[sym] = m.components.size() - 1;
    }
  }
  for (const Node* a : items(get(root, "data_sets"))) {
    std::string sym = str(a, "symbolic_name");
    if (!asset_claims.owns(sym, a)) continue;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(assets[sym]));
    y.set("name", Yaml::str(str(a, "title").empty() ? sym : str(a, "title")));
    y.set_str("description", trim(str(a, "description")));
    std::vector<std::string> sens;
    for (const Node* s : items(get(a, "data_sensitivity"))) sens.push_back(text(s));
    if (!sens.empty()) y.set("x-tm-bom-sensitivity", Yaml::words(sens));
    m.assets.add(std::move(y));
    for (const Node* p : items(get(a, "placements"))) {
      std::string store = str(p, "data_store");
      auto it = by_sym.find(store);
      if (it == by_sym.end()) {
        cx.broken(get(p, "data_store") ? get(p, "data_store") : p, kDangling,
                  "data store '" + store + "' does not exist");
        continue;
      }
      Yaml& comp = m.components.entries()[it->second].second;
      Yaml* st = comp.find("stores");
      std::vector<std::string> list;
      if (st) {
        for (const auto& [k, v] : st->entries()) list.push_back(v.text());
      }
      list.push_back(assets[sym]);
      comp.set("stores", Yaml::words(list));
      if (boolean(p, "encrypted").value_or(false))
        comp.set("encrypted_at_rest", Yaml::boolean(true));
    }
  }
  for (const Node* f : items(get(root, "data_flows"))) {
    std::string sym = str(f, "symbolic_name");
    std::string from = ref(elems, get(get(f, "source"), "object"), "flow source");
    std::string to = ref(elems, get(get(f, "destination"), "object"), "flow destination");
    if (from.empty() || to.empty()) continue;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(cx.ids().make(sym, "flow")));
    y.set_str("name", str(f, "title"));
    y.set("from", Yaml::word(from));
    y.set("to", Yaml::word(to));
    if (boolean(f, "encrypted").value_or(false)) y.set("encrypted", Yaml::boolean(true));
    y.set_str("description", trim(str(f, "description")));
    if (auto s = boolean(f, "has_sensitive_data")) y.set("x-tm-bom-sensitive", Yaml::boolean(*s));
    m.flows.add(std::move(y));
  }
  for (const Node* p : items(get(root, "threat_personas"))) {
    std::string sym = str(p, "symbolic_name");
    personas[sym] = cx.ids().make(sym, "adversary");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(personas[sym]));
    y.set("name", Yaml::str(str(p, "title").empty() ? sym : str(p, "title")));
    std::string access = str(p, "access_level");
    std::string a = access == "anonymous" ? "internet"
                    : access == "user"    ? "authenticated-user"
                    : access == "admin"   ? "insider"
                                          : "";
    if (!a.empty()) y.set("access", Yaml::word(a));
    std::string skill = str(p, "skill_level");
    std::string c = skill == "script_kid"        ? "low"
                    : skill == "engineer"        ? "medium"
                    : skill == "expert_engineer" ? "high"
                    : skill == "state_sponsored" ? "nation-state"
                                                 : "";
    if (!c.empty()) y.set("capability", Yaml::word(c));
    y.set_str("motivation", trim(str(p, "description")));
    m.adversaries.add(std::move(y));
  }
  // Risks rate the threats they list.
  std::map<std::string, std::pair<int, int>> rating;
  static const std::map<std::string, int> kLikely = {
      {"rare", 1}, {"unlikely", 2}, {"possible", 3}, {"likely", 4}, {"certain", 5}};
  static const std::map<std::string, int> kImpact = {
      {"negligible", 1}, {"minor", 2}, {"moderate", 3}, {"major", 4}, {"severe", 5}};
  for (const Node* r : items(get(root, "risks"))) {
    auto l = kLikely.find(str(r, "likelihood"));
    auto i = kImpact.find(str(r, "impact"));
    for (const Node* t : items(get(r, "threats"))) {
      auto& cur = rating[text(t)];
      if (l != kLikely.end()) cur.first = std::max(cur.first, l->second);
      if (i != kImpact.end()) cur.second = std::max(cur.second, i->second);
    }
  }
  std::string app;
  Yaml unmapped = Yaml::seq();
  for (const Node* t : items(get(root, "threats"))) {
    std::string sym = str(t, "symbolic_name");
    std::string title = str(t, "title").empty() ? sym : str(t, "title");
    std::vector<std::string> stride = stride_from_words(title + " " + str(t, "event"));
    if (stride.empty()) {
      cx.lost(t, "threat '" + title +
                     "': no STRIDE category can be read from its title or "
                     "event; kept under x-tm-bom-unmapped-threats");
      Yaml u = Yaml::map();
      u.set("symbolic_name", Yaml::str(sym));
      u.set("title", Yaml::str(title));
      unmapped.add(std::move(u));
      continue;
    }
    std::string target;
    std::vector<const Node*> affected = items(get(t, "components_affected"));
    if (!affected.empty()) target = ref(elems, affected.front(), "affected component");
    if (affected.size() > 1) {
      cx.lost(affected[1], "threat '" + title +
                               "' affects several components: it targets the "
                               "first, the others are kept as x-tm-bom-affected");
    }
    if (target.empty()) {
      if (app.empty()) {
        app = cx.ids().make("system", "system");
        Yaml c = Yaml::map();
        c.set("id", Yaml::word(app));
        c.set("name", Yaml::str(str(scope, "title")));
        c.set("type", Yaml::word("process"));
        c.comment("inferred: threats that name no component target the system as a whole");
        m.components.add(std::move(c));
      }
      target = app;
    }
    std::string id = cx.ids().make(sym, "threat");
    threats[sym] = id;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("title", Yaml::str(title));
    y.set("stride", Yaml::words(stride)).comment("inferred from the title and event");
    cx.inferred(t, "threat '" + title + "': STRIDE " + stride.front() +
                       (stride.size() > 1 ? " and others" : "") +
                       " read from its words (TM-BOM threats have no STRIDE category)");
    y.set("target", Yaml::word(target));
    if (const Node* p = get(t, "threat_persona"); p && personas.count(text(p))) {
      y.set("adversary", Yaml::word(personas[text(p)]));
    }
    y.set_str("vector", trim(str(t, "description")));
    if (auto r = rating.find(sym); r != rating.end()) {
      if (r->second.first) y.set("likelihood", Yaml::number(r->second.first));
      if (r->second.second) y.set("impact", Yaml::number(r->second.second));
    }
    Yaml capec = Yaml::seq(), cwe = Yaml::seq();
    for (const Node* a : items(get(t, "attack_mechanisms"))) {
      if (auto n = str(a, "capec_id"); digits(n)) capec.add(Yaml::word(n));
    }
    for (const Node* w : items(get(t, "weaknesses"))) {
      if (auto n = str(w, "cwe_id"); digits(n)) cwe.add(Yaml::word(n));
    }
    if (!cwe.empty()) y.set("cwe", cwe);
    if (!capec.empty()) y.set("capec", capec);
    std::vector<std::string> rest;
    for (size_t i = 1; i < affected.size(); ++i) rest.push_back(text(affected[i]));
    if (!rest.empty()) y.set("x-tm-bom-affected", Yaml::words(rest));
    m.threats.add(std::move(y));
  }
  if (!unmapped.empty()) m.extensions.set("x-tm-bom-unmapped-threats", unmapped);
  for (const Node* c : items(get(root, "controls"))) {
    std::string sym = str(c, "symbolic_name");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(cx.ids().make(sym, "control")));
    y.set("name", Yaml::str(str(c, "title").empty() ? sym : str(c, "title")));
    y.set_str("mechanism", trim(str(c, "description")));
    std::vector<std::string> mit;
    for (const Node* t : items(get(c, "threats"))) {
      auto it = threats.find(text(t));
      if (it != threats.end()) mit.push_back(it->second);
    }
    if (!mit.empty()) y.set("mitigates", Yaml::words(mit));
    std::string status = str(c, "status");
    if (status == "active" || status == "approved" || status == "assumed") {
      y.set("status", Yaml::word("implemented"));
    } else if (status == "suggested" || status == "under_review" || status == "scheduled") {
      y.set("status", Yaml::word("planned"));
    }
    if (!status.empty()) y.set("x-tm-bom-status", Yaml::str(status));
    if (auto p = str(c, "priority"); !p.empty()) y.set("x-tm-bom-priority", Yaml::str(p));
    m.controls.add(std::move(y));
  }
  Yaml assumptions = Yaml::seq();
  for (const Node* a : items(get(root, "assumptions")))
    assumptions.add(Yaml::str(trim(str(a, "description"))));
  if (!assumptions.empty()) {
    m.extensions.set("x-tm-bom-assumptions", assumptions);
    cx.lost(get(root, "assumptions"),
            "assumptions have no threatwright counterpart: kept as "
            "x-tm-bom-assumptions");
  }
  if (const Node* d = get(root, "diagrams"); d && d->count) {
    cx.lost(d, "diagrams are not imported (threatwright draws its own)");
  }
}

}  // namespace tw::import
