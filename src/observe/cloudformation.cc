// CloudFormation templates (YAML with short-form intrinsics, or JSON). Intrinsics are
// resolved where that is static (`!Ref` to a parameter with a default, `!Sub` without
// variables); anything else is reported as unresolved, never guessed.

#include "observe/reader.h"

namespace tw::observe {

namespace {

struct Cfn {
  const ReadContext& ctx;
  const Doc* params;
  const Doc* resources;

  /// The static value of `d`, or nullopt (reported) when it needs deploy-time data.
  std::optional<std::string> value(const Doc* d, const std::string& what) const {
    if (!d) return std::nullopt;
    if (d->is_scalar() && d->tag.empty()) return d->text;
    std::string fn;
    const Doc* arg = nullptr;
    if (!d->tag.empty()) {
      fn = d->tag.substr(1);
      arg = d;
    } else if (d->is_map() && d->entries.size() == 1) {
      fn = d->entries[0].first->text;
      if (fn.rfind("Fn::", 0) == 0) fn = fn.substr(4);
      arg = d->entries[0].second.get();
    }
    if (fn == "Ref" && arg && arg->is_scalar()) {
      if (const Doc* p = params ? params->get(arg->text) : nullptr)
        if (const Doc* def = p->get("Default"); def && def->is_scalar()) return def->text;
      ctx.unresolved(what + ": !Ref " + arg->text + " has no static value", ctx.at(d));
      return std::nullopt;
    }
    if (fn == "Sub" && arg && arg->is_scalar() && arg->text.find("${") == std::string::npos)
      return arg->text;
    if (!fn.empty()) {
      ctx.unresolved(what + ": " + fn + " is resolved only at deploy time", ctx.at(d));
      return std::nullopt;
    }
    return std::nullopt;
  }
  int boolean(const Doc* d, const std::string& what) const {
    auto v = value(d, what);
    if (!v) return -1;
    if (*v == "true" || *v == "True") return 1;
    if (*v == "false" || *v == "False") return 0;
    return -1;
  }
};

}  // namespace

void read_cloudformation(const ReadContext& ctx, const Doc& root) {
  Cfn cfn{ctx, root.get("Parameters"), root.get("Resources")};
  if (!cfn.resources || !cfn.resources->is_map()) return;
  for (auto& [key, res] : cfn.resources->entries) {
    if (!res || !res->is_map()) continue;
    const std::string& id = key->text;
    std::string type = res->str("Type");
    const Doc* props = res->get("Properties");
    Doc empty;
    empty.kind = Doc::Kind::Map;
    const Doc& p = props && props->is_map() ? *props : empty;
    Where w = ctx.at(key.get());
    auto comp = [&](const char* kind) -> ObservedComponent& {
      return ctx.component(id, id, kind, type, Source::CloudFormation, w);
    };
    if (type == "AWS::S3::Bucket") {
      auto& c = comp("object-store");
      auto acl = cfn.value(p.get("AccessControl"), id + ".AccessControl");
      if (acl && (*acl == "PublicRead" || *acl == "PublicReadWrite")) {
        c.internet_facing = true;
        ctx.weakness("public-bucket", id,
                     "bucket " + id + " is public (AccessControl " + *acl + ")",
                     ctx.at(p.get("AccessControl")));
        ctx.out->exposures.push_back(
            {id, "internet", "public-acl", std::nullopt, *acl, ctx.at(p.get("AccessControl"))});
      }
      if (p.get("BucketEncryption")) c.encrypted_at_rest = true;
    } else if (type == "AWS::RDS::DBInstance" || type == "AWS::RDS::DBCluster") {
      auto& c = comp("sql-database");
      int pub = cfn.boolean(p.get("PubliclyAccessible"), id + ".PubliclyAccessible");
      if (pub == 1) {
        c.internet_facing = true;
        ctx.weakness("public-database", id, "database " + id + " is publicly accessible",
                     ctx.at(p.get("PubliclyAccessible")));
        ctx.out->exposures.push_back({id, "internet", "public-endpoint", std::nullopt,
                                      "PubliclyAccessible", ctx.at(p.get("PubliclyAccessible"))});
      }
      int enc = cfn.boolean(p.get("StorageEncrypted"), id + ".StorageEncrypted");
      if (enc == 1) c.encrypted_at_rest = true;
      if (enc == 0) {
        c.encrypted_at_rest = false;
        ctx.weakness("unencrypted-database", id, "database " + id + " is not encrypted at rest",
                     ctx.at(p.get("StorageEncrypted")));
      }
    } else if (type == "AWS::EC2::SecurityGroup" || type == "AWS::EC2::SecurityGroupIngress") {
      std::vector<const Doc*> rules;
      if (type == "AWS::EC2::SecurityGroupIngress") rules.push_back(&p);
      if (const Doc* in = p.get("SecurityGroupIngress"); in && in->is_seq())
        for (auto& r : in->items) rules.push_back(r.get());
      for (const Doc* r : rules) {
        auto cidr = cfn.value(r->get("CidrIp"), id + ".CidrIp");
        auto cidr6 = cfn.value(r->get("CidrIpv6"), id + ".CidrIpv6");
        if ((cidr && world_cidr(*cidr)) || (cidr6 && world_cidr(*cidr6))) {
          std::string from = cfn.value(r->get("FromPort"), id + ".FromPort").value_or("?");
          std::string to = cfn.value(r->get("ToPort"), id + ".ToPort").value_or("?");
          std::string ports = from == to ? from : from + "-" + to;
          if (!r->get("FromPort") && !r->get("ToPort")) ports = "(all ports)";
          std::string msg = "security group " + id + " allows inbound traffic from anywhere (" +
                            (cidr ? *cidr : *cidr6) + ") to port " + ports;
          if (r->get("CidrIp") && r->get("CidrIp")->tag == "!Ref")
            msg += " (the default of parameter " + r->get("CidrIp")->text + ")";
          if (from == "22") msg += " (SSH)";
          if (from == "80") msg += " (HTTP)";
          ctx.weakness("world-open-rule", id, msg, ctx.at(r->get("CidrIp") ? r->get("CidrIp") : r));
          ctx.out->exposures.push_back(
              {id, "internet", "firewall-rule", std::nullopt, msg, ctx.at(r)});
        }
      }
    } else if (type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy") {
      policy_statements(ctx, id, p.get("PolicyDocument"), ctx.at(p.get("PolicyDocument")));
    } else if (type == "AWS::IAM::Role" || type == "AWS::IAM::User") {
      if (const Doc* ps = p.get("Policies"); ps && ps->is_seq())
        for (auto& pol : ps->items)
          policy_statements(ctx, id, pol->get("PolicyDocument"),
                            ctx.at(pol->get("PolicyDocument")));
    } else if (type == "AWS::ElasticLoadBalancingV2::LoadBalancer" ||
               type == "AWS::ElasticLoadBalancing::LoadBalancer") {
      auto& c = comp("load-balancer");
      auto scheme = cfn.value(p.get("Scheme"), id + ".Scheme");
      if (!p.get("Scheme") || (scheme && *scheme == "internet-facing")) {
        c.internet_facing = true;
        ctx.out->exposures.push_back({id, "internet", "load-balancer", std::nullopt,
                                      p.get("Scheme") ? "Scheme internet-facing"
                                                      : "Scheme not set (default: internet-facing)",
                                      ctx.at(p.get("Scheme") ? p.get("Scheme") : key.get())});
      } else if (scheme && *scheme == "internal") {
        c.internet_facing = false;
      }
    } else if (type == "AWS::EC2::Instance" || type == "AWS::Lambda::Function" ||
               type == "AWS::ECS::Service" || type == "AWS::EKS::Cluster") {
      comp("service");
    } else if (type == "AWS::ApiGateway::RestApi" || type == "AWS::ApiGatewayV2::Api") {
      auto& c = comp("api-gateway");
      c.internet_facing = true;
    } else if (type == "AWS::SQS::Queue") {
      comp("queue");
    } else if (type == "AWS::DynamoDB::Table") {
      comp("nosql-database");
    }
  }
}

}  // namespace tw::observe
