// CycloneDX SBOM (1.4-1.6 JSON) -> supply_chain: one entry per (ecosystem, public/private
// source, runtime/development), container images, CI workflows and services. Packages are
// not listed one by one: threatwright models trust decisions, not inventories.

#include <algorithm>
#include <map>
#include <set>

#include "import/formats.h"
#include "model/vocabulary.h"

namespace tw::import {

namespace {

struct Purl {
  std::string type, name, version, repository_url;
};

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int a = hex(s[i + 1]), b = hex(s[i + 2]);
      if (a >= 0 && b >= 0) {
        out += static_cast<char>(a * 16 + b);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::optional<Purl> parse_purl(std::string_view p) {
  if (p.substr(0, 4) != "pkg:") return std::nullopt;
  p.remove_prefix(4);
  while (!p.empty() && p.front() == '/') p.remove_prefix(1);
  Purl out;
  size_t hash = p.find('#');
  if (hash != std::string_view::npos) p = p.substr(0, hash);
  std::string_view quals;
  size_t q = p.find('?');
  if (q != std::string_view::npos) {
    quals = p.substr(q + 1);
    p = p.substr(0, q);
  }
  size_t slash = p.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  out.type = lower(p.substr(0, slash));
  std::string_view rest = p.substr(slash + 1);
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    out.version = percent_decode(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  out.name = percent_decode(rest);
  while (!quals.empty()) {
    size_t amp = quals.find('&');
    std::string_view kv = quals.substr(0, amp);
    if (kv.substr(0, 15) == "repository_url=") out.repository_url = percent_decode(kv.substr(15));
    if (amp == std::string_view::npos) break;
    quals.remove_prefix(amp + 1);
  }
  return out;
}

/// threatwright's ecosystem name for a purl type.
std::string ecosystem_of(const std::string& purl_type) {
  static const std::map<std::string, std::string> kMap = {
      {"apk", "alpine"},
      {"cargo", "cargo"},
      {"cocoapods", "cocoapods"},
      {"composer", "packagist"},
      {"conan", "conan"},
      {"conda", "conda"},
      {"cran", "cran"},
      {"deb", "debian"},
      {"docker", "docker"},
      {"gem", "rubygems"},
      {"github", "github"},
      {"githubactions", "github-actions"},
      {"golang", "go"},
      {"hackage", "hackage"},
      {"hex", "hex"},
      {"maven", "maven"},
      {"npm", "npm"},
      {"nuget", "nuget"},
      {"oci", "oci"},
      {"pub", "pub"},
      {"pypi", "pypi"},
      {"rpm", "rpm"},
      {"swift", "swift"},
  };
  auto it = kMap.find(purl_type);
  return it == kMap.end() ? purl_type : it->second;
}

/// Hosts of public package registries and code hosts packages are fetched from.
bool public_host(const std::string& host) {
  static const std::set<std::string> kHosts = {
      "registry.npmjs.org",
      "registry.yarnpkg.com",
      "pypi.org",
      "files.pythonhosted.org",
      "repo.maven.apache.org",
      "repo1.maven.org",
      "central.maven.org",
      "proxy.golang.org",
      "sum.golang.org",
      "crates.io",
      "static.crates.io",
      "index.crates.io",
      "api.nuget.org",
      "www.nuget.org",
      "rubygems.org",
      "packagist.org",
      "repo.packagist.org",
      "api.github.com",
      "github.com",
      "codeload.github.com",
      "gitlab.com",
      "deb.debian.org",
      "security.debian.org",
      "dl-cdn.alpinelinux.org",
      "docker.io",
      "registry-1.docker.io",
      "index.docker.io",
      "hub.docker.com",
      "quay.io",
      "pub.dev",
      "hex.pm",
      "repo.hex.pm",
      "cocoapods.org",
      "conan.io",
      "center.conan.io",
      "conda.anaconda.org",
      "cran.r-project.org",
      "hackage.haskell.org",
      "registry.terraform.io",
  };
  return kHosts.count(host) > 0;
}

std::string host_of(std::string_view url) {
  size_t s = url.find("://");
  if (s == std::string_view::npos) return lower(url.substr(0, url.find('/')));
  url.remove_prefix(s + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  size_t at = url.find('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  return lower(url);
}

/// An exact version: not empty, no range operators or wildcards.
bool exact_version(const std::string& v) {
  if (v.empty() || v == "latest" || v == "*") return false;
  if (std::string_view("^~<>=").find(v.front()) != std::string_view::npos) return false;
  if (v.find('*') != std::string::npos || v.find("||") != std::string::npos ||
      v.find(" - ") != std::string::npos || v.find(".x") != std::string::npos)
    return false;
  return true;
}

/// Installers that refuse a package whose hash differs from the one recorded in the lockfile.
bool installer_checks_hashes(const std::string& eco) {
  return eco == "npm" || eco == "go" || eco == "cargo" || eco == "yarn";
}

struct Group {
  std::string ecosystem;  ///< "" when no purl says
  bool private_source = false;
  bool dev = false;
  const Node* first = nullptr;
  size_t count = 0, exact = 0, ranged = 0, no_version = 0, hashed = 0;
  std::set<std::string> hosts;  ///< where packages came from, when the SBOM says
  size_t default_registry = 0;  ///< packages with no stated source (the purl type's default)
  std::set<std::string> algs;
};

struct Image {
  const Node* node;
  std::string name, version, ecosystem, host;
  bool digest = false;
};

/// A service of the SBOM, in document order (nested ones after their parent).
struct Service {
  const Node* node;
  int parent;  ///< index of the service it is nested in, or -1
  std::string name, id;
};

class Reader {
 public:
  Reader(Context& cx, const Options& o, ModelOut& m) : cx_(cx), o_(o), m_(m) {}

  void run(const Node* root) {
    std::string format = str(root, "bomFormat");
    if (format.empty() && str(root, "specFormat") == "CycloneDX") {
      cx_.invalid(get(root, "specFormat"),
                  "a CycloneDX " + str(root, "specVersion") +
                      " draft document (specFormat): threatwright reads CycloneDX 1.4 to 1.6 "
                      "SBOMs",
                  "its threat model follows the OWASP Threat Model Library schema: export that "
                  "as TM-BOM and import it with 'threatwright import tm-bom'");
      return;
    }
    if (format != "CycloneDX") {
      cx_.invalid(get(root, "bomFormat") ? get(root, "bomFormat") : root,
                  format.empty() ? "no 'bomFormat: CycloneDX': this is not a CycloneDX SBOM"
                                 : "bomFormat is '" + format + "', not 'CycloneDX'",
                  "only CycloneDX JSON SBOMs are read (1.4 to 1.6)");
      return;
    }
    const Node* spec = get(root, "specVersion");
    std::string version = text(spec);
    if (version != "1.4" && version != "1.5" && version != "1.6") {
      cx_.diags()
          .warning("import-version", cx_.loc(spec ? spec : root),
                   "CycloneDX " + (version.empty() ? std::string("without specVersion") : version) +
                       ": read as 1.6; only 1.4 to 1.6 are tested")
          .hint = "regenerate the SBOM with a current CycloneDX generator";
    }
    const Node* meta_comp = get(get(root, "metadata"), "component");
    app_ = str(meta_comp, "name");
    if (app_.empty()) {
      app_ = "application";
      cx_.inferred(meta_comp ? meta_comp : root,
                   "the SBOM names no application (metadata.component.name); 'application' is "
                   "used");
    }
    bom_key_ = app_;
    m_.bom_key = app_;
    m_.system.set("name", Yaml::str(app_));
    m_.system.set("description",
                  Yaml::str("Supply chain of " + app_ + ", from its CycloneDX SBOM."));
    user_ = o_.used_by;
    if (user_.empty()) {
      user_ = cx_.ids().make(app_, "application");
      Yaml c = Yaml::map();
      c.set("id", Yaml::word(user_));
      c.set("name", Yaml::str(app_));
      c.set("type", Yaml::word("process")).comment("inferred: the SBOM describes software");
      c.comment("inferred from metadata.component: the software the SBOM describes");
      m_.components.add(std::move(c));
    } else {
      cx_.ids().reserve(user_);
      Yaml c = Yaml::map();
      c.set("id", Yaml::word(user_));
      c.set("name", Yaml::str(app_));
      c.set("type", Yaml::word("process")).comment("inferred: the SBOM describes software");
      m_.components.add(std::move(c));
    }
    for (const Node* c : items(get(root, "components"))) component(c, 0);
    emit_groups();
    for (const Image& i : images_) emit_image(i);
    for (const Node* f : items(get(root, "formulation"))) {
      for (const Node* w : items(get(f, "workflows"))) workflow(w);
    }
    for (const Node* s : items(get(root, "services"))) service(s, 0);
    architecture(root);
    if (const Node* v = get(root, "vulnerabilities"); v && v->count) {
      cx_.lost(v, std::to_string(v->count) + " vulnerabilities (VEX) are not imported",
               "record the ones that matter under pasta.vulnerabilities, or track them in your "
               "scanner");
    }
    if (const Node* d = get(root, "dependencies"); d && d->count && services_.empty()) {
      cx_.lost(d, "the dependency graph (" + std::to_string(d->count) +
                      " entries) is not imported: supply_chain groups packages, it does not "
                      "list them");
    }
    for (const char* k : {"declarations", "definitions", "compositions", "annotations"}) {
      if (const Node* n = get(root, k)) {
        cx_.lost(n, std::string("'") + k + "' has no place in a threatwright model");
      }
    }
    for (const auto& [type, node] : skipped_) {
      cx_.lost(node, std::to_string(skipped_count_[type]) + " component(s) of type '" + type +
                         "' are not supply-chain entries and are not imported");
    }
  }

 private:
  void component(const Node* c, int depth) {
    if (!c->is_map()) {
      cx_.invalid(c, "a component is a mapping; this is " + std::string(c->describe()));
      return;
    }
    std::string type = str(c, "type");
    static const std::set<std::string> kPackage = {"library", "framework", "application"};
    static const std::set<std::string> kOther = {
        "operating-system",       "device", "device-driver",      "firmware", "file", "platform",
        "machine-learning-model", "data",   "cryptographic-asset"};
    if (type == "container") {
      container(c);
    } else if (kPackage.count(type)) {
      package(c);
    } else if (kOther.count(type)) {
      if (!skipped_.count(type)) skipped_[type] = c;
      ++skipped_count_[type];
    } else {
      cx_.broken(get(c, "type") ? get(c, "type") : c, kInvalid,
                 "component type '" + type + "' is not a CycloneDX component type",
                 "CycloneDX 1.6 types: application, framework, library, container, platform, "
                 "operating-system, device, device-driver, firmware, file, "
                 "machine-learning-model, data, cryptographic-asset");
      return;
    }
    if (depth < 32) {
      for (const Node* k : items(get(c, "components"))) component(k, depth + 1);
    }
  }

  void package(const Node* c) {
    std::optional<Purl> purl = parse_purl(str(c, "purl"));
    if (purl && (purl->type == "docker" || purl->type == "oci")) {
      container(c);
      return;
    }
    std::string eco = purl ? ecosystem_of(purl->type) : "";
    std::string host;
    if (purl && !purl->repository_url.empty()) host = host_of(purl->repository_url);
    for (const Node* r : items(get(c, "externalReferences"))) {
      if (host.empty() && str(r, "type") == "distribution") host = host_of(str(r, "url"));
    }
    bool dev = false;
    std::string scope = str(c, "scope");
    if (scope == "optional" || scope == "excluded") dev = true;
    for (const Node* p : items(get(c, "properties"))) {
      std::string n = str(p, "name");
      if ((n == "cdx:npm:package:development" || n == "cdx:composer:package:isDevDependency") &&
          str(p, "value") == "true")
        dev = true;
    }
    bool priv = !host.empty() && !public_host(host);
    auto key = std::make_tuple(eco, priv, dev);
    Group& g = groups_[key];
    if (!g.first) {
      g.first = c;
      g.ecosystem = eco;
      g.private_source = priv;
      g.dev = dev;
    }
    ++g.count;
    std::string version = str(c, "version");
    if (version.empty() && purl) version = purl->version;
    if (version.empty()) {
      ++g.no_version;
    } else if (exact_version(version)) {
      ++g.exact;
    } else {
      ++g.ranged;
    }
    const Node* hashes = get(c, "hashes");
    if (hashes && hashes->count) {
      ++g.hashed;
      for (const Node* h : items(hashes)) g.algs.insert(str(h, "alg"));
    }
    if (host.empty()) {
      ++g.default_registry;
    } else {
      g.hosts.insert(host);
    }
  }

  void container(const Node* c) {
    Image i{c, str(c, "name"), str(c, "version"), "docker", ""};
    std::optional<Purl> purl = parse_purl(str(c, "purl"));
    if (purl) {
      if (purl->type == "oci") i.ecosystem = "oci";
      if (i.version.empty()) i.version = purl->version;
      if (!purl->repository_url.empty()) i.host = host_of(purl->repository_url);
    }
    i.digest =
        i.version.rfind("sha256:", 0) == 0 || str(c, "purl").find("@sha256") != std::string::npos;
    for (const Node* h : items(get(c, "hashes"))) {
      if (str(h, "alg") == "SHA-256" && i.version.empty()) i.digest = true;
    }
    images_.push_back(i);
  }

  void emit_groups() {
    for (const auto& [key, g] : groups_) {
      std::string eco = g.ecosystem.empty() ? "unknown" : g.ecosystem;
      std::string suffix = std::string(g.private_source ? "-private" : "") + (g.dev ? "-dev" : "");
      Yaml e = Yaml::map();
      std::string id = cx_.ids().make(app_ + "-" + eco + suffix, "deps");
      e.set("id", Yaml::word(id));
      e.set("kind", Yaml::word(g.dev ? "build-tool" : "library"));
      if (g.dev) {
        e.find("kind")->comment("inferred: development/optional scope");
        cx_.inferred(g.first, std::to_string(g.count) + " " + eco +
                                  " packages have optional/excluded scope or are development "
                                  "dependencies: imported as kind build-tool");
      }
      std::string what = g.ecosystem.empty() ? "packages without a purl" : eco + " dependencies";
      e.set("name", Yaml::str(app_ + " " + what + (g.dev ? " (development)" : "") +
                              (g.private_source ? " (private registry)" : "")));
      if (!g.ecosystem.empty()) {
        e.set("ecosystem", Yaml::str(g.ecosystem));
      } else {
        cx_.lost(g.first,
                 std::to_string(g.count) + " components have no purl: their ecosystem is unknown");
      }
      e.set("used_by", Yaml::words({user_}));
      // Source: a stated host, or the purl type's default registry.
      if (g.private_source) {
        e.set("source", Yaml::word("private-registry"))
            .comment("from " + *g.hosts.begin() + (g.hosts.size() > 1 ? " and others" : ""));
      } else if (g.hosts.empty() && !g.ecosystem.empty()) {
        e.set("source", Yaml::word("public-registry"))
            .comment("inferred: no repository_url, so the purl type's default registry");
        cx_.inferred(g.first,
                     "no component of the " + eco +
                         " group names where it came from; the purl type's default "
                         "(public) registry is assumed",
                     "if these come from a private registry, set source: private-registry");
      } else if (!g.hosts.empty()) {
        e.set("source", Yaml::word("public-registry"))
            .comment("from " + *g.hosts.begin() + (g.hosts.size() > 1 ? " and others" : ""));
      }
      if (g.ranged > 0) {
        e.set("pinned", Yaml::boolean(false))
            .comment(std::to_string(g.ranged) + " of " + std::to_string(g.count) +
                     " components have version ranges");
      } else if (g.exact == g.count) {
        e.set("pinned", Yaml::boolean(true))
            .comment("inferred: all " + std::to_string(g.count) +
                     " components have exact versions");
        cx_.inferred(g.first, "pinned: all " + std::to_string(g.count) + " " + eco +
                                  " components record an exact version (an SBOM of a lockfile "
                                  "or an installed tree)");
      } else {
        cx_.inferred(g.first, std::to_string(g.no_version) + " of " + std::to_string(g.count) +
                                  " " + eco +
                                  " components have no version: 'pinned' is left "
                                  "unknown");
      }
      if (g.hashed == g.count && installer_checks_hashes(g.ecosystem)) {
        std::string algs;
        for (const auto& a : g.algs) algs += (algs.empty() ? "" : "/") + a;
        e.set("integrity_checked", Yaml::boolean(true))
            .comment("inferred: all carry " + algs + " hashes, which " + eco +
                     " checks on install");
        cx_.inferred(g.first, "integrity_checked: every " + eco + " component records a hash and " +
                                  eco + " verifies lockfile hashes on install");
      } else if (g.hashed == 0) {
        cx_.inferred(g.first, "no " + eco +
                                  " component records a hash: 'integrity_checked' is "
                                  "left unknown");
      } else {
        cx_.inferred(g.first, std::to_string(g.hashed) + " of " + std::to_string(g.count) + " " +
                                  eco +
                                  " components record hashes, and threatwright does not "
                                  "know that the installer checks them: "
                                  "'integrity_checked' is left unknown");
      }
      e.set("x-cyclonedx-bom", Yaml::str(bom_key_));
      e.set("x-cyclonedx-components", Yaml::number(static_cast<long long>(g.count)));
      m_.supply_chain.add(std::move(e));
    }
  }

  void emit_image(const Image& i) {
    Yaml e = Yaml::map();
    e.set("id", Yaml::word(cx_.ids().make(app_ + "-" + i.name + "-image", "image")));
    e.set("kind", Yaml::word("container-image"));
    e.set("name", Yaml::str(i.name.empty() ? "container image" : i.name));
    e.set("ecosystem", Yaml::word(i.ecosystem));
    e.set("used_by", Yaml::words({user_}));
    if (!i.version.empty()) e.set("version", Yaml::str(i.version));
    if (i.digest) {
      e.set("pinned", Yaml::boolean(true)).comment("referenced by sha256 digest");
    } else if (!i.version.empty()) {
      e.set("pinned", Yaml::boolean(false)).comment("referenced by tag, not digest");
    }
    if (!i.host.empty()) {
      e.set("source", Yaml::word(public_host(i.host) ? "public-registry" : "private-registry"))
          .comment("from " + i.host);
    }
    e.set("x-cyclonedx-bom", Yaml::str(bom_key_));
    m_.supply_chain.add(std::move(e));
  }

  void workflow(const Node* w) {
    std::string name = str(w, "name");
    if (name.empty()) name = str(w, "bom-ref");
    Yaml e = Yaml::map();
    e.set("id", Yaml::word(cx_.ids().make(app_ + "-" + name, "workflow")));
    e.set("kind", Yaml::word("ci-pipeline"));
    e.set("name", Yaml::str(name.empty() ? "build workflow" : name));
    e.set("used_by", Yaml::words({user_}));
    e.set("x-cyclonedx-bom", Yaml::str(bom_key_));
    m_.supply_chain.add(std::move(e));
    if (get(w, "tasks")) {
      cx_.lost(get(w, "tasks"), "the workflow's tasks and steps are not imported");
    }
  }

  void service(const Node* s, int depth) {
    std::string name = str(s, "name");
    Yaml e = Yaml::map();
    e.set("id", Yaml::word(cx_.ids().make(app_ + "-" + name, "service")));
    e.set("kind", Yaml::word("saas")).comment("inferred: a service the SBOM names");
    e.set("name", Yaml::str(name.empty() ? "service" : name));
    e.set("used_by", Yaml::words({user_}));
    if (auto v = str(s, "version"); !v.empty()) e.set("version", Yaml::str(v));
    if (auto p = str(get(s, "provider"), "name"); !p.empty())
      e.set("x-cyclonedx-provider", Yaml::str(p));
    if (auto a = boolean(s, "authenticated")) e.set("x-cyclonedx-authenticated", Yaml::boolean(*a));
    if (auto b = boolean(s, "x-trust-boundary")) {
      e.set("x-cyclonedx-trust-boundary", Yaml::boolean(*b));
    }
    if (auto z = trim(str(s, "trustZone")); !z.empty())
      e.set("x-cyclonedx-trust-zone", Yaml::str(z));
    std::vector<std::string> eps;
    for (const Node* ep : items(get(s, "endpoints"))) eps.push_back(text(ep));
    if (!eps.empty()) e.set("x-cyclonedx-endpoints", Yaml::words(eps));
    e.set("x-cyclonedx-bom", Yaml::str(bom_key_));
    m_.supply_chain.add(std::move(e));
    cx_.inferred(s, "service '" + name + "' imported as a supply-chain entry of kind saas",
                 "model it as a component with flows if you operate it yourself");
    services_.push_back(Service{s, parent_, name, ""});
    if (depth < 32) {
      size_t me = services_.size() - 1;
      for (const Node* k : items(get(s, "services"))) {
        parent_ = static_cast<int>(me);
        service(k, depth + 1);
      }
      parent_ = -1;
    }
  }

  /// A SaaSBOM describes an architecture: each service is also a component, reached by a
  /// flow from what depends on it (the dependency graph; else its parent service, else the
  /// application), carrying its data classifications as assets; `x-trust-boundary` places
  /// it in an untrusted zone outside the application's.
  void architecture(const Node* root) {
    if (services_.empty()) return;
    std::map<std::string, size_t> by_ref;
    bool boundaries = false;
    for (size_t i = 0; i < services_.size(); ++i) {
      Service& sv = services_[i];
      std::string ref = str(sv.node, "bom-ref");
      sv.id = cx_.ids().make(sv.name, "service");
      if (!ref.empty()) by_ref.emplace(ref, i);
      boundaries = boundaries || boolean(sv.node, "x-trust-boundary").has_value();
    }
    // CycloneDX 1.5+ names each service's trust zone: one boundary per name, which places the
    // service ahead of x-trust-boundary. Its trust is inferred from the name.
    std::map<std::string, std::string> zones;  // trustZone name -> boundary id
    for (Service& sv : services_) {
      std::string z = trim(str(sv.node, "trustZone"));
      if (z.empty() || zones.count(z)) continue;
      std::string id = cx_.ids().make(z, "zone");
      zones.emplace(z, id);
      std::string n = lower(z);
      bool open = false;
      for (const char* w : {"internet", "public", "external", "untrusted", "third-party", "dmz"})
        open = open || n.find(w) != std::string::npos;
      bool dmz = n.find("dmz") != std::string::npos;
      std::string trust = dmz ? "semi-trusted" : open ? "untrusted" : "trusted";
      Yaml b = Yaml::map();
      b.set("id", Yaml::word(id));
      b.set("name", Yaml::str(z));
      b.set("trust", Yaml::word(trust))
          .comment("inferred from the trust zone's name (CycloneDX rates no zone)");
      m_.boundaries.add(std::move(b));
      cx_.inferred(get(sv.node, "trustZone"),
                   "trust zone '" + z + "' became boundary '" + id + "' with trust '" + trust +
                       "', inferred from its name",
                   "set its trust where the name says otherwise");
    }
    std::string inside, outside;
    if (boundaries) {
      inside = cx_.ids().make(app_, "application-zone");
      outside = cx_.ids().make("external-services");
      Yaml in = Yaml::map();
      in.set("id", Yaml::word(inside));
      in.set("name", Yaml::str(app_));
      in.set("trust", Yaml::word("trusted"))
          .comment("inferred: the application's own services (x-trust-boundary false)");
      m_.boundaries.add(std::move(in));
      Yaml out = Yaml::map();
      out.set("id", Yaml::word(outside));
      out.set("name", Yaml::str("External services"));
      out.set("trust", Yaml::word("untrusted"))
          .comment("inferred: services whose use crosses a trust boundary (x-trust-boundary)");
      m_.boundaries.add(std::move(out));
      cx_.inferred(root,
                   "services with x-trust-boundary: true are placed in an untrusted zone "
                   "'" +
                       outside + "', the others and the application in a trusted zone '" + inside +
                       "'");
      for (auto& c : m_.components.entries()) {
        if (Yaml* id = c.second.find("id"); id && id->text() == user_)
          c.second.set("boundary", Yaml::word(inside));
      }
    }
    for (Service& sv : services_) {
      const Node* s = sv.node;
      Yaml c = Yaml::map();
      c.set("id", Yaml::word(sv.id));
      c.set("name", Yaml::str(sv.name.empty() ? sv.id : sv.name));
      std::string kind = kind_word(sv.name);
      bool crosses = boolean(s, "x-trust-boundary").value_or(false);
      const model::KindInfo* k = kind.empty() ? nullptr : model::builtin_kind(kind);
      std::string type = k && k->type == model::ComponentType::DataStore ? "data-store"
                         : !k && crosses                                 ? "external-entity"
                                                                         : "process";
      c.set("type", Yaml::word(type))
          .comment(k         ? "inferred from the name"
                   : crosses ? "inferred: x-trust-boundary"
                             : "inferred: a service");
      if (!kind.empty()) c.set("kind", Yaml::word(kind)).comment("inferred from the name");
      if (auto z = zones.find(trim(str(s, "trustZone"))); z != zones.end()) {
        c.set("boundary", Yaml::word(z->second));
      } else if (boundaries) {
        c.set("boundary", Yaml::word(crosses ? outside : inside));
      }
      c.set_str("description", str(s, "description"));
      c.set_str("x-cyclonedx-id", str(s, "bom-ref"));
      m_.components.add(std::move(c));
    }
    // Who reaches each service.
    std::vector<std::vector<std::string>> callers(services_.size());
    for (const Node* d : items(get(root, "dependencies"))) {
      std::string ref = str(d, "ref");
      auto from = by_ref.find(ref);
      std::string caller = from != by_ref.end() ? services_[from->second].id : user_;
      for (const Node* on : items(get(d, "dependsOn"))) {
        auto to = by_ref.find(text(on));
        if (to == by_ref.end()) continue;
        auto& cs = callers[to->second];
        if (std::find(cs.begin(), cs.end(), caller) == cs.end()) cs.push_back(caller);
      }
    }
    // Data entries may name where their data comes from and goes to (bom-refs or BOM-Links of
    // other services): a source of data entering a service calls it; a service sending data
    // out calls each destination.
    auto service_ref = [&](const Node* r) -> int {
      std::string t = text(r);
      if (size_t h = t.rfind('#'); t.rfind("urn:cdx:", 0) == 0 && h != std::string::npos)
        t = t.substr(h + 1);
      auto it = by_ref.find(t);
      return it == by_ref.end() ? -1 : static_cast<int>(it->second);
    };
    auto add_caller = [&](size_t to, const std::string& caller) {
      auto& cs = callers[to];
      if (services_[to].id != caller && std::find(cs.begin(), cs.end(), caller) == cs.end())
        cs.push_back(caller);
    };
    for (size_t i = 0; i < services_.size(); ++i) {
      for (const Node* d : items(get(services_[i].node, "data"))) {
        std::string dir = str(d, "flow");
        if (dir != "outbound") {
          for (const Node* src : items(get(d, "source"))) {
            if (int from = service_ref(src); from >= 0) add_caller(i, services_[size_t(from)].id);
          }
        }
        if (dir == "outbound" || dir == "bi-directional") {
          for (const Node* dst : items(get(d, "destination"))) {
            int to = service_ref(dst);
            if (to < 0) continue;
            add_caller(size_t(to), services_[i].id);
            sent_[{services_[i].id, services_[size_t(to)].id}].push_back(d);
          }
        }
      }
    }
    for (size_t i = 0; i < services_.size(); ++i) {
      Service& sv = services_[i];
      bool inferred = callers[i].empty();
      if (inferred) callers[i].push_back(sv.parent >= 0 ? services_[size_t(sv.parent)].id : user_);
      for (const std::string& caller : callers[i]) flow(sv, caller, inferred);
    }
  }

  std::string asset(const Node* at, const std::string& classification) {
    std::string key = lower(classification);
    auto it = assets_.find(key);
    if (it != assets_.end()) return it->second;
    std::string id = cx_.ids().make(classification, "data");
    Yaml a = Yaml::map();
    a.set("id", Yaml::word(id));
    a.set("name", Yaml::str(classification));
    static const std::set<std::string> kHigh = {
        "pii", "pifi", "phi", "pci", "confidential", "secret", "restricted", "sensitive"};
    if (kHigh.count(key)) {
      a.set("value", Yaml::word("high")).comment("inferred from the classification");
    } else if (key == "public") {
      a.set("value", Yaml::word("low")).comment("inferred from the classification");
    }
    m_.assets.add(std::move(a));
    cx_.inferred(at, "data classification '" + classification + "' became asset '" + id + "'");
    assets_.emplace(key, id);
    return id;
  }

  void flow(const Service& sv, const std::string& caller, bool inferred) {
    const Node* s = sv.node;
    Yaml f = Yaml::map();
    f.set("id", Yaml::word(cx_.ids().make(caller + "-to-" + sv.id, "flow")));
    f.set("from", Yaml::word(caller));
    f.set("to", Yaml::word(sv.id));
    if (inferred) f.comment("inferred: no dependency names who calls this service");
    std::vector<const Node*> eps = items(get(s, "endpoints"));
    if (!eps.empty()) {
      std::string ep = text(eps.front());
      size_t colon = ep.find("://");
      if (colon != std::string::npos) {
        std::string scheme = ep.substr(0, colon);
        std::string p = protocol_word(scheme);
        if (!p.empty())
          f.set("protocol", Yaml::word(p)).comment("from the endpoint " + first_line(ep, 80));
        size_t host = colon + 3, end = ep.find('/', host);
        std::string hp = ep.substr(host, end == std::string::npos ? std::string::npos : end - host);
        size_t pc = hp.rfind(':');
        if (pc != std::string::npos && pc + 1 < hp.size() &&
            hp.find_first_not_of("0123456789", pc + 1) == std::string::npos && hp.size() - pc <= 6)
          f.set("port", Yaml::word(hp.substr(pc + 1)));
      }
    }
    if (auto a = boolean(s, "authenticated")) f.set("authenticated", Yaml::boolean(*a));
    std::vector<std::string> data, returns;
    for (const Node* d : items(get(s, "data"))) {
      std::string cl = trim(str(d, "classification"));
      if (cl.empty()) continue;
      std::string dir = str(d, "flow");
      std::string id = asset(d, cl);
      auto add = [](std::vector<std::string>& v, const std::string& x) {
        if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
      };
      if (dir == "outbound") {
        add(returns, id);
      } else if (dir == "bi-directional") {
        add(data, id);
        add(returns, id);
      } else {
        add(data, id);
        if (dir != "inbound")
          cx_.inferred(get(d, "flow") ? get(d, "flow") : d,
                       "data flow direction '" + dir + "': read as sent to the service");
      }
    }
    // What the caller's own data entries send to this service (their `destination`).
    if (auto it = sent_.find({caller, sv.id}); it != sent_.end()) {
      for (const Node* d : it->second) {
        std::string cl = trim(str(d, "classification"));
        if (cl.empty()) continue;
        std::string id = asset(d, cl);
        if (std::find(data.begin(), data.end(), id) == data.end()) data.push_back(id);
      }
    }
    if (!data.empty()) f.set("data", Yaml::words(data));
    if (!returns.empty()) f.set("returns", Yaml::words(returns));
    m_.flows.add(std::move(f));
  }

  Context& cx_;
  const Options& o_;
  ModelOut& m_;
  std::string app_, bom_key_, user_;
  std::map<std::tuple<std::string, bool, bool>, Group> groups_;
  std::vector<Image> images_;
  std::map<std::string, const Node*> skipped_;
  std::map<std::string, size_t> skipped_count_;
  std::vector<Service> services_;
  int parent_ = -1;
  std::map<std::string, std::string> assets_;  // lower-case classification -> asset id
  /// (sending service id, receiving service id) -> the sender's data entries naming the
  /// receiver as a destination.
  std::map<std::pair<std::string, std::string>, std::vector<const Node*>> sent_;
};

}  // namespace

void import_cyclonedx(Context& cx, const Node* root, const Options& o, ModelOut& m) {
  Reader(cx, o, m).run(root);
}

}  // namespace tw::import
