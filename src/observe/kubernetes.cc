// Kubernetes manifests: workloads, Services, Ingresses, RBAC, NetworkPolicies.

#include "observe/reader.h"

namespace tw::observe {

namespace {

std::string kind_from_image(const std::string& image) {
  std::string base = image.substr(image.rfind('/') == std::string::npos ? 0 : image.rfind('/') + 1);
  auto has = [&](const char* s) { return base.rfind(s, 0) == 0; };
  if (has("postgres") || has("mysql") || has("mariadb") || has("mssql")) return "sql-database";
  if (has("mongo") || has("cassandra") || has("couchdb")) return "nosql-database";
  if (has("redis") || has("memcached")) return "cache";
  if (has("rabbitmq")) return "message-broker";
  if (has("kafka")) return "stream";
  if (has("elasticsearch") || has("opensearch")) return "search-index";
  if (has("nginx") || has("httpd") || has("traefik") || has("envoy") || has("haproxy"))
    return "reverse-proxy";
  return "service";
}

void image_dependency(const ReadContext& ctx,
                      const std::string& image,
                      const std::string& user,
                      const Doc* at) {
  if (image.empty()) return;
  Dependency d;
  size_t digest = image.find("@sha256:");
  d.pinned = digest != std::string::npos;
  std::string name = d.pinned ? image.substr(0, digest) : image;
  size_t colon = name.find(':', name.rfind('/') == std::string::npos ? 0 : name.rfind('/'));
  if (colon != std::string::npos) {
    d.version = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  if (d.pinned) d.version = image.substr(digest + 1);
  d.name = name;
  d.kind = "container-image";
  d.used_by = user;
  d.where = ctx.at(at);
  ctx.out->dependencies.push_back(std::move(d));
}

std::vector<std::pair<std::string, std::string>> label_map(const Doc* d) {
  std::vector<std::pair<std::string, std::string>> out;
  if (d && d->is_map())
    for (auto& [k, v] : d->entries)
      if (v && v->is_scalar()) out.emplace_back(k->text, v->text);
  return out;
}

void workload(const ReadContext& ctx,
              const Doc& doc,
              const std::string& kind,
              const std::string& name) {
  const Doc* spec = doc.get("spec");
  const Doc* pod = spec;
  if (kind == "CronJob")
    pod = path(spec, {"jobTemplate", "spec", "template", "spec"});
  else if (kind != "Pod")
    pod = path(spec, {"template", "spec"});
  if (!pod || !pod->is_map()) return;
  const Doc* containers = pod->get("containers");
  std::string image;
  if (containers && containers->is_seq() && !containers->items.empty())
    image = containers->items[0]->str("image");
  auto& c = ctx.component(name, name, kind_from_image(image), kind, Source::Kubernetes,
                          ctx.at(doc.get("metadata") ? path(&doc, {"metadata", "name"}) : &doc));
  const Doc* labels = kind == "Pod" ? path(&doc, {"metadata", "labels"})
                                    : path(spec, {"template", "metadata", "labels"});
  c.labels = label_map(labels);
  const std::string id = c.id;
  auto host = [&](const char* key, const char* what) {
    const Doc* v = pod->get(key);
    if (v && v->boolean() == 1)
      ctx.weakness("host-namespace", id,
                   std::string("workload ") + name + " shares the node's " + what, ctx.at(v));
  };
  host("hostNetwork", "network namespace (hostNetwork)");
  host("hostPID", "process namespace (hostPID)");
  host("hostIPC", "IPC namespace (hostIPC)");
  if (const Doc* vols = pod->get("volumes"); vols && vols->is_seq())
    for (auto& v : vols->items)
      if (const Doc* hp = path(v.get(), {"hostPath", "path"}); hp && hp->is_scalar()) {
        if (hp->text == "/" || hp->text.find("docker.sock") != std::string::npos ||
            hp->text.find("containerd") != std::string::npos || hp->text == "/etc" ||
            hp->text == "/var/run")
          ctx.weakness("host-path-mount", id, "workload " + name + " mounts the node's " + hp->text,
                       ctx.at(hp));
      }
  bool pod_nonroot = false;
  if (const Doc* r = path(pod, {"securityContext", "runAsNonRoot"}); r && r->boolean() == 1)
    pod_nonroot = true;
  std::vector<const Doc*> all;
  for (const char* list : {"containers", "initContainers"})
    if (const Doc* cs = pod->get(list); cs && cs->is_seq())
      for (auto& ct : cs->items) all.push_back(ct.get());
  bool any_root = false, all_nonroot = !all.empty();
  for (const Doc* ct : all) {
    image_dependency(ctx, ct->str("image"), id, ct->get("image"));
    const Doc* sc = ct->get("securityContext");
    const Doc* priv = path(sc, {"privileged"});
    if (priv && priv->boolean() == 1) {
      any_root = true;
      c.root_at = ctx.at(priv);
      ctx.weakness("privileged-container", id,
                   "container " + ct->str("name") + " of " + name + " runs privileged",
                   ctx.at(priv));
    }
    const Doc* nonroot = path(sc, {"runAsNonRoot"});
    if (!(pod_nonroot || (nonroot && nonroot->boolean() == 1))) all_nonroot = false;
    if (const Doc* ports = ct->get("ports"); ports && ports->is_seq())
      for (auto& p : ports->items) {
        const Doc* cp = p->get("containerPort");
        if (cp && cp->is_scalar()) try {
            c.ports.push_back(std::stoi(cp->text));
          } catch (...) {
          }
        if (const Doc* hp = p->get("hostPort"))
          ctx.out->exposures.push_back(
              {name, "host", "host-port", std::nullopt, "hostPort " + hp->text, ctx.at(hp)});
      }
    if (const Doc* env = ct->get("env"); env && env->is_seq())
      for (auto& e : env->items) {
        const Doc* v = e->get("value");
        if (v && v->is_scalar() && !v->text.empty()) c.endpoints.emplace_back(v->text, ctx.at(v));
        if (const Doc* ref = path(e.get(), {"valueFrom", "configMapKeyRef", "name"}))
          c.config_refs.push_back(ref->text);
      }
    if (const Doc* ef = ct->get("envFrom"); ef && ef->is_seq())
      for (auto& e : ef->items)
        if (const Doc* ref = path(e.get(), {"configMapRef", "name"}))
          c.config_refs.push_back(ref->text);
  }
  if (any_root)
    c.runs_as_root = true;
  else if (all_nonroot)
    c.runs_as_root = false;
}

void rbac_binding(const ReadContext& ctx,
                  const Doc& doc,
                  const std::string& kind,
                  const std::string& name) {
  std::string role = path(&doc, {"roleRef", "name"}) ? path(&doc, {"roleRef", "name"})->text : "";
  std::string subjects;
  if (const Doc* ss = doc.get("subjects"); ss && ss->is_seq())
    for (auto& s : ss->items)
      subjects += (subjects.empty() ? "" : ", ") + s->str("kind") + " " + s->str("name");
  Grant g;
  g.principal = subjects.empty() ? name : subjects;
  g.resources = {role};
  g.detail = kind + " " + name;
  g.where = ctx.at(path(&doc, {"roleRef", "name"}));
  if (role == "cluster-admin" || role == "admin") {
    g.admin = true;
    ctx.weakness("cluster-admin-binding", name,
                 kind + " " + name + " gives " + (subjects.empty() ? "its subjects" : subjects) +
                     " the " + role + " role",
                 g.where);
  }
  ctx.out->grants.push_back(std::move(g));
}

void rbac_role(const ReadContext& ctx,
               const Doc& doc,
               const std::string& kind,
               const std::string& name) {
  const Doc* rules = doc.get("rules");
  if (!rules || !rules->is_seq()) return;
  for (auto& r : rules->items) {
    Grant g;
    g.principal = kind + " " + name;
    g.actions = strings(r->get("verbs"));
    g.resources = strings(r->get("resources"));
    g.where = ctx.at(r.get());
    for (auto& a : g.actions)
      if (a == "*") g.wildcard_action = true;
    for (auto& a : g.resources)
      if (a == "*") g.wildcard_resource = true;
    if (g.wildcard_action && g.wildcard_resource) {
      g.admin = true;
      ctx.weakness("wildcard-iam", name, kind + " " + name + " allows every verb on every resource",
                   g.where);
    }
    ctx.out->grants.push_back(std::move(g));
  }
}

void one(const ReadContext& ctx, const Doc& doc, int depth) {
  if (!doc.is_map() || depth > 4) return;
  std::string kind = doc.str("kind");
  std::string name = path(&doc, {"metadata", "name"}) ? path(&doc, {"metadata", "name"})->text : "";
  if (kind == "List") {
    if (const Doc* items = doc.get("items"); items && items->is_seq())
      for (auto& i : items->items) one(ctx, *i, depth + 1);
    return;
  }
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "Pod" ||
      kind == "Job" || kind == "CronJob" || kind == "ReplicaSet") {
    workload(ctx, doc, kind, name);
  } else if (kind == "Service") {
    ServiceRecord s;
    s.name = name;
    s.selector = label_map(path(&doc, {"spec", "selector"}));
    s.type = path(&doc, {"spec", "type"}) ? path(&doc, {"spec", "type"})->text : "ClusterIP";
    if (const Doc* ps = path(&doc, {"spec", "ports"}); ps && ps->is_seq())
      for (auto& p : ps->items) {
        try {
          s.ports.push_back(std::stoi(p->str("port")));
        } catch (...) {
          s.ports.push_back(0);
        }
        s.port_names.push_back(p->str("name"));
      }
    s.where = ctx.at(path(&doc, {"spec", "type"}) ? path(&doc, {"spec", "type"})
                                                  : path(&doc, {"metadata", "name"}));
    ctx.out->services.push_back(std::move(s));
  } else if (kind == "Ingress") {
    std::vector<const Doc*> backends;
    if (const Doc* b = path(&doc, {"spec", "defaultBackend", "service", "name"}))
      backends.push_back(b);
    if (const Doc* b = path(&doc, {"spec", "backend", "serviceName"})) backends.push_back(b);
    if (const Doc* rules = path(&doc, {"spec", "rules"}); rules && rules->is_seq())
      for (auto& r : rules->items)
        if (const Doc* paths = path(r.get(), {"http", "paths"}); paths && paths->is_seq())
          for (auto& p : paths->items) {
            if (const Doc* b = path(p.get(), {"backend", "service", "name"})) backends.push_back(b);
            if (const Doc* b = path(p.get(), {"backend", "serviceName"})) backends.push_back(b);
          }
    bool tls = path(&doc, {"spec", "tls"}) != nullptr;
    for (const Doc* b : backends)
      ctx.out->exposures.push_back({b->text, "internet", "ingress", std::nullopt,
                                    "Ingress " + name + (tls ? " (TLS)" : " (no TLS)"), ctx.at(b)});
  } else if (kind == "ClusterRoleBinding" || kind == "RoleBinding") {
    rbac_binding(ctx, doc, kind, name);
  } else if (kind == "ClusterRole" || kind == "Role") {
    rbac_role(ctx, doc, kind, name);
  } else if (kind == "ConfigMap") {
    if (const Doc* data = doc.get("data"); data && data->is_map())
      for (auto& [k, v] : data->entries)
        if (v && v->is_scalar())
          ctx.out->config_values.push_back({name, k->text, v->text, ctx.at(v.get())});
  } else if (kind == "NetworkPolicy") {
    // Allowed ingress: from pods selected by `from[].podSelector` to the selected pods.
    auto to = label_map(path(&doc, {"spec", "podSelector", "matchLabels"}));
    if (to.empty()) return;
    if (const Doc* ing = path(&doc, {"spec", "ingress"}); ing && ing->is_seq())
      for (auto& rule : ing->items)
        if (const Doc* from = rule->get("from"); from && from->is_seq())
          for (auto& f : from->items) {
            auto fl = label_map(path(f.get(), {"podSelector", "matchLabels"}));
            if (fl.empty()) continue;
            ObservedFlow flow;
            flow.from = "label:" + fl[0].first + "=" + fl[0].second;
            flow.to = "label:" + to[0].first + "=" + to[0].second;
            flow.evidence = "NetworkPolicy " + name;
            flow.where = ctx.at(f.get());
            ctx.out->flows.push_back(std::move(flow));
          }
  }
}

}  // namespace

void read_kubernetes(const ReadContext& ctx, const std::vector<const Doc*>& docs) {
  for (const Doc* d : docs)
    if (d) one(ctx, *d, 0);
}

}  // namespace tw::observe
