#include "rules/test_model.h"

#include <algorithm>
#include <stdexcept>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"

namespace tw::rules::testing {

Ref ref(const std::string& id) { return Ref{id, {}, -1}; }
std::vector<Ref> refs(const std::vector<std::string>& ids) {
  std::vector<Ref> out;
  for (const auto& id : ids) out.push_back(ref(id));
  return out;
}

Asset& ModelBuilder::asset(const std::string& id, Value v, Level3 c, Level3 i, Level3 a) {
  Asset& x = assets_.emplace_back();
  x.id = id;
  x.name = id;
  x.value = v;
  x.cia = {c, i, a};
  return x;
}
Adversary& ModelBuilder::adversary(const std::string& id, Access access, Capability cap) {
  Adversary& x = adversaries_.emplace_back();
  x.id = id;
  x.access = access;
  x.capability = cap;
  return x;
}
Boundary& ModelBuilder::boundary(const std::string& id, Trust trust, const std::string& parent) {
  Boundary& x = boundaries_.emplace_back();
  x.id = id;
  x.trust = trust;
  if (!parent.empty()) x.parent = ref(parent);
  return x;
}
Component& ModelBuilder::component(const std::string& id,
                                   ComponentType type,
                                   const std::string& kind,
                                   const std::string& boundary) {
  Component& x = components_.emplace_back();
  x.id = id;
  x.type = type;
  x.kind = kind;
  if (!boundary.empty()) x.boundary = ref(boundary);
  return x;
}
Component& ModelBuilder::process(const std::string& id,
                                 const std::string& kind,
                                 const std::string& boundary) {
  return component(id, ComponentType::Process, kind, boundary);
}
Component& ModelBuilder::store(const std::string& id,
                               const std::string& kind,
                               const std::string& boundary) {
  return component(id, ComponentType::DataStore, kind, boundary);
}
Component& ModelBuilder::entity(const std::string& id,
                                const std::string& kind,
                                const std::string& boundary) {
  return component(id, ComponentType::ExternalEntity, kind, boundary);
}
Flow& ModelBuilder::flow(const std::string& id,
                         const std::string& from,
                         const std::string& to,
                         const std::string& protocol,
                         const std::vector<std::string>& data) {
  Flow& x = flows_.emplace_back();
  x.id = id;
  x.from = ref(from);
  x.to = ref(to);
  x.protocol = protocol;
  x.data = refs(data);
  return x;
}
SupplyItem& ModelBuilder::supply(const std::string& id,
                                 SupplyKind kind,
                                 const std::vector<std::string>& used_by) {
  SupplyItem& x = supply_.emplace_back();
  x.id = id;
  x.kind = kind;
  x.used_by = refs(used_by);
  return x;
}
FailureMode& ModelBuilder::failure_mode(const std::string& id,
                                        const std::string& component,
                                        Behaviour b) {
  FailureMode& x = failure_modes_.emplace_back();
  x.id = id;
  x.component = ref(component);
  x.behaviour = b;
  x.scenario = id;
  return x;
}
Control& ModelBuilder::control(const std::string& id,
                               ControlStatus status,
                               const std::vector<std::string>& mitigates) {
  Control& x = controls_.emplace_back();
  x.id = id;
  x.status = status;
  x.mitigates = refs(mitigates);
  return x;
}
Decision& ModelBuilder::decision(const std::string& threat, ThreatStatus status) {
  Decision& x = decisions_.emplace_back();
  x.threat = ref(threat);
  x.status = status;
  return x;
}
NotApplicable& ModelBuilder::not_applicable(const std::string& target, std::vector<Stride> stride) {
  NotApplicable& x = not_applicable_.emplace_back();
  x.target = ref(target);
  x.stride = std::move(stride);
  x.because = "test";
  return x;
}
Threat& ModelBuilder::threat(const std::string& id,
                             const std::string& target,
                             std::vector<Stride> stride) {
  Threat& x = threats_.emplace_back();
  x.id = id;
  x.title = id;
  x.target = ref(target);
  x.stride = std::move(stride);
  return x;
}

namespace {
template <class T>
T& find_in(std::deque<T>& d, const std::string& id) {
  for (T& x : d) {
    if (x.id == id) return x;
  }
  throw std::invalid_argument("no element '" + id + "' in the test model");
}
}  // namespace

Component& ModelBuilder::comp(const std::string& id) { return find_in(components_, id); }
Flow& ModelBuilder::flow(const std::string& id) { return find_in(flows_, id); }
Asset& ModelBuilder::asset(const std::string& id) { return find_in(assets_, id); }
SupplyItem& ModelBuilder::supply(const std::string& id) { return find_in(supply_, id); }

std::unique_ptr<Model> ModelBuilder::build() const {
  auto m = std::make_unique<Model>();
  m->system.name = "test";
  m->assets.assign(assets_.begin(), assets_.end());
  m->adversaries.assign(adversaries_.begin(), adversaries_.end());
  m->boundaries.assign(boundaries_.begin(), boundaries_.end());
  m->components.assign(components_.begin(), components_.end());
  m->flows.assign(flows_.begin(), flows_.end());
  m->supply_chain.assign(supply_.begin(), supply_.end());
  m->failure_modes.assign(failure_modes_.begin(), failure_modes_.end());
  m->controls.assign(controls_.begin(), controls_.end());
  m->decisions.assign(decisions_.begin(), decisions_.end());
  m->not_applicable.assign(not_applicable_.begin(), not_applicable_.end());
  m->threats.assign(threats_.begin(), threats_.end());
  m->has_supply_chain_section = !supply_.empty();
  auto reg = [&](auto& v, Kind k) {
    for (size_t i = 0; i < v.size(); ++i) m->ids[v[i].id] = IdEntry{k, static_cast<int32_t>(i), {}};
  };
  reg(m->assets, Kind::Asset);
  reg(m->adversaries, Kind::Adversary);
  reg(m->boundaries, Kind::Boundary);
  reg(m->components, Kind::Component);
  reg(m->flows, Kind::Flow);
  reg(m->supply_chain, Kind::SupplyChain);
  reg(m->failure_modes, Kind::FailureMode);
  reg(m->controls, Kind::Control);
  reg(m->threats, Kind::Threat);
  auto resolve = [&](Ref& r, std::initializer_list<Kind> kinds) {
    if (r.id.empty()) return;
    const IdEntry* e = m->find(r.id);
    if (!e || std::find(kinds.begin(), kinds.end(), e->kind) == kinds.end()) {
      throw std::invalid_argument("test model: bad reference '" + r.id + "'");
    }
    r.index = e->index;
  };
  for (auto& b : m->boundaries) resolve(b.parent, {Kind::Boundary});
  for (auto& c : m->components) {
    resolve(c.boundary, {Kind::Boundary});
    resolve(c.runs_on, {Kind::Component});
    for (auto& a : c.stores) resolve(a, {Kind::Asset});
  }
  for (auto& f : m->flows) {
    resolve(f.from, {Kind::Component});
    resolve(f.to, {Kind::Component});
    for (auto& a : f.data) resolve(a, {Kind::Asset});
  }
  for (auto& s : m->supply_chain) {
    for (auto& u : s.used_by) resolve(u, {Kind::Component});
  }
  for (auto& fm : m->failure_modes) {
    resolve(fm.component, {Kind::Component});
    for (auto& c : fm.mitigated_by) resolve(c, {Kind::Control});
  }
  for (auto& t : m->threats) {
    resolve(t.target, {Kind::Component, Kind::Flow});
    resolve(t.adversary, {Kind::Adversary});
    for (auto& a : t.assets) resolve(a, {Kind::Asset});
  }
  for (auto& na : m->not_applicable) resolve(na.target, {Kind::Component, Kind::Flow});
  return m;
}

// ---- IAM ----

Principal& IamBuilder::principal(const std::string& id,
                                 PrincipalKind kind,
                                 std::vector<Permission> permissions,
                                 bool long_lived_keys) {
  if (m_.find(id)) throw std::invalid_argument("test model: duplicate id '" + id + "'");
  Principal p;
  p.id = id;
  p.kind = kind;
  p.permissions = std::move(permissions);
  p.long_lived_keys = long_lived_keys;
  m_.principals.push_back(std::move(p));
  m_.ids[id] = IdEntry{Kind::Principal, static_cast<int32_t>(m_.principals.size() - 1), {}};
  return m_.principals.back();
}

Principal& IamBuilder::get(const std::string& id) {
  const IdEntry* e = m_.find(id);
  if (!e || e->kind != Kind::Principal) throw std::invalid_argument("no principal '" + id + "'");
  return m_.principals[e->index];
}

Ref IamBuilder::resolved(const std::string& id) const {
  const IdEntry* e = m_.find(id);
  if (!e) throw std::invalid_argument("test model: bad reference '" + id + "'");
  return Ref{id, {}, e->index};
}

void IamBuilder::runs_as(const std::string& component, const std::string& principal) {
  get(principal);
  const IdEntry* e = m_.find(component);
  if (!e || e->kind != Kind::Component) throw std::invalid_argument("no component " + component);
  m_.components[e->index].runs_as = resolved(principal);
}

void IamBuilder::assumable_by(const std::string& principal, const std::string& who) {
  get(principal).assumable_by.push_back(resolved(who));
}

void IamBuilder::trust(const std::string& principal,
                       const std::string& subject,
                       const std::string& issuer) {
  get(principal).trust.push_back(TrustEntry{issuer, subject, "", {}, {}});
}

void IamBuilder::acts_on(const std::string& principal, const std::string& component) {
  get(principal).acts_on.push_back(resolved(component));
}

Permission allow(std::vector<std::string> actions, std::vector<std::string> resources) {
  return Permission{Effect::Allow, std::move(actions), std::move(resources), "", {}};
}

Permission deny(std::vector<std::string> actions, std::vector<std::string> resources) {
  return Permission{Effect::Deny, std::move(actions), std::move(resources), "", {}};
}

void secure_shop(ModelBuilder& b) {
  b.asset("cards", Value::Critical, Level3::High, Level3::High, Level3::Medium);
  b.asset("catalog", Value::Low, Level3::Low, Level3::Medium, Level3::Medium);
  b.adversary("internet-attacker", Access::Internet, Capability::Medium);
  b.boundary("internet", Trust::Untrusted);
  b.boundary("dmz", Trust::SemiTrusted);
  b.boundary("core", Trust::Trusted);
  b.entity("customer", "browser", "internet");
  auto safe_process = [&](const std::string& id, const std::string& kind, const std::string& zone,
                          Authentication auth) -> Component& {
    Component& p = b.process(id, kind, zone);
    p.internet_facing = false;
    p.authentication = auth;
    p.authorization = Authorization::Rbac;
    p.input_validation = true;
    p.output_encoding = true;
    p.audit_log = true;
    p.rate_limited = true;
    p.runs_as_root = false;
    p.fail_mode = FailMode::Closed;
    return p;
  };
  Component& web = safe_process("web", "web-app", "dmz", Authentication::PasswordMfa);
  web.internet_facing = true;
  web.sessions = Sessions::Token;
  web.password_reset = false;
  Component& api = safe_process("api", "api", "core", Authentication::Mtls);
  for (Component* p : {&web, &api}) {
    p->object_authorization = true;
    p->accepts_uploads = false;
    p->secrets = SecretsAt::SecretStore;
  }
  Component& db = b.store("db", "sql-database", "core");
  db.stores = refs({"cards", "catalog"});
  db.internet_facing = false;
  db.authentication = Authentication::Mtls;
  db.encrypted_at_rest = true;
  db.backups = true;
  db.audit_log = true;
  db.runs_as_root = false;
  auto safe_flow = [&](const std::string& id, const std::string& from, const std::string& to,
                       const std::string& protocol) -> Flow& {
    Flow& f = b.flow(id, from, to, protocol, {"cards", "catalog"});
    f.encrypted = true;
    f.authenticated = true;
    return f;
  };
  safe_flow("browse", "customer", "web", "https");
  safe_flow("call", "web", "api", "grpc-tls").mutual_tls = true;
  safe_flow("query", "api", "db", "sql-tls").mutual_tls = true;
  b.control("failover", ControlStatus::Implemented, {});
  for (const char* c : {"web", "api", "db"}) {
    b.failure_mode(std::string(c) + "-outage", c, Behaviour::FailClosed).mitigated_by =
        refs({"failover"});
  }
}

std::vector<std::string> run_rule(const Rule& rule, const Model& m) {
  Context ctx(m);
  std::vector<std::string> out;
  auto visit = [&](AppliesTo k, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      Target t{k, static_cast<int>(i)};
      if (t.is_component()) t.kind = applies_to_of(m.components[i].type);
      if (!rule.applies(t.kind)) continue;
      if (k == AppliesTo::Flow && !ctx.valid_flow(t.index)) continue;
      if (evaluate(rule, ctx, t).weakness()) out.push_back(rule.id + "@" + ctx.target_id(t));
    }
  };
  visit(AppliesTo::Process, m.components.size());
  visit(AppliesTo::Flow, m.flows.size());
  visit(AppliesTo::SupplyChain, m.supply_chain.size());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> run_rule(std::string_view rule_id, const Model& m) {
  const Rule* r = find_builtin(rule_id);
  if (!r) throw std::invalid_argument("no built-in rule '" + std::string(rule_id) + "'");
  return run_rule(*r, m);
}

Verdict judge(std::string_view rule_id, const Model& m, const std::string& target) {
  const Rule* r = find_builtin(rule_id);
  if (!r) throw std::invalid_argument("no built-in rule '" + std::string(rule_id) + "'");
  Context ctx(m);
  const IdEntry* e = m.find(target);
  if (!e) return {};
  Target t;
  if (e->kind == Kind::Flow) {
    t = {AppliesTo::Flow, e->index};
  } else if (e->kind == Kind::SupplyChain) {
    t = {AppliesTo::SupplyChain, e->index};
  } else {
    t = {applies_to_of(m.components[e->index].type), e->index};
  }
  return evaluate(*r, ctx, t);
}

std::unique_ptr<Model> shop(void (*edit)(ModelBuilder&)) {
  ModelBuilder b;
  secure_shop(b);
  edit(b);
  return b.build();
}

std::string describe(std::string_view rule_id, const Model& m, const std::string& target) {
  Verdict v = judge(rule_id, m, target);
  return v ? v->description : std::string();
}

}  // namespace tw::rules::testing
