// Open Threat Model (OTM 0.1/0.2, JSON or YAML; IriusRisk, StartLeft, Threat Dragon) ->
// boundaries from trust zones, components, flows, assets, threats per instance, controls and
// decisions from instance states.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "import/formats.h"
#include "load/format.h"

namespace tw::import {

namespace {

bool looks_like_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = static_cast<char>(lower(std::string(1, s[i]))[0]);
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// 0-100 -> 1..5 with threatcl's thresholds.
int rating_of(double v) {
  if (v <= 20) return 1;
  if (v <= 40) return 2;
  if (v <= 62) return 3;
  if (v <= 85) return 4;
  return 5;
}

std::string level_of(double v) { return v <= 33 ? "low" : v <= 66 ? "medium" : "high"; }

/// IriusRisk's well-known trust-zone ids.
std::string known_zone(const std::string& id) {
  if (id == "f0ba7722-39b6-4c81-8290-a30a248bb8d9") return "untrusted";     // Internet
  if (id == "6376d53e-6461-412b-8e04-7b3fe2b397de") return "untrusted";     // Public
  if (id == "b61d6911-338d-46a8-9f39-8dcd24abfe91") return "semi-trusted";  // Public Cloud
  if (id == "2ab4effa-40b7-4cd2-ba81-8247d29a6f2d") return "trusted";       // Private Secured
  return "";
}

/// A component type of StartLeft/IriusRisk (free text) -> kind and element type.
void classify(const std::string& otm_type, std::string& kind, std::string& type) {
  std::string t = lower(otm_type);
  static const std::map<std::string, std::string> kTable = {
      {"web-client", "browser"},
      {"generic-client", "user"},
      {"android-device-client", "mobile-app"},
      {"ios-device-client", "mobile-app"},
      {"mobile-client", "mobile-app"},
      {"web-service", "web-app"},
      {"web-application-server-side", "web-app"},
      {"rds", "sql-database"},
      {"docker-container", "service"},
      {"elastic-container-service", "service"},
      {"azure-storage", "object-store"},
      {"s3", "object-store"},
      {"sqs-simple-queue-service", "queue"},
      {"kinesis-data-analytics", "stream-processor"},
      {"cloudwatch", "log-store"},
      {"api-gateway", "api-gateway"},
      {"load-balancer", "load-balancer"},
      {"dynamodb", "nosql-database"},
      {"mongodb", "nosql-database"},
      {"postgresql", "sql-database"},
      {"mysql", "sql-database"},
      {"redis", "cache"},
  };
  auto it = kTable.find(t);
  if (it != kTable.end()) {
    kind = it->second;
  } else {
    kind = kind_word(t);
    if (kind.empty()) {  // "CD-MICROSOFT-AZURE-DB-POSTGRESQL": the last word that means a kind
      std::vector<std::string> words;
      size_t start = 0;
      while (start <= t.size()) {
        size_t end = t.find('-', start);
        if (end == std::string::npos) end = t.size();
        words.push_back(t.substr(start, end - start));
        start = end + 1;
      }
      for (auto w = words.rbegin(); w != words.rend() && kind.empty(); ++w) {
        auto k = kTable.find(*w);
        kind = k != kTable.end() ? k->second : (w->size() > 2 ? kind_word(*w) : "");
      }
    }
  }
  static const std::set<std::string> kStores = {
      "sql-database",     "nosql-database", "object-store", "queue",        "cache",
      "log-store",        "file-system",    "secret-store", "search-index", "data-warehouse",
      "message-broker",   "event-bus",      "stream",       "topic",        "container-registry",
      "package-registry", "git-repository"};
  static const std::set<std::string> kExternal = {
      "browser",    "user", "mobile-app", "desktop-app",  "device",
      "iot-device", "saas", "partner",    "external-api", "payment-provider"};
  type = kStores.count(kind) ? "data-store" : kExternal.count(kind) ? "external-entity" : "process";
}

struct Control {
  Yaml y = Yaml::map();
  std::vector<std::string> mitigates;
  bool implemented = false, used = false;
};

class Reader {
 public:
  Reader(Context& cx, ModelOut& m) : cx_(cx), m_(m) {}

  void run(const Node* root) {
    const Node* version = get(root, "otmVersion");
    std::string v = text(version);
    if (!version) {
      cx_.invalid(root, "no 'otmVersion': this is not an Open Threat Model file");
      return;
    }
    if (v.rfind("0.1", 0) != 0 && v.rfind("0.2", 0) != 0) {
      cx_.diags().warning("import-version", cx_.loc(version),
                          "OTM " + v + ": read as 0.2; only 0.1 and 0.2 are tested");
    }
    const Node* project = get(root, "project");
    if (str(project, "name").empty()) {
      cx_.invalid(project ? project : root, "the OTM file has no project.name",
                  "OTM requires project name and id");
      return;
    }
    m_.system.set("name", Yaml::str(str(project, "name")));
    m_.system.set_str("description", str(project, "description"));
    m_.system.set_str("owner", str(project, "owner"));
    if (auto id = str(project, "id"); !id.empty()) m_.system.set("x-otm-id", Yaml::str(id));
    ours_ = str(get(project, "attributes"), "exported-by").rfind("threatwright ", 0) == 0;
    if (auto c = str(project, "ownerContact"); !c.empty())
      m_.system.set("x-otm-owner-contact", Yaml::str(c));
    if (const Node* r = get(root, "representations"); r && r->count) {
      cx_.lost(r, "representations (diagram positions, code references) are not imported");
    }
    for (const Node* a : items(get(root, "assets"))) asset(a);
    for (const Node* z : items(get(root, "trustZones"))) {
      std::string oid = str(z, "id");
      if (!zone_claims_.claim(cx_, oid, z, "trust zone")) continue;
      zones_[oid] = cx_.ids().make(pick(oid, str(z, "name")), "zone");
    }
    for (const Node* z : items(get(root, "trustZones"))) zone(z);
    // Components: ids first (parents may come later).
    for (const Node* c : items(get(root, "components"))) {
      std::string oid = str(c, "id");
      if (!comp_claims_.claim(cx_, oid, c, "component")) continue;
      comps_[oid] = cx_.ids().make(pick(oid, str(c, "name")), "component");
      comp_nodes_[oid] = c;
    }
    for (const Node* t : items(get(root, "threats"))) threat_lib_[str(t, "id")] = t;
    for (const Node* mi : items(get(root, "mitigations"))) mitigation(mi);
    for (const Node* c : items(get(root, "components"))) component(c);
    for (const Node* f : items(get(root, "dataflows"))) dataflow(f);
    for (auto& [oid, c] : controls_) m_.controls.add(finish_control(c));
    for (const auto& [oid, t] : threat_lib_) {
      if (!used_threats_.count(oid)) {
        cx_.lost(t, "threat '" + str(t, "name") +
                        "' is on no component or dataflow: threatwright threats need a target; "
                        "kept under x-otm-unused-threats");
        Yaml u = Yaml::map();
        u.set_str("id", oid);
        u.set_str("name", str(t, "name"));
        u.set_str("description", str(t, "description"));
        unused_.add(std::move(u));
      }
    }
    if (!unused_.empty()) m_.extensions.set("x-otm-unused-threats", unused_);
  }

 private:
  /// The source's id when it reads well, else the name.
  static std::string pick(const std::string& id,
                          const std::string& name,
                          const std::string& prefix = "") {
    if (id.empty() || looks_like_uuid(id) || sanitize_id(id).empty()) return name;
    if (!prefix.empty() && id.find_first_not_of("0123456789") == std::string::npos) {
      return prefix + "-" + id;  // "55" reads better as "threat-55"
    }
    return id;
  }

  void asset(const Node* a) {
    std::string oid = str(a, "id");
    if (!asset_claims_.claim(cx_, oid, a, "asset")) return;
    std::string id = cx_.ids().make(pick(oid, str(a, "name")), "asset");
    assets_[oid] = id;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set_str("name", str(a, "name"));
    y.set_str("description", str(a, "description"));
    const Node* risk = get(a, "risk");
    Yaml cia = Yaml::map();
    double top = -1;
    for (const char* k : {"confidentiality", "integrity", "availability"}) {
      if (auto v = number(get(risk, k))) {
        cia.set(k, Yaml::word(level_of(*v)));
        top = std::max(top, *v);
      }
    }
    if (auto v = str(get(a, "attributes"), "value"); model::parse<model::Value>(v)) {
      y.set("value", Yaml::word(v));  // threatwright's export states it
    } else if (top >= 0) {
      y.set("value", Yaml::word(level_of(top))).comment("inferred: the highest of its CIA ratings");
      cx_.inferred(risk,
                   "asset '" + id + "': value " + level_of(top) +
                       " from its highest CIA rating (0-100: <=33 low, <=66 medium, else high)");
    }
    y.set_str("impact", str(risk, "comment"));
    if (!cia.empty()) y.set("cia", cia);
    if (oid != id) y.set("x-otm-id", Yaml::str(oid));
    m_.assets.add(std::move(y));
  }

  void zone(const Node* z) {
    std::string oid = str(z, "id");
    if (!zone_claims_.owns(oid, z)) return;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(zones_[oid]));
    y.set("name", Yaml::str(str(z, "name").empty() ? zones_[oid] : str(z, "name")));
    y.set_str("description", str(z, "description"));
    std::string type = str(z, "type");
    std::string trust, why;
    if (auto t = str(get(z, "attributes"), "trust"); model::parse<model::Trust>(t)) {
      trust = t;  // threatwright's export states it
    } else {
      trust = known_zone(oid);
      why = "IriusRisk's zone id";
    }
    if (trust.empty()) trust = known_zone(type);
    const Node* rating = get(get(z, "risk"), "trustRating");
    if (trust.empty()) {
      if (auto r = number(rating)) {
        trust = *r <= 33 ? "untrusted" : *r <= 66 ? "semi-trusted" : "trusted";
        why = "trustRating " + text(rating);
      } else {
        std::string n = lower(str(z, "name"));
        trust = n.find("internet") != std::string::npos || n.find("public") != std::string::npos
                    ? "untrusted"
                    : "trusted";
        why = "its name (no trustRating)";
      }
    }
    if (why.empty()) {
      y.set("trust", Yaml::word(trust));
    } else {
      y.set("trust", Yaml::word(trust)).comment("inferred from " + why);
      cx_.inferred(rating ? rating : z,
                   "trust zone '" + str(z, "name") + "': trust '" + trust + "' from " + why +
                       " (StartLeft rates every zone 10, so ratings say little)");
    }
    if (auto p = str(get(z, "parent"), "trustZone"); !p.empty()) {
      auto it = zones_.find(p);
      if (it == zones_.end()) {
        cx_.broken(get(z, "parent"), kDangling, "parent trust zone '" + p + "' does not exist");
      } else {
        y.set("parent", Yaml::word(it->second));
        m_.parent_locs[zones_[oid]] = cx_.loc(get(z, "parent"));
      }
    }
    if (!type.empty()) y.set("x-otm-type", Yaml::str(type));
    if (oid != zones_[oid]) y.set("x-otm-id", Yaml::str(oid));
    m_.boundaries.add(std::move(y));
  }

  /// The trust zone a component sits in: its own, or its nearest ancestor's.
  std::string zone_of(const Node* c, int depth) {
    const Node* parent = get(c, "parent");
    if (auto z = str(parent, "trustZone"); !z.empty()) {
      auto it = zones_.find(z);
      return it == zones_.end() ? "" : it->second;
    }
    auto p = comp_nodes_.find(str(parent, "component"));
    if (p == comp_nodes_.end() || depth > 64) return "";
    return zone_of(p->second, depth + 1);
  }

  void component(const Node* c) {
    std::string oid = str(c, "id");
    if (!comp_claims_.owns(oid, c)) return;
    std::string id = comps_[oid];
    std::string name = str(c, "name");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("name", Yaml::str(name.empty() ? id : name));
    std::string otype = str(c, "type"), kind, type;
    classify(otype, kind, type);
    // threatwright's export names the element type; other tools leave it to be inferred.
    if (std::string et = str(get(c, "attributes"), "element-type");
        et == "process" || et == "data-store" || et == "external-entity") {
      y.set("type", Yaml::word(et));
    } else {
      y.set("type", Yaml::word(type)).comment("inferred from OTM type '" + otype + "'");
    }
    if (!kind.empty()) {
      y.set("kind", Yaml::word(kind));
    } else if (!otype.empty() && !unmapped_types_.count(otype)) {
      unmapped_types_.insert(otype);
      cx_.lost(get(c, "type"),
               "OTM component type '" + otype + "' has no threatwright kind: kept as x-otm-type",
               "set 'kind:' (docs/model-format.md, Vocabulary)");
    }
    const Node* parent = get(c, "parent");
    std::string zone_ref = str(parent, "trustZone"), comp_ref = str(parent, "component");
    if (!zone_ref.empty() && !zones_.count(zone_ref)) {
      cx_.broken(
          parent, kDangling,
          "component '" + name + "' sits in trust zone '" + zone_ref + "', which does not exist");
    } else if (!comp_ref.empty() && !comp_nodes_.count(comp_ref)) {
      cx_.broken(
          parent, kDangling,
          "component '" + name + "' sits in component '" + comp_ref + "', which does not exist");
    }
    std::string zone = zone_of(c, 0);
    if (!zone.empty()) y.set("boundary", Yaml::word(zone));
    if (!comp_ref.empty() && comps_.count(comp_ref)) {
      y.set("x-otm-parent", Yaml::word(comps_[comp_ref]));
      nested_++;
      if (nested_ == 1) {
        cx_.lost(parent, "components nested in components (here '" + name +
                             "') are flattened: the zone is the nearest ancestor's, the parent "
                             "is kept as x-otm-parent");
      }
    }
    y.set_str("description", str(c, "description"));
    std::vector<std::string> stores, processed;
    for (const Node* a : items(get(get(c, "assets"), "stored"))) {
      if (auto r = asset_ref(a)) stores.push_back(*r);
    }
    for (const Node* a : items(get(get(c, "assets"), "processed"))) {
      if (auto r = asset_ref(a)) processed.push_back(*r);
    }
    if (!stores.empty()) y.set("stores", Yaml::words(stores));
    if (!processed.empty()) y.set("x-otm-processed", Yaml::words(processed));
    if (!otype.empty() && otype != kind) y.set("x-otm-type", Yaml::str(otype));
    std::set<std::string> read = facts(get(c, "attributes"), load::format::component, y);
    read.insert("element-type");
    extras(c, y, read);
    if (oid != id) y.set("x-otm-id", Yaml::str(oid));
    m_.components.add(std::move(y));
    const Node* attrs = get(c, "attributes");
    if (lower(str(attrs, "Out Of Scope")) == "true") {
      Yaml na = Yaml::map();
      na.set("target", Yaml::word(id));
      na.set("stride",
             Yaml::words({"spoofing", "tampering", "repudiation", "information-disclosure",
                          "denial-of-service", "elevation-of-privilege"}));
      std::string why = str(attrs, "Reason For Out Of Scope");
      na.set("because", Yaml::str(why.empty() ? "Out of scope in the source model." : why));
      m_.not_applicable.add(std::move(na));
    }
    instances(c, id);
  }

  std::optional<std::string> asset_ref(const Node* a) {
    auto it = assets_.find(text(a));
    if (it == assets_.end()) {
      cx_.broken(a, kDangling, "asset '" + text(a) + "' does not exist");
      return std::nullopt;
    }
    return it->second;
  }

  /// Attributes named like a threatwright fact of `spec` (threatwright's own export writes
  /// them; other tools may too) with a value the fact accepts: true/false, one of an enum's
  /// words, a comma-separated list of them; runs_on naming a component, returns naming assets.
  /// Returns the attribute names read, which extras() then leaves out.
  std::set<std::string> facts(const Node* attrs, const load::MapSpec& spec, Yaml& y) {
    static const std::set<std::string_view> kSetHere = {
        "id", "name", "description", "type", "kind", "from", "to", "protocol", "port"};
    std::set<std::string> read;
    for (auto [k, v] : entries(attrs)) {
      std::string key = text(k), val = trim(text(v));
      const load::FieldSpec* f = spec.field(key);
      if (!f || kSetHere.count(f->key) || !v->is_scalar() || val.empty()) continue;
      auto known = [&](const std::string& w) {
        const auto& vs = f->values();
        return std::find(vs.begin(), vs.end(), w) != vs.end();
      };
      std::vector<std::string> words;
      for (size_t at = 0; at <= val.size();) {
        size_t end = std::min(val.find(',', at), val.size());
        if (auto w = trim(val.substr(at, end - at)); !w.empty()) words.push_back(w);
        at = end + 1;
      }
      bool ok = false;
      using T = load::FieldType;
      if (f->type == T::Bool && (val == "true" || val == "false")) {
        y.set(key, Yaml::boolean(val == "true"));
        ok = true;
      } else if (f->type == T::Enum && f->values && known(val)) {
        y.set(key, Yaml::word(val));
        ok = true;
      } else if (f->type == T::Enums && f->values && !words.empty() &&
                 std::all_of(words.begin(), words.end(), known)) {
        y.set(key, Yaml::words(words));
        ok = true;
      } else if (key == "runs_on" && comps_.count(val)) {
        y.set(key, Yaml::word(comps_[val]));
        ok = true;
      } else if (key == "returns" && !words.empty() &&
                 std::all_of(words.begin(), words.end(),
                             [&](const std::string& w) { return assets_.count(w) > 0; })) {
        std::vector<std::string> ids;
        for (const auto& w : words) ids.push_back(assets_[w]);
        y.set(key, Yaml::words(ids));
        ok = true;
      }
      if (ok) read.insert(key);
    }
    return read;
  }

  void extras(const Node* c, Yaml& y, const std::set<std::string>& read = {}) {
    std::vector<std::string> tags;
    for (const Node* t : items(get(c, "tags"))) tags.push_back(text(t));
    if (ours_ && tags.size() == 1 && !y.find("technology") && !y.find("from")) {
      y.set("technology", Yaml::str(tags.front()));  // threatwright's export: the technology
    } else if (!tags.empty()) {
      y.set("x-otm-tags", Yaml::words(tags));
    }
    Yaml attrs = Yaml::map();
    for (auto [k, v] : entries(get(c, "attributes"))) {
      if (read.count(text(k))) continue;
      if (v->is_scalar() && !v->is_null()) attrs.set(text(k), Yaml::str(text(v)));
    }
    if (!attrs.empty()) y.set("x-otm-attributes", attrs);
  }

  void dataflow(const Node* f) {
    std::string oid = str(f, "id");
    std::string name = str(f, "name");
    std::string src = str(f, "source"), dst = str(f, "destination");
    auto from = comps_.find(src), to = comps_.find(dst);
    if (from == comps_.end() || to == comps_.end()) {
      const Node* at = get(f, from == comps_.end() ? "source" : "destination");
      cx_.broken(at ? at : f, kDangling,
                 "dataflow '" + (name.empty() ? oid : name) + "' " +
                     (from == comps_.end() ? "starts at '" + src : "ends at '" + dst) +
                     "', which is no component");
      return;
    }
    std::string id = cx_.ids().make(pick(oid, name), "flow");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    if (!name.empty()) y.set("name", Yaml::str(name));
    y.set("from", Yaml::word(from->second));
    y.set("to", Yaml::word(to->second));
    const Node* attrs = get(f, "attributes");
    Yaml facts_y = Yaml::map();
    std::set<std::string> read = facts(attrs, load::format::flow, facts_y);
    // The assets travel from -> to, except those the `returns` attribute names (threatwright's
    // export lists an asset twice when it travels both ways).
    std::map<std::string, int> back;
    if (const Yaml* r = facts_y.find("returns")) {
      for (const auto& e : r->entries()) back[e.second.text()]++;
    }
    std::vector<std::string> data;
    for (const Node* a : items(get(f, "assets"))) {
      auto r = asset_ref(a);
      if (!r) continue;
      if (auto it = back.find(*r); it != back.end() && it->second > 0) {
        it->second--;
        continue;
      }
      if (std::find(data.begin(), data.end(), *r) == data.end()) data.push_back(*r);
    }
    if (!data.empty()) y.set("data", Yaml::words(data));
    for (auto [k, v] : entries(attrs)) {
      std::string key = lower(text(k));
      if (key == "protocol") {
        std::optional<int> port;
        std::string p = protocol_word(text(v), &port);
        if (!p.empty()) y.set("protocol", Yaml::word(p));
        if (port) y.set("port", Yaml::number(*port));
        read.insert(text(k));
      } else if (key == "port" && !y.find("port") && number(v) && *number(v) >= 0 &&
                 *number(v) <= 65535) {
        read.insert(text(k));
        y.set("port", Yaml::number(int(*number(v))));
      }
    }
    for (auto& [k, v] : facts_y.entries()) y.set(k, v);
    y.set_str("description", str(f, "description"));
    if (boolean(f, "bidirectional").value_or(false)) {
      y.set("x-otm-bidirectional", Yaml::boolean(true));
      cx_.inferred(get(f, "bidirectional"),
                   "bidirectional dataflow '" + id +
                       "' kept as one flow from source to "
                       "destination (x-otm-bidirectional)",
                   "list the data that comes back under 'returns'");
    }
    extras(f, y, read);
    if (oid != id) y.set("x-otm-id", Yaml::str(oid));
    m_.flows.add(std::move(y));
    instances(f, id);
  }

  void mitigation(const Node* mi) {
    std::string oid = str(mi, "id");
    std::string id = cx_.ids().make(pick(oid, str(mi, "name"), "mitigation"), "control");
    Control& c = controls_[oid];
    c.y.set("id", Yaml::word(id));
    c.y.set("name", Yaml::str(first_line(strip_tags(str(mi, "name")), 200)));
    c.y.set_str("mechanism", strip_tags(str(mi, "description")));
    if (auto r = str(mi, "riskReduction"); !r.empty())
      c.y.set("x-otm-risk-reduction", Yaml::str(r));
    if (oid != id) c.y.set("x-otm-id", Yaml::str(oid));
  }

  Yaml finish_control(Control& c) {
    Yaml y = c.y;
    if (!c.mitigates.empty()) y.set("mitigates", Yaml::words(c.mitigates));
    if (c.used) {
      y.set("status", Yaml::word(c.implemented ? "implemented" : "planned"));
    }
    return y;
  }

  /// Threat instances on a component or dataflow: one threatwright threat each.
  void instances(const Node* element, const std::string& target) {
    for (const Node* inst : items(get(element, "threats"))) {
      std::string ref = str(inst, "threat");
      auto lib = threat_lib_.find(ref);
      if (lib == threat_lib_.end()) {
        cx_.broken(get(inst, "threat") ? get(inst, "threat") : inst, kDangling,
                   "threat '" + ref + "' is not in the threats list");
        continue;
      }
      used_threats_.insert(ref);
      std::string tid = threat(lib->second, inst, target);
      if (tid.empty()) continue;
      for (const Node* mi : items(get(inst, "mitigations"))) {
        std::string mref = str(mi, "mitigation");
        auto c = controls_.find(mref);
        if (c == controls_.end()) {
          cx_.broken(get(mi, "mitigation") ? get(mi, "mitigation") : mi, kDangling,
                     "mitigation '" + mref + "' is not in the mitigations list");
          continue;
        }
        c->second.mitigates.push_back(tid);
        c->second.used = true;
        if (lower(str(mi, "state")) == "implemented") c->second.implemented = true;
      }
    }
  }

  std::string threat(const Node* t, const Node* inst, const std::string& target) {
    std::string oid = str(t, "id");
    std::string name = trim(str(t, "name"));
    std::vector<std::string> stride;
    bool from_cia = false;
    for (const Node* cat : items(get(t, "categories"))) {
      auto s = stride_word(text(cat));
      if (!s) {
        s = cia_stride(text(cat));
        from_cia = from_cia || s.has_value();
      }
      if (s && std::find(stride.begin(), stride.end(), *s) == stride.end()) stride.push_back(*s);
      if (!s) cx_.lost(cat, "threat category '" + text(cat) + "' is not STRIDE or CIA");
    }
    if (stride.empty()) {
      cx_.lost(t, "threat '" + name + "' has no STRIDE category: kept under x-otm-unused-threats",
               "give it a STRIDE category in the source, or write it under 'threats:'");
      Yaml u = Yaml::map();
      u.set_str("id", oid);
      u.set_str("name", name);
      u.set("target", Yaml::word(target));
      unused_.add(std::move(u));
      return "";
    }
    std::string s = lower(str(inst, "state"));
    std::string decision = s == "mitigated"                                ? "mitigated"
                           : s == "notapplicable" || s == "not-applicable" ? "false-positive"
                           : s == "accepted" || s == "accept"              ? "accepted"
                           : s == "transferred"                            ? "transferred"
                                                                           : "";
    const Node* attrs = get(t, "attributes");
    if (generated_threat_id(oid) && !str(attrs, "rule").empty()) {
      // A threat threatwright's rules raised (its export names the rule): the analysis of the
      // imported model raises it again on the same element, so only its state comes back, as
      // a decision with the owner and review date the export wrote.
      if (!decision.empty() && decided_.insert(oid).second) {
        Yaml d = Yaml::map();
        d.set("threat", Yaml::word(oid));
        d.set("status", Yaml::word(decision)).comment("OTM state " + str(inst, "state"));
        std::string why = str(attrs, "status-reason");
        d.set("rationale",
              Yaml::str(why.empty() ? "State '" + str(inst, "state") + "' in the OTM file." : why));
        d.set_str("owner", str(attrs, "owner"));
        if (auto r = str(attrs, "review-by"); r.size() == 10) d.set("review_by", Yaml::word(r));
        m_.decisions.add(std::move(d));
      }
      if (generated_.insert(oid).second && generated_.size() == 1) {
        cx_.inferred(t,
                     "threats with the id of a threat threatwright's rules raise (rule@element) "
                     "are not written as threats: the analysis raises them again; their "
                     "state became a decision");
      }
      return oid;
    }
    int uses = ++threat_uses_[oid];
    std::string base = pick(oid, name, "threat");
    std::string id =
        cx_.ids().make(uses == 1 && !threat_ids_.count(oid) ? base : base + "-" + target, "threat");
    threat_ids_.insert(oid);
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("title", Yaml::str(name.empty() ? id : first_line(name, 200)));
    y.set("stride", Yaml::words(stride));
    if (from_cia) y.find("stride")->comment("inferred from CIA categories");
    y.set("target", Yaml::word(target));
    y.set_str("vector", strip_tags(str(t, "description")));
    const Node* risk = get(t, "risk");
    if (auto l = number(get(risk, "likelihood"))) y.set("likelihood", Yaml::number(rating_of(*l)));
    if (auto i = number(get(risk, "impact"))) y.set("impact", Yaml::number(rating_of(*i)));
    std::vector<std::string> cwes;
    for (const Node* c : items(get(t, "cwes"))) {
      std::string w = text(c);
      if (lower(w).rfind("cwe-", 0) == 0) w = w.substr(4);
      if (!w.empty() && w.find_first_not_of("0123456789") == std::string::npos) cwes.push_back(w);
    }
    if (!cwes.empty()) {
      Yaml cw = Yaml::seq();
      for (const auto& c : cwes) cw.add(Yaml::word(c));
      y.set("cwe", cw);
    }
    if (auto c = str(risk, "likelihoodComment"); !c.empty())
      y.set("x-otm-likelihood-comment", Yaml::str(c));
    if (auto c = str(risk, "impactComment"); !c.empty())
      y.set("x-otm-impact-comment", Yaml::str(c));
    std::string state = str(inst, "state");
    if (!state.empty()) y.set("x-otm-state", Yaml::str(state));
    if (oid != id) y.set("x-otm-id", Yaml::str(oid));
    m_.threats.add(std::move(y));
    if (!decision.empty()) {
      Yaml d = Yaml::map();
      d.set("threat", Yaml::word(id));
      d.set("status", Yaml::word(decision)).comment("OTM state " + state);
      d.set("rationale", Yaml::str("State '" + state + "' in the OTM file."));
      m_.decisions.add(std::move(d));
    }
    return id;
  }

  Context& cx_;
  ModelOut& m_;
  std::map<std::string, std::string> zones_, comps_, assets_;
  std::map<std::string, const Node*> comp_nodes_, threat_lib_;
  bool ours_ = false;  ///< threatwright exported the file (project attribute exported-by)
  FirstClaim zone_claims_, comp_claims_, asset_claims_;
  std::map<std::string, Control> controls_;
  std::map<std::string, int> threat_uses_;
  std::set<std::string> used_threats_, threat_ids_, unmapped_types_;
  std::set<std::string> generated_, decided_;  // generated threats (rule@element) seen, decided
  Yaml unused_ = Yaml::seq();
  int nested_ = 0;
};

}  // namespace

void import_otm(Context& cx, const Node* root, const Options&, ModelOut& m) {
  Reader(cx, m).run(root);
}

}  // namespace tw::import
