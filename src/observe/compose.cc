// docker-compose files: services, published ports, privileges, environment.

#include "observe/reader.h"

namespace tw::observe {

namespace {

std::string image_kind(const std::string& image, const std::string& name) {
  std::string s = image.empty() ? name : image;
  size_t slash = s.rfind('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  auto has = [&](const char* p) { return s.rfind(p, 0) == 0; };
  if (has("postgres") || has("mysql") || has("mariadb") || has("mssql")) return "sql-database";
  if (has("mongo") || has("couchdb") || has("cassandra")) return "nosql-database";
  if (has("redis") || has("memcached")) return "cache";
  if (has("rabbitmq")) return "message-broker";
  if (has("elasticsearch") || has("opensearch")) return "search-index";
  if (has("nginx") || has("traefik") || has("httpd") || has("haproxy") || has("envoy"))
    return "reverse-proxy";
  return "service";
}

}  // namespace

void read_compose(const ReadContext& ctx, const Doc& root) {
  const Doc* services = root.get("services");
  if (!services || !services->is_map()) return;
  for (auto& [key, svc] : services->entries) {
    if (!svc || !svc->is_map()) continue;
    const std::string& name = key->text;
    std::string image = svc->str("image");
    auto& c = ctx.component(name, name, image_kind(image, name), "compose service", Source::Compose,
                            ctx.at(key.get()));
    const std::string id = c.id;
    if (!svc->str("container_name").empty()) c.aliases.push_back(svc->str("container_name"));
    if (const Doc* img = svc->get("image"); img && img->is_scalar()) {
      Dependency d;
      size_t digest = image.find("@sha256:");
      d.pinned = digest != std::string::npos;
      d.name = d.pinned ? image.substr(0, digest) : image;
      size_t colon =
          d.name.find(':', d.name.rfind('/') == std::string::npos ? 0 : d.name.rfind('/'));
      if (colon != std::string::npos) {
        d.version = d.name.substr(colon + 1);
        d.name = d.name.substr(0, colon);
      }
      d.kind = "container-image";
      d.used_by = id;
      d.where = ctx.at(img);
      ctx.out->dependencies.push_back(std::move(d));
    }
    if (const Doc* priv = svc->get("privileged"); priv && priv->boolean() == 1) {
      c.runs_as_root = true;
      c.root_at = ctx.at(priv);
      ctx.weakness("privileged-container", id, "service " + name + " runs privileged",
                   ctx.at(priv));
    }
    if (const Doc* vols = svc->get("volumes"); vols && vols->is_seq())
      for (auto& v : vols->items) {
        std::string src = v->is_scalar() ? v->text : v->str("source");
        if (src.find("docker.sock") != std::string::npos)
          ctx.weakness("host-path-mount", id,
                       "service " + name + " mounts the Docker socket (" + src + ")",
                       ctx.at(v.get()));
      }
    if (const Doc* ports = svc->get("ports"); ports && ports->is_seq())
      for (auto& p : ports->items) {
        std::string spec = p->is_scalar() ? p->text : p->str("published");
        if (spec.empty()) continue;
        std::string host_ip = p->is_scalar() ? "" : p->str("host_ip");
        std::string rest = spec;
        // "[ip:]published:target[/proto]" (ip may be ${VAR:-default})
        size_t last = rest.rfind(':');
        if (p->is_scalar() && last != std::string::npos) {
          std::string head = rest.substr(0, last);
          size_t ipcolon = head.rfind(':');
          if (ipcolon != std::string::npos && head.find('}') != std::string::npos &&
              head.find('}') > ipcolon) {
            // the colon belongs to ${VAR:-default}
            ipcolon = head.find('}') + 1 < head.size() ? head.find('}') + 1 : std::string::npos;
          }
          if (ipcolon != std::string::npos) {
            host_ip = head.substr(0, ipcolon);
            head = head.substr(ipcolon + 1);
          }
          rest = head;
        }
        if (host_ip.find("${") != std::string::npos) {
          ctx.unresolved("published address " + host_ip + " of " + name, ctx.at(p.get()));
          size_t def = host_ip.find(":-");
          host_ip =
              def != std::string::npos ? host_ip.substr(def + 2, host_ip.find('}') - def - 2) : "";
        }
        std::optional<int> port;
        try {
          port = std::stoi(rest);
        } catch (...) {
        }
        if (port) c.ports.push_back(*port);
        bool local = host_ip == "127.0.0.1" || host_ip == "localhost" || host_ip == "::1";
        ctx.out->exposures.push_back(
            {id, local ? "localhost" : "host", "published-port", port,
             "port " + spec + (local ? " (loopback only)" : " (all interfaces of the host)"),
             ctx.at(p.get())});
      }
    if (const Doc* env = svc->get("environment")) {
      if (env->is_map()) {
        for (auto& [k, v] : env->entries)
          if (v && v->is_scalar()) c.endpoints.emplace_back(v->text, ctx.at(v.get()));
      } else if (env->is_seq()) {
        for (auto& e : env->items)
          if (e->is_scalar() && e->text.find('=') != std::string::npos)
            c.endpoints.emplace_back(e->text.substr(e->text.find('=') + 1), ctx.at(e.get()));
      }
    }
    if (const Doc* links = svc->get("links"); links && links->is_seq())
      for (auto& l : links->items)
        if (l->is_scalar())
          c.endpoints.emplace_back(l->text.substr(0, l->text.find(':')), ctx.at(l.get()));
  }
}

}  // namespace tw::observe
