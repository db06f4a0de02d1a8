// Threagile YAML (both dialects: `individual_risk_categories` map, `custom_risk_categories`
// list) -> assets, components, flows, boundaries, hand-written threats for identified risks,
// decisions from risk tracking. `includes:` are read from the file's folder tree; YAML merge
// keys (`<<: *anchor`) are expanded here, since YAML 1.2 has none.

#include <algorithm>
#include <map>
#include <set>

#include "base/date.h"
#include "base/text.h"
#include "import/formats.h"
#include "model/enums.h"

namespace tw::import {

namespace {

using Entries = std::vector<std::pair<const Node*, const Node*>>;

/// A mapping's entries with `<<` merge keys expanded: the merged mappings first (a list of
/// them in order), explicit keys override; bounded depth.
Entries merged(const Node* map, int depth = 0) {
  Entries out;
  if (!map || !map->is_map() || depth > 16) return out;
  auto put = [&](const Node* k, const Node* v) {
    for (auto& e : out) {
      if (e.first->text == k->text) {
        e.second = v;
        return;
      }
    }
    out.emplace_back(k, v);
  };
  for (auto [k, v] : entries(map)) {
    if (k->is_scalar() && k->text == "<<") {
      std::vector<const Node*> bases = v->is_seq() ? items(v) : std::vector<const Node*>{v};
      for (const Node* b : bases) {
        for (auto [bk, bv] : merged(b, depth + 1)) put(bk, bv);
      }
    }
  }
  for (auto [k, v] : entries(map)) {
    if (!(k->is_scalar() && k->text == "<<")) put(k, v);
  }
  return out;
}

const Node* mget(const Node* map, std::string_view key) {
  for (auto [k, v] : merged(map)) {
    if (k->text == key) return v->is_null() ? nullptr : v;
  }
  return nullptr;
}

std::string mstr(const Node* map, std::string_view key) { return text(mget(map, key)); }

int level_rank(const std::string& v) {
  static const std::map<std::string, int> kRanks = {{"public", 0},
                                                    {"internal", 0},
                                                    {"restricted", 1},
                                                    {"confidential", 2},
                                                    {"strictly-confidential", 3},
                                                    {"archive", 0},
                                                    {"operational", 0},
                                                    {"important", 1},
                                                    {"critical", 2},
                                                    {"mission-critical", 3}};
  auto it = kRanks.find(v);
  return it == kRanks.end() ? -1 : it->second;
}

std::string kind_of_technology(const std::string& t) {
  static const std::map<std::string, std::string> kMap = {
      {"browser", "browser"},
      {"desktop", "desktop-app"},
      {"mobile-app", "mobile-app"},
      {"devops-client", "desktop-app"},
      {"web-server", "web-server"},
      {"web-application", "web-app"},
      {"application-server", "service"},
      {"database", "sql-database"},
      {"file-server", "file-system"},
      {"local-file-system", "file-system"},
      {"erp", "web-app"},  // an ERP serves its users web pages, as a CMS does
      {"cms", "web-app"},
      {"web-service-rest", "api"},
      {"web-service-soap", "api"},
      {"ejb", "service"},
      {"search-index", "search-index"},
      {"search-engine", "search-index"},
      {"service-registry", "service"},
      {"reverse-proxy", "reverse-proxy"},
      {"load-balancer", "load-balancer"},
      {"build-pipeline", "ci-pipeline"},
      {"sourcecode-repository", "git-repository"},
      {"artifact-registry", "package-registry"},
      {"code-inspection-platform", "service"},
      {"monitoring", "log-store"},
      {"ldap-server", "directory"},
      {"container-platform", "service"},
      {"batch-processing", "batch"},
      {"event-listener", "consumer"},
      {"identity-provider", "identity-provider"},
      {"identity-store-ldap", "directory"},
      {"identity-store-database", "sql-database"},
      {"tool", "cli"},
      {"cli", "cli"},
      {"task", "job"},
      {"function", "service"},
      {"gateway", "gateway"},
      {"iot-device", "iot-device"},
      {"message-queue", "queue"},
      {"stream-processing", "stream-processor"},
      {"service-mesh", "service-mesh"},
      {"data-lake", "data-warehouse"},
      {"big-data-platform", "data-warehouse"},
      {"report-engine", "service"},
      {"ai", "service"},
      {"mail-server", "service"},
      {"vault", "secret-store"},
      {"hsm", "hsm"},
      {"waf", "waf"},
      {"ids", "firewall"},
      {"ips", "firewall"},
      {"scheduler", "scheduler"},
      {"mainframe", "service"},
      {"block-storage", "file-system"},
      {"library", "service"},
  };
  auto it = kMap.find(t);
  return it == kMap.end() ? "" : it->second;
}

/// Technologies that pass requests on: traffic that reaches them reaches what is behind them.
bool forwarder_technology(const std::string& t) {
  return t == "load-balancer" || t == "reverse-proxy" || t == "waf" || t == "gateway";
}

/// Threagile protocol -> (threatwright protocol, encrypted when the protocol does not say).
std::pair<std::string, bool> protocol_of(const std::string& p) {
  static const std::map<std::string, std::pair<std::string, bool>> kMap = {
      {"http", {"http", false}},
      {"https", {"https", false}},
      {"ws", {"ws", false}},
      {"wss", {"wss", false}},
      {"reverse-proxy-web-protocol", {"http", false}},
      {"reverse-proxy-web-protocol-encrypted", {"https", false}},
      {"mqtt", {"mqtt", false}},
      {"jdbc", {"sql", false}},
      {"jdbc-encrypted", {"sql-tls", false}},
      {"odbc", {"sql", false}},
      {"odbc-encrypted", {"sql-tls", false}},
      {"sql-access-protocol", {"sql", false}},
      {"sql-access-protocol-encrypted", {"sql-tls", false}},
      {"nosql-access-protocol", {"tcp", false}},
      {"nosql-access-protocol-encrypted", {"tls", false}},
      {"binary", {"tcp", false}},
      {"binary-encrypted", {"tls", false}},
      {"text", {"tcp", false}},
      {"text-encrypted", {"tls", false}},
      {"ssh", {"ssh", false}},
      {"ssh-tunnel", {"ssh", false}},
      {"smtp", {"smtp", false}},
      {"smtp-encrypted", {"smtps", false}},
      {"pop3", {"tcp", false}},
      {"pop3-encrypted", {"tls", false}},
      {"imap", {"imap", false}},
      {"imap-encrypted", {"imaps", false}},
      {"ftp", {"ftp", false}},
      {"ftps", {"ftps", false}},
      {"sftp", {"sftp", false}},
      {"scp", {"scp", false}},
      {"ldap", {"ldap", false}},
      {"ldaps", {"ldaps", false}},
      {"jms", {"tcp", false}},
      {"jms-encrypted", {"tls", false}},
      {"nfs", {"nfs", false}},
      {"smb", {"smb", false}},
      {"smb-encrypted", {"smb", true}},
      {"local-file-access", {"file", false}},
      {"nrpe", {"tcp", false}},
      {"xmpp", {"tcp", false}},
      {"iiop", {"tcp", false}},
      {"iiop-encrypted", {"tls", false}},
      {"jrmp", {"tcp", false}},
      {"jrmp-encrypted", {"tls", false}},
      {"in-process-library-call", {"ipc", false}},
      {"container-spawning", {"ipc", false}},
  };
  auto it = kMap.find(p);
  return it == kMap.end() ? std::make_pair(std::string(), false) : it->second;
}

struct Risk {
  std::string id;  ///< threatwright threat id
};

class Reader {
 public:
  Reader(Context& cx, const IncludeReader& include, ModelOut& m)
      : cx_(cx), include_(include), m_(m) {}

  void run(const Node* root) {
    docs_.push_back({root, &cx_.file()});
    collect_includes(root, 0);
    const Node* title = first("title");
    if (!first("threagile_version") && !first("technical_assets") && !first("data_assets")) {
      cx_.invalid(root,
                  "not a Threagile model: no threagile_version, technical_assets or data_assets",
                  "import the file that includes this one");
      return;
    }
    m_.system.set("name", Yaml::str(text(title).empty() ? "Threagile model" : text(title)));
    std::string desc;
    for (const char* k : {"management_summary_comment"}) {
      if (auto t = trim(text(first(k))); !t.empty()) desc += t + "\n\n";
    }
    for (const char* k : {"business_overview", "technical_overview"}) {
      if (auto t = trim(str(first(k), "description")); !t.empty()) desc += t + "\n\n";
      if (get(first(k), "images"))
        lost(get(first(k), "images"), std::string(k) + " images are not imported");
    }
    m_.system.set_str("description", trim(desc));
    m_.system.set_str("owner", str(first("author"), "name"));
    if (auto d = text(first("date")); !d.empty() && !base::parse_date(d)) {
      cx_.lost(first("date"), "date '" + d + "' is not a YYYY-MM-DD date: not imported");
    } else if (!d.empty()) {
      Yaml review = Yaml::map();
      review.set("last_reviewed", Yaml::word(d)).comment("the Threagile model's date");
      m_.system.set("review", review);
    }
    if (auto b = text(first("business_criticality")); !b.empty()) {
      m_.extensions.set("x-threagile-business-criticality", Yaml::str(b));
    }
    for (const char* k : {"questions", "abuse_cases", "tags_available"}) keep_map(k);
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "data_assets"))) data_asset(k, v);
    }
    // Components: ids first, links may point forward.
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "technical_assets"))) {
        std::string tid = mstr(v, "id");
        if (tid.empty()) tid = text(k);
        if (comp_claims_.claim(cx_, tid, k, "technical asset")) {
          comps_[tid] = cx_.ids().make(tid, "component");
        }
      }
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "shared_runtimes"))) {
        std::string rid = mstr(v, "id");
        if (rid.empty()) rid = text(k);
        if (runtime_claims_.claim(cx_, rid, k, "shared runtime")) {
          runtime_ids_[rid] = cx_.ids().make(rid, "component");
        }
      }
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "trust_boundaries"))) boundary_ids(k, v);
    }
    public_zones();
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "trust_boundaries"))) boundary(k, v);
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "shared_runtimes"))) {
        std::string rid = mstr(v, "id");
        if (rid.empty()) rid = text(k);
        if (!runtime_claims_.owns(rid, k)) continue;
        for (const Node* t : items(mget(v, "technical_assets_running"))) {
          if (!comps_.count(text(t))) {
            cx_.broken(t, kDangling, "technical asset '" + text(t) + "' does not exist");
          } else if (auto [it, fresh] = runtime_.emplace(text(t), runtime_ids_[rid]); !fresh) {
            cx_.lost(t, "technical asset '" + text(t) + "' already runs on '" + it->second +
                            "': threatwright records one runtime per component");
          }
        }
      }
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "technical_assets"))) technical_asset(k, v);
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "shared_runtimes"))) shared_runtime(k, v);
    }
    if (needs_internet_) {
      Yaml b = Yaml::map();
      b.set("id", Yaml::word(internet_));
      b.set("name", Yaml::str("Internet"));
      b.set("trust", Yaml::word("untrusted"))
          .comment("inferred: internet-facing assets outside every boundary");
      m_.boundaries.add(std::move(b));
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "technical_assets"))) links(k, v);
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "security_requirements"))) requirement(k, v);
      for (auto [k, v] : entries(get(d.root, "individual_risk_categories"))) category(text(k), v);
      for (const Node* c : items(get(d.root, "custom_risk_categories")))
        category(mstr(c, "title"), c);
    }
    for (const Doc& d : docs_) {
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(get(d.root, "risk_tracking"))) tracking(k, v);
    }
    if (!untracked_.empty()) m_.extensions.set("x-threagile-risk-tracking", untracked_);
    cx_.set_file(*docs_.front().file);
  }

 private:
  struct Doc {
    const Node* root;
    const base::SourceFile* file;
  };

  void collect_includes(const Node* root, int depth) {
    for (const Node* inc : items(get(root, "includes"))) {
      if (depth > 16) {
        cx_.invalid(inc, "includes nested more than 16 deep");
        return;
      }
      const base::SourceFile* from = &cx_.file();
      const Node* r = include_(text(inc), inc);
      if (!r) continue;
      docs_.push_back({r, included_file()});
      cx_.set_file(*docs_.back().file);  // its includes are relative to it
      collect_includes(r, depth + 1);
      cx_.set_file(*from);
    }
  }

  const base::SourceFile* included_file();

  /// A top-level scalar or mapping from the first file that has it.
  const Node* first(const char* key) {
    for (const Doc& d : docs_) {
      if (const Node* n = get(d.root, key)) {
        cx_.set_file(*d.file);
        return n;
      }
    }
    return nullptr;
  }

  void lost(const Node* at, std::string msg) { cx_.lost(at, std::move(msg)); }

  void keep_map(const char* key) {
    Yaml y = Yaml::map();
    for (const Doc& d : docs_) {
      const Node* n = get(d.root, key);
      if (!n) continue;
      cx_.set_file(*d.file);
      for (auto [k, v] : entries(n)) y.set(text(k), Yaml::str(text(v)));
      for (const Node* i : items(n)) y.set(text(i), Yaml::str(""));
      cx_.lost(n,
               std::string(key) + " have no threatwright counterpart: kept as x-threagile-" + key);
    }
    std::string xk = "x-threagile-";
    for (char c : std::string(key)) xk += c == '_' ? '-' : c;
    if (!y.empty()) m_.extensions.set(xk, y);
  }

  void data_asset(const Node* key, const Node* a) {
    std::string tid = mstr(a, "id");
    if (tid.empty()) tid = text(key);
    if (!asset_claims_.claim(cx_, tid, key, "data asset")) return;
    std::string id = cx_.ids().make(tid, "asset");
    assets_[tid] = id;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("name", Yaml::str(text(key)));
    y.set_str("description", trim(mstr(a, "description")));
    int top = -1;
    Yaml cia = Yaml::map();
    for (const char* k : {"confidentiality", "integrity", "availability"}) {
      int r = level_rank(mstr(a, k));
      if (r < 0) continue;
      top = std::max(top, r);
      cia.set(k, Yaml::word(r <= 0 ? "low" : r == 1 ? "medium" : "high"));
    }
    if (top >= 0) {
      static const char* kValue[] = {"low", "medium", "high", "critical"};
      y.set("value", Yaml::word(kValue[top])).comment("inferred: the highest of its CIA ratings");
    }
    y.set_str("impact", trim(mstr(a, "justification_cia_rating")));
    if (!cia.empty()) y.set("cia", cia);
    if (auto q = mstr(a, "quantity"); !q.empty()) {
      if (q == "very-few" || q == "few") {
        y.set("quantity", Yaml::word("few"));
      } else if (q == "many" || q == "very-many") {
        y.set("quantity", Yaml::word(q));
      } else {
        y.set("x-threagile-quantity", Yaml::str(q));
      }
    }
    for (const char* k : {"usage", "origin", "owner"}) {
      if (auto v = mstr(a, k); !v.empty()) y.set(std::string("x-threagile-") + k, Yaml::str(v));
    }
    if (tid != id) y.set("x-threagile-id", Yaml::str(tid));
    m_.assets.add(std::move(y));
  }

  void boundary_ids(const Node* key, const Node* b) {
    std::string tid = mstr(b, "id");
    if (tid.empty()) tid = text(key);
    if (!bound_claims_.claim(cx_, tid, key, "trust boundary")) return;
    bounds_[tid] = cx_.ids().make(tid, "boundary");
    for (const Node* c : items(mget(b, "technical_assets_inside"))) inside_[text(c)] = bounds_[tid];
  }

  void boundary(const Node* key, const Node* b) {
    std::string tid = mstr(b, "id");
    if (tid.empty()) tid = text(key);
    if (!bound_claims_.owns(tid, key)) return;
    Yaml y = Yaml::map();
    std::string id = bounds_[tid];
    y.set("id", Yaml::word(id));
    y.set("name", Yaml::str(text(key)));
    y.set_str("description", trim(mstr(b, "description")));
    if (public_.count(id)) {
      y.set("trust", Yaml::word("semi-trusted"))
          .comment(
              "inferred: business traffic from the internet arrives here, directly or "
              "through a load balancer, reverse proxy, WAF or gateway (Threagile rates no "
              "boundary)");
      cx_.inferred(key,
                   "trust boundary '" + text(key) +
                       "': trust 'semi-trusted' assumed, since business traffic from the "
                       "internet arrives in it (Threagile rates no boundary)",
                   "set trust: trusted or untrusted where that is what it is");
    } else {
      y.set("trust", Yaml::word("trusted")).comment("inferred: Threagile rates no boundary");
      cx_.inferred(key,
                   "trust boundary '" + text(key) +
                       "': trust 'trusted' assumed (Threagile rates no boundary)",
                   "set trust: untrusted or semi-trusted where that is what it is");
    }
    auto p = parent_of_.find(tid);
    if (p != parent_of_.end()) y.set("parent", Yaml::word(p->second));
    for (const Node* n : items(mget(b, "trust_boundaries_nested"))) {
      auto it = bounds_.find(text(n));
      if (it == bounds_.end()) {
        cx_.broken(n, kDangling, "nested trust boundary '" + text(n) + "' does not exist");
        continue;
      }
      nested_parent_[it->second] = id;
      m_.parent_locs[it->second] = cx_.loc(n);
    }
    if (auto t = mstr(b, "type"); !t.empty()) {
      static const std::pair<const char*, const char*> kTypes[] = {
          {"network-cloud-provider", "cloud-provider"},
          {"network-cloud-security-group", "security-group"},
          {"network-on-prem", "network"},
          {"network-dedicated-hoster", "network"},
          {"network-virtual-lan", "vlan"},
          {"network-policy-namespace-isolation", "namespace"},
          {"execution-environment", "execution-environment"}};
      const char* type = nullptr;
      for (const auto& [from, to] : kTypes) {
        if (t == from) type = to;
      }
      y.set("type", Yaml::word(type ? type : "other"));
      if (!type) y.set("x-threagile-type", Yaml::str(t));
    }
    for (const Node* c : items(mget(b, "technical_assets_inside"))) {
      if (!comps_.count(text(c))) {
        cx_.broken(c, kDangling, "technical asset '" + text(c) + "' does not exist");
      }
    }
    keep_tags(b, y);
    if (tid != id) y.set("x-threagile-id", Yaml::str(tid));
    m_.boundaries.add(std::move(y));
    boundary_index_[id] = m_.boundaries.size() - 1;
    // Nesting may be declared by a boundary that comes later: patch earlier entries.
    for (auto& [child, parent] : nested_parent_) {
      auto ix = boundary_index_.find(child);
      if (ix != boundary_index_.end()) {
        m_.boundaries.entries()[ix->second].second.set("parent", Yaml::word(parent));
      } else {
        parent_of_[child] = parent;
      }
    }
  }

  void keep_tags(const Node* n, Yaml& y) {
    std::vector<std::string> tags;
    for (const Node* t : items(mget(n, "tags"))) tags.push_back(text(t));
    if (!tags.empty()) y.set("x-threagile-tags", Yaml::words(tags));
  }

  std::vector<std::string> asset_refs(const Node* list) {
    std::vector<std::string> out;
    for (const Node* a : items(list)) {
      auto it = assets_.find(text(a));
      if (it == assets_.end()) {
        cx_.broken(a, kDangling, "data asset '" + text(a) + "' does not exist");
        continue;
      }
      out.push_back(it->second);
    }
    return out;
  }

  void technical_asset(const Node* key, const Node* t) {
    std::string tid = mstr(t, "id");
    if (tid.empty()) tid = text(key);
    if (!comp_claims_.owns(tid, key)) return;
    std::string id = comps_[tid];
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("name", Yaml::str(text(key)));
    std::string type = mstr(t, "type");
    std::string ctype = type == "external-entity" ? "external-entity"
                        : type == "datastore"     ? "data-store"
                                                  : "process";
    y.set("type", Yaml::word(ctype));
    std::string tech = mstr(t, "technology");
    if (tech.empty()) {
      std::vector<const Node*> ts = items(mget(t, "technologies"));
      if (!ts.empty()) tech = text(ts.front());
    }
    std::string kind = kind_of_technology(tech);
    if (kind.empty() && mget(t, "used_as_client_by_human") &&
        boolean(mget(t, "used_as_client_by_human")).value_or(false))
      kind = "user";
    if (!kind.empty()) {
      y.set("kind", Yaml::word(kind));
    } else if (!tech.empty() && tech != "unknown-technology") {
      cx_.lost(mget(t, "technology"), "technology '" + tech + "' has no threatwright kind");
    }
    if (!tech.empty()) y.set("technology", Yaml::str(tech));
    auto in = inside_.find(tid);
    bool internet = boolean(mget(t, "internet")).value_or(false);
    if (in != inside_.end()) {
      y.set("boundary", Yaml::word(in->second));
    } else if (internet) {
      if (internet_.empty()) internet_ = cx_.ids().make("internet");
      needs_internet_ = true;
      y.set("boundary", Yaml::word(internet_)).comment("inferred: internet-facing, in no boundary");
    }
    y.set_str("description", trim(mstr(t, "description")));
    if (auto b = boolean(mget(t, "internet"))) y.set("internet_facing", Yaml::boolean(*b));
    auto stores = asset_refs(mget(t, "data_assets_stored"));
    if (ctype == "data-store" || !stores.empty()) {
      std::string enc = mstr(t, "encryption");
      if (enc == "none" || enc == "transparent") {
        y.set("encryption", Yaml::word(enc));
      } else if (enc == "data-with-symmetric-shared-key" ||
                 enc == "data-with-asymmetric-shared-key") {
        y.set("encryption", Yaml::word("shared-key"));
      } else if (enc == "data-with-end-user-individual-key") {
        y.set("encryption", Yaml::word("per-user-key"));
      } else if (!enc.empty()) {
        y.set("encrypted_at_rest", Yaml::boolean(true));
      }
    }
    if (!stores.empty()) y.set("stores", Yaml::words(stores));
    auto processed = asset_refs(mget(t, "data_assets_processed"));
    if (!processed.empty()) y.set("x-threagile-processed", Yaml::words(processed));
    // Threagile's flag says whether the asset is a client a person operates. `true` is our
    // `used_by_humans`; `false` on a server says nothing about whether people reach it through
    // their own clients (a web app's users do), so it stays unknown.
    if (boolean(mget(t, "used_as_client_by_human")).value_or(false)) {
      y.set("used_by_humans", Yaml::boolean(true));
    }
    if (auto v = boolean(mget(t, "multi_tenant"))) y.set("multi_tenant", Yaml::boolean(*v));
    if (auto v = boolean(mget(t, "redundant"))) y.set("redundant", Yaml::boolean(*v));
    if (auto v = boolean(mget(t, "custom_developed_parts"))) {
      y.set("custom_developed", Yaml::boolean(*v));
    }
    if (auto m = mstr(t, "machine");
        m == "physical" || m == "virtual" || m == "container" || m == "serverless") {
      y.set("machine", Yaml::word(m));
    }
    std::vector<std::string> formats;
    for (const Node* f : items(mget(t, "data_formats_accepted"))) {
      std::string v = text(f);
      if (!model::parse<model::DataFormat>(v)) {
        cx_.lost(f, "data format '" + v + "' has no threatwright counterpart: read as 'other'");
        v = "other";
      }
      if (std::find(formats.begin(), formats.end(), v) == formats.end()) formats.push_back(v);
    }
    if (!formats.empty()) y.set("data_formats", Yaml::words(formats));
    // Threagile's own ratings of the asset (its attractiveness to attackers), its usage and
    // tags: no threatwright counterpart, kept.
    Yaml tcia = Yaml::map();
    for (const char* k : {"confidentiality", "integrity", "availability"}) {
      if (auto v = mstr(t, k); !v.empty()) tcia.set(k, Yaml::str(v));
    }
    if (!tcia.empty()) y.set("x-threagile-cia", tcia);
    keep_tags(t, y);
    for (const char* k : {"size", "owner", "usage", "justification_cia_rating"}) {
      if (auto v = trim(mstr(t, k)); !v.empty()) {
        std::string xk = "x-threagile-";
        for (char c : std::string(k)) xk += c == '_' ? '-' : c;
        y.set(xk, Yaml::str(v));
      }
    }
    if (auto r = runtime_.find(tid); r != runtime_.end()) {
      y.set("runs_on", Yaml::word(r->second)).comment("a Threagile shared runtime");
    }
    if (tid != id) y.set("x-threagile-id", Yaml::str(tid));
    m_.components.add(std::move(y));
    if (boolean(mget(t, "out_of_scope")).value_or(false)) {
      std::vector<std::string> cats;
      auto ct = model::parse<model::ComponentType>(ctype);
      for (model::Stride s : model::kAllStride) {
        if (model::stride_applies(*ct, s)) cats.emplace_back(model::name(s));
      }
      Yaml na = Yaml::map();
      na.set("target", Yaml::word(id));
      na.set("stride", Yaml::words(cats));
      std::string why = trim(mstr(t, "justification_out_of_scope"));
      na.set("because", Yaml::str(why.empty() ? "Out of scope in the Threagile model." : why));
      m_.not_applicable.add(std::move(na));
    }
  }

  /// The boundaries business traffic from the internet reaches: from an `internet: true` asset
  /// outside every boundary, along links not marked devops, through forwarders (load
  /// balancers, reverse proxies, WAFs, gateways) to the first asset that handles it. Threagile
  /// rates no boundary; these become semi-trusted, the others trusted.
  void public_zones() {
    std::map<std::string, std::vector<std::string>> next;  // asset -> business link targets
    std::map<std::string, std::string> tech;
    std::vector<std::string> todo;
    for (const Doc& d : docs_) {
      for (auto [k, t] : entries(get(d.root, "technical_assets"))) {
        std::string tid = mstr(t, "id");
        if (tid.empty()) tid = text(k);
        if (!comp_claims_.owns(tid, k)) continue;
        tech[tid] = mstr(t, "technology");
        if (boolean(mget(t, "internet")).value_or(false) && !inside_.count(tid))
          todo.push_back(tid);
        for (auto [lk, l] : merged(mget(t, "communication_links"))) {
          if (mstr(l, "usage") != "devops") next[tid].push_back(mstr(l, "target"));
        }
      }
    }
    std::set<std::string> seen(todo.begin(), todo.end());
    while (!todo.empty()) {
      std::string at = todo.back();
      todo.pop_back();
      for (const std::string& to : next[at]) {
        if (!comps_.count(to) || !seen.insert(to).second) continue;
        if (auto in = inside_.find(to); in != inside_.end()) public_.insert(in->second);
        if (forwarder_technology(tech[to])) todo.push_back(to);
      }
    }
  }

  /// A Threagile shared runtime -> a component of kind runtime the assets name in `runs_on`,
  /// in the innermost boundary that holds all of them.
  void shared_runtime(const Node* key, const Node* r) {
    std::string rid = mstr(r, "id");
    if (rid.empty()) rid = text(key);
    if (!runtime_claims_.owns(rid, key)) return;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(runtime_ids_[rid]));
    y.set("name", Yaml::str(text(key)));
    y.set("type", Yaml::word("process"));
    y.set("kind", Yaml::word("runtime")).comment("a Threagile shared runtime");
    std::vector<std::string> common;  // boundary chain, innermost first
    bool first = true, zoned = false;
    for (const Node* t : items(mget(r, "technical_assets_running"))) {
      if (!comps_.count(text(t))) continue;
      std::vector<std::string> chain;
      auto in = inside_.find(text(t));
      zoned = zoned || in != inside_.end();
      for (std::string b = in == inside_.end() ? "" : in->second; !b.empty() && chain.size() < 64;
           b = parent_id(b)) {
        chain.push_back(b);
      }
      if (first) {
        common = chain;
        first = false;
      } else {
        std::erase_if(common, [&](const std::string& b) {
          return std::find(chain.begin(), chain.end(), b) == chain.end();
        });
      }
    }
    if (!common.empty()) {
      y.set("boundary", Yaml::word(common.front()))
          .comment("inferred: the innermost boundary holding every asset it runs");
    } else if (zoned) {
      cx_.inferred(key,
                   "shared runtime '" + text(key) +
                       "' runs assets in boundaries that share no enclosing one: placed in no "
                       "boundary",
                   "set the boundary of runtime '" + runtime_ids_[rid] + "'");
    }
    y.set_str("description", trim(mstr(r, "description")));
    std::vector<std::string> tags;
    for (const Node* t : items(mget(r, "tags"))) tags.push_back(text(t));
    if (!tags.empty()) y.set("technology", Yaml::str(base::join(tags, ", ")));
    if (rid != runtime_ids_[rid]) y.set("x-threagile-id", Yaml::str(rid));
    m_.components.add(std::move(y));
  }

  std::string parent_id(const std::string& b) const {
    if (auto it = nested_parent_.find(b); it != nested_parent_.end()) return it->second;
    if (auto it = parent_of_.find(b); it != parent_of_.end()) return it->second;
    return "";
  }

  void links(const Node* key, const Node* t) {
    std::string tid = mstr(t, "id");
    if (tid.empty()) tid = text(key);
    if (!comp_claims_.owns(tid, key)) return;
    std::string from = comps_[tid];
    for (auto [lk, l] : merged(mget(t, "communication_links"))) {
      std::string title = text(lk);
      std::string target = mstr(l, "target");
      auto to = comps_.find(target);
      std::string slug;
      for (char c : lower(title)) slug += c == ' ' ? '-' : c;
      std::string tg_id = tid + ">" + slug;
      if (to == comps_.end()) {
        cx_.broken(mget(l, "target") ? mget(l, "target") : lk, kDangling,
                   "communication link '" + title + "' targets '" + target +
                       "', which is no technical asset");
        continue;
      }
      std::string id = cx_.ids().make(tid + "-" + slug, "flow");
      links_[tg_id] = id;
      Yaml y = Yaml::map();
      y.set("id", Yaml::word(id));
      y.set("name", Yaml::str(title));
      y.set("from", Yaml::word(from));
      y.set("to", Yaml::word(to->second));
      std::string proto = mstr(l, "protocol");
      auto [p, enc] = protocol_of(proto);
      if (!p.empty()) {
        y.set("protocol", Yaml::word(p));
        if (p != proto) y.find("protocol")->comment("Threagile " + proto);
        if (enc) y.set("encrypted", Yaml::boolean(true));
      } else if (!proto.empty() && proto != "unknown-protocol") {
        cx_.lost(mget(l, "protocol"), "protocol '" + proto + "' has no threatwright counterpart");
      }
      std::string auth = mstr(l, "authentication");
      if (auth == "session-id") auth = "session";
      if (auth == "none" || auth == "credentials" || auth == "session" || auth == "token" ||
          auth == "client-certificate" || auth == "two-factor" || auth == "externalized") {
        y.set("authentication", Yaml::word(auth));
      } else if (!auth.empty()) {
        y.set("authenticated", Yaml::boolean(true));
      }
      if (auth == "client-certificate") y.set("mutual_tls", Yaml::boolean(true));
      std::string authz = mstr(l, "authorization");
      if (authz == "end-user-identity-propagation") authz = "end-user-identity";
      if (authz == "none" || authz == "technical-user" || authz == "end-user-identity") {
        y.set("authorization", Yaml::word(authz));
      }
      if (auto v = boolean(mget(l, "vpn"))) y.set("vpn", Yaml::boolean(*v));
      if (auto v = boolean(mget(l, "ip_filtered"))) y.set("ip_filtered", Yaml::boolean(*v));
      if (auto v = boolean(mget(l, "readonly"))) y.set("read_only", Yaml::boolean(*v));
      if (auto u = mstr(l, "usage"); u == "business" || u == "devops") {
        y.set("usage", Yaml::word(u));
      }
      auto sent = asset_refs(mget(l, "data_assets_sent"));
      if (!sent.empty()) y.set("data", Yaml::words(sent));
      auto received = asset_refs(mget(l, "data_assets_received"));
      if (!received.empty()) y.set("returns", Yaml::words(received));
      y.set_str("description", trim(mstr(l, "description")));
      keep_tags(l, y);
      y.set("x-threagile-id", Yaml::str(tg_id));
      m_.flows.add(std::move(y));
    }
  }

  void requirement(const Node* key, const Node* v) {
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(cx_.ids().make(text(key), "requirement")));
    y.set("name", Yaml::str(text(key)));
    y.set_str("mechanism", trim(text(v)));
    y.set("status", Yaml::word("planned")).comment("inferred: a Threagile security requirement");
    m_.controls.add(std::move(y));
    cx_.inferred(key,
                 "security requirement '" + text(key) +
                     "' imported as a planned control that mitigates nothing yet",
                 "name the threats it mitigates under 'mitigates:'");
  }

  void category(const std::string& title, const Node* c) {
    std::string cid = mstr(c, "id");
    auto stride = stride_word(mstr(c, "stride"));
    std::string cwe = mstr(c, "cwe");
    for (auto [rk, r] : merged(mget(c, "risks_identified"))) {
      std::string rtitle = trim(strip_tags(text(rk)));
      std::string asset = mstr(r, "most_relevant_technical_asset");
      std::string link = mstr(r, "most_relevant_communication_link");
      std::string target;
      if (!asset.empty() && comps_.count(asset)) {
        target = comps_[asset];
      } else if (!link.empty() && links_.count(link)) {
        target = links_[link];
      }
      if (target.empty() || !stride) {
        cx_.lost(rk,
                 "identified risk '" + rtitle + "' has " +
                     (stride ? "no technical asset or link to attach to" : "no STRIDE category") +
                     ": kept under x-threagile-risk-tracking");
        continue;
      }
      std::string id = cx_.ids().make(cid + "-" + sanitize_id(target), "risk");
      Yaml y = Yaml::map();
      y.set("id", Yaml::word(id));
      y.set("title", Yaml::str(rtitle.empty() ? title : rtitle));
      y.set("stride", Yaml::words({*stride}));
      y.set("target", Yaml::word(target));
      y.set_str("vector", trim(mstr(c, "description")));
      static const std::map<std::string, int> kLikely = {
          {"unlikely", 2}, {"likely", 3}, {"very-likely", 4}, {"frequent", 5}};
      static const std::map<std::string, int> kImpact = {
          {"low", 2}, {"medium", 3}, {"high", 4}, {"very-high", 5}};
      if (auto it = kLikely.find(mstr(r, "exploitation_likelihood")); it != kLikely.end())
        y.set("likelihood", Yaml::number(it->second));
      if (auto it = kImpact.find(mstr(r, "exploitation_impact")); it != kImpact.end())
        y.set("impact", Yaml::number(it->second));
      y.set_str("mitigation", trim(mstr(c, "mitigation")));
      if (!cwe.empty() && cwe.find_first_not_of("0123456789") == std::string::npos) {
        Yaml cw = Yaml::seq();
        cw.add(Yaml::word(cwe));
        y.set("cwe", cw);
      }
      if (auto s = mstr(r, "severity"); !s.empty()) y.set("x-threagile-severity", Yaml::str(s));
      // Threagile's risk id: category@data-asset@technical-asset@link@boundary@runtime.
      std::string rid = cid;
      for (const char* k : {"most_relevant_data_asset", "most_relevant_technical_asset",
                            "most_relevant_communication_link", "most_relevant_trust_boundary",
                            "most_relevant_shared_runtime"}) {
        if (auto v = mstr(r, k); !v.empty()) rid += "@" + v;
      }
      y.set("x-threagile-id", Yaml::str(rid));
      risks_[rid] = id;
      m_.threats.add(std::move(y));
    }
  }

  void tracking(const Node* key, const Node* t) {
    std::string rid = text(key);
    std::string status = mstr(t, "status");
    auto it = risks_.find(rid);
    if (it == risks_.end()) {
      Yaml y = Yaml::map();
      for (const char* k : {"status", "justification", "ticket", "date", "checked_by"}) {
        if (auto v = mstr(t, k); !v.empty()) y.set(k, Yaml::str(v));
      }
      untracked_.set(rid, y);
      std::string why = rid.find('*') != std::string::npos
                            ? "uses wildcards"
                            : "names a risk Threagile's own rules raise, which threatwright "
                              "computes itself";
      cx_.lost(key, "risk tracking '" + rid + "' " + why + ": kept under x-threagile-risk-tracking",
               "decide the matching threatwright threats (threatwright analyze) with decisions");
      return;
    }
    std::string decision = status == "accepted"         ? "accepted"
                           : status == "mitigated"      ? "mitigated"
                           : status == "false-positive" ? "false-positive"
                                                        : "";
    if (decision.empty()) return;  // unchecked, in-discussion, in-progress: still open
    Yaml d = Yaml::map();
    d.set("threat", Yaml::word(it->second));
    d.set("status", Yaml::word(decision));
    std::string why = trim(mstr(t, "justification"));
    d.set("rationale", Yaml::str(why.empty() ? "Tracked as " + status + " in Threagile." : why));
    d.set_str("owner", mstr(t, "checked_by"));
    if (auto v = mstr(t, "ticket"); !v.empty()) d.set("x-threagile-ticket", Yaml::str(v));
    if (auto v = mstr(t, "date"); !v.empty()) d.set("x-threagile-date", Yaml::str(v));
    m_.decisions.add(std::move(d));
  }

  Context& cx_;
  const IncludeReader& include_;
  ModelOut& m_;
  std::vector<Doc> docs_;
  std::map<std::string, std::string> comps_, assets_, bounds_, inside_, runtime_, links_, risks_,
      runtime_ids_;
  std::set<std::string> public_;  ///< boundary ids business traffic from the internet reaches
  FirstClaim comp_claims_, asset_claims_, bound_claims_, runtime_claims_;
  std::map<std::string, std::string> nested_parent_, parent_of_;
  std::map<std::string, size_t> boundary_index_;
  std::string internet_;
  bool needs_internet_ = false;
  Yaml untracked_ = Yaml::map();

 public:
  const base::SourceFile* last_source = nullptr;
};

const base::SourceFile* Reader::included_file() { return last_source; }

}  // namespace

void import_threagile(
    Context& cx, const Node* root, const Options&, const IncludeReader& include, ModelOut& m) {
  Reader* self = nullptr;
  // The include reader parses into a new source; remember it for the diagnostics.
  IncludeReader tracked = [&](const std::string& rel, const Node* at) -> const Node* {
    const Node* r = include(rel, at);
    if (r && self) self->last_source = cx.last_included();
    return r;
  };
  Reader reader(cx, tracked, m);
  self = &reader;
  reader.run(root);
}

}  // namespace tw::import
