#include "rules/predicates.h"

#include <algorithm>

#include "model/vocabulary.h"

namespace tw::rules {

using model::ComponentType;
using model::Level3;
using model::Value;

bool kind_in(const model::Component& c, std::initializer_list<std::string_view> kinds) {
  return std::find(kinds.begin(), kinds.end(), std::string_view(c.effective_kind())) != kinds.end();
}

bool is_database(const model::Component& c) {
  return kind_in(c, {"sql-database", "nosql-database", "cache"});
}
bool is_process(const model::Component& c) { return c.type == ComponentType::Process; }
bool is_data_store(const model::Component& c) { return c.type == ComponentType::DataStore; }
bool is_external(const model::Component& c) { return c.type == ComponentType::ExternalEntity; }

std::optional<bool> protocol_encrypted(std::string_view p) {
  const model::ProtocolInfo* info = model::builtin_protocol(p);
  return info ? info->encrypted : std::nullopt;
}

std::optional<bool> flow_encrypted(const model::Flow& f) {
  if (f.encrypted) return f.encrypted;
  if (f.mutual_tls.value_or(false)) return true;
  return protocol_encrypted(f.effective_protocol());
}

bool mtls_authenticated(const model::Flow& f) {
  return f.mutual_tls.value_or(false) && f.authenticated != false;
}

std::optional<Value> max_value(const model::Model& m, const std::vector<int>& assets) {
  std::optional<Value> best;
  for (int a : assets) {
    auto v = m.assets[a].value;
    if (v && (!best || *v > *best)) best = v;
  }
  return best;
}

namespace {
std::optional<Level3> level(const model::Asset& a, Cia d) {
  switch (d) {
    case Cia::Confidentiality:
      return a.cia.confidentiality;
    case Cia::Integrity:
      return a.cia.integrity;
    case Cia::Availability:
      return a.cia.availability;
  }
  return std::nullopt;
}
}  // namespace

std::optional<Level3> max_cia(const model::Model& m, const std::vector<int>& assets, Cia d) {
  std::optional<Level3> best;
  for (int a : assets) {
    auto v = level(m.assets[a], d);
    if (v && (!best || *v > *best)) best = v;
  }
  return best;
}

std::vector<int> sensitive_assets(const model::Model& m,
                                  const std::vector<int>& assets,
                                  Cia d,
                                  Value v) {
  std::vector<int> out;
  for (int a : assets) {
    const model::Asset& asset = m.assets[a];
    if ((asset.value && *asset.value >= v) || level(asset, d) == Level3::High) out.push_back(a);
  }
  return out;
}

bool any_value_at_least(const model::Model& m, const std::vector<int>& assets, Value v) {
  auto best = max_value(m, assets);
  return best && *best >= v;
}

std::string fact_state(const std::optional<bool>& v, std::string_view name) {
  std::string out(name);
  if (!v) return out + " is not set (unknown)";
  return out + (*v ? " is true" : " is false");
}

std::string asset_list(const model::Model& m, const std::vector<int>& assets) {
  std::string out;
  for (int a : assets) {
    if (!out.empty()) out += ", ";
    out += m.assets[a].id;
  }
  return out;
}

Finding claimed(std::string description, std::string claim) {
  Finding f;
  f.description = std::move(description) + " — unless the stated `" + claim +
                  "` holds: a claim until a verified control backs it";
  f.claim = std::move(claim);
  return f;
}

Verdict weak_unless_true(const std::optional<bool>& value,
                         std::string_view fact,
                         std::string description) {
  if (value.value_or(false)) return claimed(std::move(description), std::string(fact) + ": true");
  Finding f;
  f.description = std::move(description);
  if (!value) {
    f.description += " (`" + std::string(fact) + "` is unknown: set it to record the fact)";
    f.likelihood_delta = -1;
  }
  return f;
}

Verdict weak_unless_fact(const std::optional<bool>& value,
                         std::string_view fact,
                         std::string description) {
  if (value.value_or(false)) return Verdict::clear();
  return weak_unless_true(value, fact, std::move(description));
}

namespace {
// Processes that run on their own schedule or on a queue rather than serving requests.
constexpr std::string_view kNonServing[] = {
    "batch",
    "build-server",
    "ci-pipeline",
    "consumer",
    "cron",
    "job",
    "runner",
    "runtime",
    "scheduler",
    "stream-processor",
    "worker",
    "daemon",
    // Pure forwarders: the component behind them handles the request (an API gateway that
    // authenticates and validates does serve requests).
    "cdn",
    "edge",
    "firewall",
    "ingress",
    "ingress-controller",
    "load-balancer",
    "proxy",
    "reverse-proxy",
    "service-mesh",
    "waf",
};
// Components that pass requests on rather than handling them.
constexpr std::string_view kForwarding[] = {
    "api-gateway",
    "cdn",
    "edge",
    "firewall",
    "gateway",
    "ingress",
    "ingress-controller",
    "load-balancer",
    "proxy",
    "reverse-proxy",
    "service-mesh",
    "waf",
    // Messages pass through brokers to their consumers.
    "event-bus",
    "message-broker",
    "queue",
    "stream",
    "topic",
};
}  // namespace

bool serves_requests(const model::Component& c) {
  if (c.type != ComponentType::Process) return false;
  return std::find(std::begin(kNonServing), std::end(kNonServing),
                   std::string_view(c.effective_kind())) == std::end(kNonServing);
}

bool forwards_requests(const model::Component& c) {
  return std::find(std::begin(kForwarding), std::end(kForwarding),
                   std::string_view(c.effective_kind())) != std::end(kForwarding);
}

bool password_login(const model::Component& c) {
  return c.authentication == model::Authentication::Password ||
         c.authentication == model::Authentication::PasswordMfa;
}

Verdict unvalidated_query(const Context& ctx, const Target& t, std::string_view store_kind) {
  const model::Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index) && !ctx.entry_point(t.index)) return Verdict::clear();
  int f = find_flow_out(ctx, t.index, [&](const model::Flow&, const model::Component& to) {
    return kind_in(to, {store_kind});
  });
  if (f < 0) return Verdict::clear();
  return weak_unless_true(c.input_validation, "input_validation",
                          label(c) + " takes input from a less trusted zone and queries " +
                              label(ctx.to(f)) +
                              " without validating it: crafted input can change the query");
}

bool strong_authentication(const model::Component& c) {
  using model::Authentication;
  if (!c.authentication) return false;
  switch (*c.authentication) {
    case Authentication::PasswordMfa:
    case Authentication::Mtls:
    case Authentication::ClientCertificate:
      return true;
    default:
      return false;
  }
}

bool process_local(const model::Flow& f) {
  const std::string& p = f.effective_protocol();
  return p == "file" || p == "ipc" || p == "stdio";
}

bool web_protocol(const model::Flow& f) {
  const std::string& p = f.effective_protocol();
  return p == "http" || p == "https" || p == "h2" || p == "ws" || p == "wss";
}

bool accepts(const model::Component& c, model::DataFormat f) {
  return std::find(c.data_formats.begin(), c.data_formats.end(), f) != c.data_formats.end();
}

bool used_by_people(const model::Component& c) {
  if (c.used_by_humans) return *c.used_by_humans;
  return kind_in(c, {"browser", "user"});
}

bool reachable_from_outside(const Context& ctx, int c) {
  return ctx.exposed(c) || ctx.entry_point(c);
}

bool is_webhook(const Context& ctx, int f) {
  if (!ctx.valid_flow(f)) return false;
  const model::Component& from = ctx.from(f);
  if (!is_external(from) ||
      !kind_in(from, {"cloud-api", "external-api", "partner", "payment-provider", "saas"})) {
    return false;
  }
  if (!is_process(ctx.to(f))) return false;
  const std::string& p = ctx.flow(f).effective_protocol();
  return p.empty() || p == "http" || p == "https" || p == "h2";
}

bool browser_facing(const model::Component& c) {
  return is_process(c) && kind_in(c, {"web-app", "admin-console", "web-server"});
}

std::string label(const model::Component& c) {
  return c.name.empty() || c.name == c.id ? "'" + c.id + "'" : c.name + " ('" + c.id + "')";
}

std::string label(const model::Flow& f) {
  return f.name.empty() || f.name == f.id ? "flow '" + f.id + "'"
                                          : "flow " + f.name + " ('" + f.id + "')";
}

// ---- IAM ----

std::string principal_label(const model::Principal& p) {
  return p.name.empty() || p.name == p.id ? "'" + p.id + "'" : p.name + " ('" + p.id + "')";
}

std::string holds(const Context& ctx, int c, int p) {
  const model::Component& comp = ctx.component(c);
  const model::Principal& pr = ctx.model.principals[p];
  bool runs = comp.runs_as.resolved() && comp.runs_as.id == pr.id;
  return (runs ? "runs as " : "may assume ") + principal_label(pr);
}

std::vector<int> iam_assets(const Context& ctx, int c, const std::vector<int>& ps) {
  std::vector<int> out = ctx.facts.assets_at[c];
  for (int p : ps) {
    for (const model::Ref& r : ctx.model.principals[p].acts_on) {
      const model::IdEntry* e = r.resolved() ? ctx.model.find(r.id) : nullptr;
      if (!e || e->kind != model::Kind::Component) continue;
      const auto& a = ctx.facts.assets_at[e->index];
      out.insert(out.end(), a.begin(), a.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace tw::rules
