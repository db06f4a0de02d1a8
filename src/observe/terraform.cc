// Terraform resources, from plan/state JSON or HCL: exposure, encryption, IAM.

#include <algorithm>
#include <regex>

#include "observe/reader.h"

namespace tw::observe {

bool world_cidr(const std::string& c) {
  // Any prefix length 0 covers every address ("192.168.1.0/0" too).
  return (c.size() > 2 && c.compare(c.size() - 2, 2, "/0") == 0) || c == "*" || c == "Internet" ||
         c == "any";
}

namespace {

std::optional<int> to_int(const Doc* d) {
  if (!d || !d->is_scalar() || is_expr(d) || d->text.empty()) return std::nullopt;
  try {
    size_t used = 0;
    int v = std::stoi(d->text, &used);
    if (used == d->text.size()) return v;
  } catch (...) {
  }
  return std::nullopt;
}

/// The resource address an expression refers to: "aws_s3_bucket.data.id" -> "aws_s3_bucket.data".
std::string ref_target(const Doc* d, const std::string& module_prefix) {
  if (!d || !d->is_scalar()) return {};
  std::string t = d->text;
  if (t.rfind("${", 0) == 0 && t.size() > 3 && t.back() == '}') t = t.substr(2, t.size() - 3);
  if (!is_expr(d)) return t;  // a literal value: the bucket's name, matched by alias
  size_t a = t.find('.');
  if (a == std::string::npos) return {};
  size_t b = t.find('.', a + 1);
  std::string head = t.substr(0, b);
  if (head.rfind("var.", 0) == 0 || head.rfind("local.", 0) == 0 || head.rfind("data.", 0) == 0)
    return {};
  return module_prefix + head;
}

std::string port_range(const Doc* from, const Doc* to) {
  auto f = to_int(from), t = to_int(to);
  if (!f && !t) return "?";
  if (f && t && *f == *t) return std::to_string(*f);
  return (f ? std::to_string(*f) : "?") + "-" + (t ? std::to_string(*t) : "?");
}

const char* port_service(int from, int to) {
  auto covers = [&](int p) { return from <= p && p <= to; };
  if (from <= 0 && to <= 0) return "all ports";
  if (covers(22)) return "SSH";
  if (covers(3389)) return "RDP";
  if (covers(80)) return "HTTP";
  if (covers(443)) return "HTTPS";
  return nullptr;
}

void world_rule(const ReadContext& ctx,
                const std::string& component,
                const Doc* from,
                const Doc* to,
                const Doc* at,
                const std::string& what) {
  auto f = to_int(from).value_or(0), t = to_int(to).value_or(f);
  std::string ports = port_range(from, to);
  const char* svc = port_service(f, t);
  std::string msg = what + " allows inbound traffic from anywhere (0.0.0.0/0) to port " + ports;
  if (svc) msg += std::string(" (") + svc + ")";
  Exposure e;
  e.component = component;
  e.surface = "internet";
  e.via = "firewall-rule";
  if (f == t && f > 0) e.port = f;
  e.detail = msg;
  e.where = ctx.at(at);
  ctx.out->exposures.push_back(e);
  ctx.weakness("world-open-rule", component, msg, ctx.at(at));
}

}  // namespace

/// An IAM policy document (JSON text or already a tree): wildcard grants.
void policy_statements(const ReadContext& ctx,
                       const std::string& principal,
                       const Doc* policy,
                       Where where) {
  if (!policy) return;
  ParsedFile parsed;
  const Doc* root = policy;
  if (policy->is_scalar()) {
    if (is_expr(policy) && policy->text.find("jsonencode") == std::string::npos &&
        policy->text.find('{') == std::string::npos) {
      ctx.unresolved("policy of " + principal + " is an expression: " + policy->text, where);
      return;
    }
    parsed = parse_documents(policy->text);
    if (parsed.documents.empty()) {
      ctx.unresolved("policy of " + principal + " is not a JSON document", where);
      return;
    }
    root = parsed.documents.front().get();
  }
  const Doc* stmts = root->get("Statement");
  if (!stmts) stmts = root->get("statement");
  std::vector<const Doc*> list;
  if (stmts && stmts->is_seq())
    for (auto& s : stmts->items) list.push_back(s.get());
  else if (stmts && stmts->is_map())
    list.push_back(stmts);
  for (const Doc* s : list) {
    std::string effect = s->str("Effect");
    if (effect.empty()) effect = s->str("effect");
    if (!effect.empty() && effect != "Allow") continue;
    Grant g;
    g.principal = principal;
    for (const char* k : {"Action", "actions"})
      for (auto& a : strings(s->get(k))) g.actions.push_back(a);
    for (const char* k : {"Resource", "resources"})
      for (auto& r : strings(s->get(k))) g.resources.push_back(r);
    for (auto& a : g.actions) {
      if (a == "*") g.admin = true;
      // "*" and "service:*" grant everything (of a service); "ec2:Describe*" is narrower.
      if (a == "*" || (a.size() > 2 && a.compare(a.size() - 2, 2, ":*") == 0))
        g.wildcard_action = true;
    }
    for (auto& r : g.resources)
      if (r == "*") g.wildcard_resource = true;
    g.where = where;
    if (policy->is_scalar() && !policy->tag.empty() && policy->tag != "!expr") g.where = where;
    if (g.wildcard_action) {
      std::string acts;
      for (auto& a : g.actions)
        if (a == "*" || (a.size() > 2 && a.compare(a.size() - 2, 2, ":*") == 0))
          acts += (acts.empty() ? "" : ", ") + a;
      ctx.weakness("wildcard-iam", principal,
                   "policy of " + principal + " allows wildcard actions (" + acts + ")" +
                       (g.wildcard_resource ? " on every resource (*)" : ""),
                   where);
    }
    ctx.out->grants.push_back(std::move(g));
  }
}

namespace {

/// References to other resources inside expressions ("${aws_db_instance.default.endpoint}").
void collect_refs(const Doc& d, std::vector<std::pair<std::string, const Doc*>>& out, int depth) {
  if (depth > 32 || out.size() > 256) return;
  if (d.is_scalar() && d.tag == "!expr") {
    static const std::regex ref(R"(\b((?:aws|google|azurerm)_[a-z0-9_]+\.[A-Za-z0-9_-]+))");
    for (auto it = std::sregex_iterator(d.text.begin(), d.text.end(), ref);
         it != std::sregex_iterator(); ++it)
      out.emplace_back((*it)[1], &d);
  }
  for (auto& i : d.items) collect_refs(*i, out, depth + 1);
  for (auto& [k, v] : d.entries)
    if (v) collect_refs(*v, out, depth + 1);
}

std::string module_prefix(const std::string& address) {
  // "module.a.module.b.aws_x.y[0]" -> "module.a.module.b."
  std::string p;
  size_t i = 0;
  while (address.compare(i, 7, "module.") == 0) {
    size_t dot = address.find('.', i + 7);
    if (dot == std::string::npos) break;
    p = address.substr(0, dot + 1);
    i = dot + 1;
  }
  return p;
}

}  // namespace

void observe_terraform_resource(const ReadContext& ctx,
                                const std::string& type,
                                const std::string& name,
                                const std::string& address,
                                const Doc& v,
                                Source source,
                                Where where) {
  const std::string mp = module_prefix(address);
  auto comp = [&](const char* kind) -> ObservedComponent& {
    auto& c = ctx.component(address, name, kind, type, source, where);
    for (const char* k : {"bucket", "name", "identifier", "id"}) {
      const Doc* n = v.get(k);
      if (n && n->is_scalar() && !is_expr(n) && !n->text.empty()) c.aliases.push_back(n->text);
    }
    return c;
  };
  auto at = [&](const Doc* d) { return d ? ctx.at(d) : where; };
  struct LinkRefs {  // after the resource is read: a process that names another resource
    const ReadContext& ctx;
    const std::string& address;
    const std::string& mp;
    const Doc& v;
    ~LinkRefs() {
      ObservedComponent* c = ctx.out->component(address);
      if (!c || c->kind == "object-store" || c->kind == "sql-database" ||
          c->kind == "nosql-database" || c->kind == "cache" || c->kind == "file-system")
        return;
      std::vector<std::pair<std::string, const Doc*>> refs;
      collect_refs(v, refs, 0);
      for (auto& [r, d] : refs)
        if (mp + r != address) c->endpoints.emplace_back(mp + r, ctx.at(d));
    }
  } link_refs{ctx, address, mp, v};

  if (type == "aws_s3_bucket" || type == "google_storage_bucket" ||
      type == "azurerm_storage_container" || type == "azurerm_storage_account") {
    auto& c = comp("object-store");
    std::string acl = v.str("acl");
    if (acl.empty()) acl = v.str("container_access_type");
    if (acl == "public-read" || acl == "public-read-write" || acl == "blob" || acl == "container") {
      c.internet_facing = true;
      ctx.out->exposures.push_back(
          {address, "internet", "public-acl", std::nullopt, "acl " + acl, at(v.get("acl"))});
      ctx.weakness("public-bucket", address, "bucket " + address + " is public (acl " + acl + ")",
                   at(v.get("acl") ? v.get("acl") : v.get("container_access_type")));
    }
    if (const Doc* sse = v.get("server_side_encryption_configuration")) {
      if (!(sse->is_seq() && sse->items.empty())) {
        c.encrypted_at_rest = true;
        c.encryption_at = at(sse);
      }
    }
    return;
  }
  if (type == "aws_s3_bucket_acl") {
    std::string acl = v.str("acl");
    if (acl == "public-read" || acl == "public-read-write") {
      std::string target = ref_target(v.get("bucket"), mp);
      if (target.empty()) target = address;  // the bucket is computed at apply time
      ctx.weakness("public-bucket", target, "bucket " + target + " is public (acl " + acl + ")",
                   at(v.get("acl")));
      ctx.out->exposures.push_back(
          {target, "internet", "public-acl", std::nullopt, "acl " + acl, at(v.get("acl"))});
    }
    return;
  }
  if (type == "google_storage_bucket_iam_binding" || type == "google_storage_bucket_iam_member") {
    std::vector<std::string> members = strings(v.get("members"));
    for (auto& m : strings(v.get("member"))) members.push_back(m);
    for (auto& m : members)
      if (m == "allUsers" || m == "allAuthenticatedUsers") {
        std::string target = ref_target(v.get("bucket"), mp);
        if (target.empty()) target = address;
        ctx.weakness("public-bucket", target,
                     "bucket " + target + " is public (" + m + " granted " + v.str("role") + ")",
                     at(v.get("members") ? v.get("members") : v.get("member")));
        ctx.out->exposures.push_back({target, "internet", "iam-allUsers", std::nullopt,
                                      m + " granted " + v.str("role"), at(v.get("members"))});
      }
    return;
  }
  if (type == "aws_db_instance" || type == "aws_rds_cluster" || type == "aws_neptune_cluster" ||
      type == "aws_docdb_cluster" || type == "google_sql_database_instance" ||
      type == "aws_redshift_cluster" || type == "azurerm_mssql_server" ||
      type == "azurerm_postgresql_server" || type == "azurerm_mysql_server") {
    const char* kind = type == "aws_neptune_cluster" || type == "aws_docdb_cluster"
                           ? "nosql-database"
                       : type == "aws_redshift_cluster" ? "data-warehouse"
                                                        : "sql-database";
    auto& c = comp(kind);
    const Doc* pub = v.get("publicly_accessible");
    if (!pub) pub = v.get("public_network_access_enabled");
    if (pub && pub->boolean() == 1) {
      c.internet_facing = true;
      ctx.out->exposures.push_back(
          {address, "internet", "public-endpoint", std::nullopt, "publicly_accessible", at(pub)});
      ctx.weakness("public-database", address, "database " + address + " is publicly accessible",
                   at(pub));
    } else if (pub && pub->boolean() == 0) {
      c.internet_facing = false;
    }
    const Doc* enc = v.get("storage_encrypted");
    if (enc && enc->boolean() == 0) {
      c.encrypted_at_rest = false;
      c.encryption_at = at(enc);
      ctx.weakness("unencrypted-database", address,
                   "database " + address + " is not encrypted at rest (storage_encrypted = false)",
                   at(enc));
    } else if (enc && enc->boolean() == 1) {
      c.encrypted_at_rest = true;
      c.encryption_at = at(enc);
    } else if (enc && is_expr(enc)) {
      ctx.unresolved(address + ".storage_encrypted = " + enc->text, at(enc));
    }
    if (auto port = to_int(v.get("port"))) c.ports.push_back(*port);
    return;
  }
  if (type == "aws_elasticache_cluster" || type == "aws_elasticache_replication_group" ||
      type == "google_redis_instance" || type == "azurerm_redis_cache") {
    comp("cache");
    return;
  }
  if (type == "aws_elasticsearch_domain" || type == "aws_opensearch_domain") {
    auto& c = comp("search-index");
    const Doc* enc = path(&v, {"encrypt_at_rest", "enabled"});
    if (enc && enc->boolean() == 0) c.encrypted_at_rest = false;
    return;
  }
  if (type == "aws_sqs_queue" || type == "google_pubsub_topic" || type == "aws_sns_topic") {
    comp(type == "aws_sqs_queue" ? "queue" : "topic");
    return;
  }
  if (type == "aws_instance" || type == "google_compute_instance" ||
      type == "azurerm_linux_virtual_machine" || type == "azurerm_virtual_machine" ||
      type == "aws_lambda_function" || type == "google_cloud_run_service") {
    auto& c = comp("service");
    const Doc* pip = v.get("associate_public_ip_address");
    if (pip && pip->boolean() == 1) c.internet_facing = true;
    return;
  }
  if (type == "aws_elb" || type == "aws_lb" || type == "aws_alb") {
    auto& c = comp("load-balancer");
    const Doc* internal = v.get("internal");
    if (!internal || internal->boolean() == 0) {
      c.internet_facing = true;
      ctx.out->exposures.push_back({address, "internet", "load-balancer", std::nullopt,
                                    internal ? "internal = false" : "internal not set (public)",
                                    at(internal)});
    }
    if (const Doc* ls = v.get("listener"); ls && ls->is_seq())
      for (auto& l : ls->items) {
        std::string proto = l->str("lb_protocol");
        if (proto == "http" || proto == "HTTP") {
          ctx.weakness("plaintext-listener", address,
                       "load balancer " + name + " listens on plain HTTP",
                       at(l->get("lb_protocol")));
          if (auto p = to_int(l->get("lb_port"))) c.ports.push_back(*p);
        }
      }
    return;
  }
  if (type == "aws_eks_cluster" || type == "google_container_cluster" ||
      type == "azurerm_kubernetes_cluster") {
    auto& c = comp("service");
    c.runtime = type;
    if (type == "aws_eks_cluster") {
      const Doc* pub = path(&v, {"vpc_config", "endpoint_public_access"});
      if (!pub || pub->boolean() == 1) {
        c.internet_facing = true;
        ctx.out->exposures.push_back(
            {address, "internet", "public-endpoint", std::nullopt,
             pub ? "endpoint_public_access = true"
                 : "endpoint_public_access not set (provider default: public)",
             at(pub ? pub : v.get("vpc_config"))});
      }
    }
    if (const Doc* cidrs = path(&v, {"master_authorized_networks_config", "cidr_blocks"});
        cidrs && cidrs->is_seq())
      for (auto& b : cidrs->items)
        if (world_cidr(b->str("cidr_block"))) {
          c.internet_facing = true;
          ctx.weakness("world-open-rule", address,
                       "cluster " + name + " control plane accepts 0.0.0.0/0",
                       at(b->get("cidr_block")));
        }
    return;
  }
  if (type == "aws_security_group" || type == "aws_security_group_rule" ||
      type == "aws_vpc_security_group_ingress_rule") {
    auto rule = [&](const Doc& r, const Doc* at_node) {
      std::vector<std::string> cidrs = strings(r.get("cidr_blocks"));
      for (auto& c : strings(r.get("ipv6_cidr_blocks"))) cidrs.push_back(c);
      for (auto& c : strings(r.get("cidr_ipv4"))) cidrs.push_back(c);
      for (auto& c : cidrs)
        if (world_cidr(c)) {
          const Doc* pos = r.get("cidr_blocks") ? r.get("cidr_blocks") : at_node;
          world_rule(ctx, address, r.get("from_port"), r.get("to_port"), pos,
                     "security group " + name);
          return;
        }
    };
    if (type == "aws_security_group") {
      if (const Doc* in = v.get("ingress"); in && in->is_seq())
        for (auto& r : in->items) rule(*r, r.get());
    } else if (type == "aws_vpc_security_group_ingress_rule" || v.str("type") == "ingress") {
      rule(v, v.get("cidr_blocks") ? v.get("cidr_blocks") : nullptr);
    }
    return;
  }
  if (type == "google_compute_firewall") {
    std::string dir = v.str("direction");
    if (!dir.empty() && dir != "INGRESS") return;
    for (auto& c : strings(v.get("source_ranges")))
      if (world_cidr(c)) {
        const Doc* allow = v.get("allow");
        std::string ports;
        if (allow && allow->is_seq())
          for (auto& a : allow->items)
            for (auto& p : strings(a->get("ports"))) ports += (ports.empty() ? "" : ",") + p;
        std::string msg = "firewall " + name + " allows inbound traffic from anywhere " +
                          "(0.0.0.0/0) to ports " + (ports.empty() ? "(all)" : ports);
        ctx.weakness("world-open-rule", address, msg, at(v.get("source_ranges")));
        ctx.out->exposures.push_back(
            {address, "internet", "firewall-rule", std::nullopt, msg, at(v.get("source_ranges"))});
        break;
      }
    return;
  }
  if (type == "azurerm_network_security_group" || type == "azurerm_network_security_rule") {
    auto rule = [&](const Doc& r) {
      std::string dir = r.str("direction"), access = r.str("access");
      if (dir != "Inbound" || access != "Allow") return;
      std::string src = r.str("source_address_prefix");
      if (!world_cidr(src)) return;
      std::string port = r.str("destination_port_range");
      std::string msg = "network security rule " + r.str("name") +
                        " allows inbound traffic from anywhere to port " +
                        (port.empty() ? "?" : port);
      ctx.weakness("world-open-rule", address, msg, at(r.get("source_address_prefix")));
      ctx.out->exposures.push_back(
          {address, "internet", "firewall-rule", std::nullopt, msg, at(&r)});
    };
    if (type == "azurerm_network_security_rule") {
      rule(v);
    } else if (const Doc* rs = v.get("security_rule"); rs && rs->is_seq()) {
      for (auto& r : rs->items) rule(*r);
    }
    return;
  }
  if (type == "aws_iam_policy" || type == "aws_iam_role_policy" || type == "aws_iam_user_policy" ||
      type == "aws_iam_group_policy") {
    policy_statements(ctx, address, v.get("policy"), at(v.get("policy")));
    return;
  }
  if (type == "aws_iam_policy_document") {
    policy_statements(ctx, address, &v, where);
    return;
  }
  if (type == "aws_iam_role") {
    const Doc* trust = v.get("assume_role_policy");
    Grant g;
    g.principal = address;
    g.detail = "role";
    g.where = where;
    if (trust && trust->is_scalar() && !is_expr(trust)) g.detail = "role (trust policy inline)";
    ctx.out->grants.push_back(g);
    return;
  }
  if (type == "azurerm_role_definition") {
    if (const Doc* perms = v.get("permissions"); perms && perms->is_seq())
      for (auto& p : perms->items) {
        auto acts = strings(p->get("actions"));
        Grant g;
        g.principal = address;
        g.actions = acts;
        g.where = at(p->get("actions"));
        for (auto& a : acts)
          if (a == "*") g.admin = g.wildcard_action = true;
        if (g.wildcard_action)
          ctx.weakness("wildcard-iam", address,
                       "role definition " + name + " allows every action (*)", g.where);
        ctx.out->grants.push_back(std::move(g));
      }
    return;
  }
  if (type == "aws_ebs_volume") {
    const Doc* enc = v.get("encrypted");
    if (!enc || enc->boolean() == 0) {
      auto& c = comp("file-system");
      c.encrypted_at_rest = false;
      c.encryption_at = at(enc);
    }
    return;
  }
}

}  // namespace tw::observe
