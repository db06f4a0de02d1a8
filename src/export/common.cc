#include "export/common.h"

#include <cstdio>

#include "base/escape.h"
#include "model/enums.h"
#include "model/vocabulary.h"
#include "report/sha256.h"

namespace tw::exports {

namespace {

using model::name;

template <class E>
void put_enum(Json& j, const char* key, const std::optional<E>& e) {
  if (e) j[key] = std::string(name(*e));
}
void put_bool(Json& j, const char* key, const std::optional<bool>& b) {
  if (b) j[key] = *b;
}
void put_int(Json& j, const char* key, const std::optional<int>& i) {
  if (i) j[key] = *i;
}
void put_str(Json& j, const char* key, const std::string& s) {
  if (!s.empty()) j[key] = s;
}
void put_ref(Json& j, const char* key, const model::Ref& r) {
  if (!r.id.empty()) j[key] = r.id;
}
void put_refs(Json& j, const char* key, const std::vector<model::Ref>& refs) {
  if (refs.empty()) return;
  Json a = Json::array();
  for (const auto& r : refs) a.push_back(r.id);
  j[key] = std::move(a);
}
void put_ints(Json& j, const char* key, const std::vector<int>& v) {
  if (!v.empty()) j[key] = v;
}
void put_strs(Json& j, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) j[key] = v;
}
void put_stride(Json& j, const std::vector<model::Stride>& s) {
  Json a = Json::array();
  for (auto x : s) a.push_back(std::string(name(x)));
  j["stride"] = std::move(a);
}

Json attack_node(const model::AttackNode& n) {
  Json j = Json::object();
  put_str(j, "id", n.id);
  if (n.op == model::AttackNode::Op::Step) {
    j["step"] = n.step;
    put_ref(j, "target", n.target);
    put_ref(j, "threat", n.threat);
    put_enum(j, "cost", n.cost);
    put_enum(j, "difficulty", n.difficulty);
    put_refs(j, "mitigated_by", n.mitigated_by);
  } else {
    Json kids = Json::array();
    for (const auto& c : n.children) kids.push_back(attack_node(c));
    j[n.op == model::AttackNode::Op::Any ? "any" : "all"] = std::move(kids);
  }
  return j;
}

std::string rel_to_root(const model::Model& m, const std::string& path) {
  if (!m.root_dir.empty() && path.size() > m.root_dir.size() + 1 &&
      path.compare(0, m.root_dir.size(), m.root_dir) == 0 && path[m.root_dir.size()] == '/') {
    return path.substr(m.root_dir.size() + 1);
  }
  return path;
}

}  // namespace

Json model_document(const model::Model& m) {
  Json d = Json::object();
  d["threatwright"] = m.format_version;
  if (!m.rule_files.empty()) {
    Json r = Json::array();
    for (const auto& f : m.rule_files) r.push_back(rel_to_root(m, f.path));
    d["rules"] = std::move(r);
  }
  Json sys = Json::object();
  sys["name"] = m.system.name;
  put_str(sys, "description", m.system.description);
  put_str(sys, "owner", m.system.owner);
  put_enum(sys, "methodology", m.system.methodology);
  const auto& rv = m.system.review;
  if (rv.cadence_days || rv.last_reviewed || !rv.reviewers.empty()) {
    Json r = Json::object();
    put_int(r, "cadence_days", rv.cadence_days);
    if (rv.last_reviewed) r["last_reviewed"] = rv.last_reviewed->str();
    put_strs(r, "reviewers", rv.reviewers);
    sys["review"] = std::move(r);
  }
  d["system"] = std::move(sys);

  auto section = [&](const char* key, auto& items, auto fn) {
    if (items.empty()) return;
    Json a = Json::array();
    for (const auto& x : items) a.push_back(fn(x));
    d[key] = std::move(a);
  };
  auto term = [](const model::CustomTerm& t) {
    Json j = {{"id", t.id}, {"base", t.base}};
    put_str(j, "description", t.description);
    return j;
  };
  section("kinds", m.kinds, term);
  section("protocols", m.protocols, term);
  section("assets", m.assets, [](const model::Asset& a) {
    Json j = {{"id", a.id}};
    put_str(j, "name", a.name);
    put_str(j, "description", a.description);
    put_enum(j, "value", a.value);
    put_str(j, "impact", a.impact);
    Json cia = Json::object();
    put_enum(cia, "confidentiality", a.cia.confidentiality);
    put_enum(cia, "integrity", a.cia.integrity);
    put_enum(cia, "availability", a.cia.availability);
    if (!cia.empty()) j["cia"] = std::move(cia);
    put_enum(j, "quantity", a.quantity);
    return j;
  });
  section("adversaries", m.adversaries, [](const model::Adversary& a) {
    Json j = {{"id", a.id}};
    put_str(j, "name", a.name);
    put_enum(j, "access", a.access);
    put_enum(j, "capability", a.capability);
    put_str(j, "motivation", a.motivation);
    put_str(j, "description", a.description);
    return j;
  });
  section("boundaries", m.boundaries, [](const model::Boundary& b) {
    Json j = {{"id", b.id}};
    put_str(j, "name", b.name);
    put_enum(j, "trust", b.trust);
    put_enum(j, "type", b.type);
    put_ref(j, "parent", b.parent);
    put_str(j, "description", b.description);
    return j;
  });
  section("components", m.components, [](const model::Component& c) {
    Json j = {{"id", c.id}};
    put_str(j, "name", c.name);
    j["type"] = std::string(name(c.type));
    put_str(j, "kind", c.kind);
    put_ref(j, "boundary", c.boundary);
    put_str(j, "technology", c.technology);
    put_str(j, "description", c.description);
    put_bool(j, "internet_facing", c.internet_facing);
    put_enum(j, "authentication", c.authentication);
    put_enum(j, "authorization", c.authorization);
    put_bool(j, "input_validation", c.input_validation);
    put_bool(j, "output_encoding", c.output_encoding);
    put_bool(j, "audit_log", c.audit_log);
    put_bool(j, "rate_limited", c.rate_limited);
    put_bool(j, "runs_as_root", c.runs_as_root);
    put_enum(j, "fail_mode", c.fail_mode);
    put_bool(j, "used_by_humans", c.used_by_humans);
    put_bool(j, "multi_tenant", c.multi_tenant);
    put_bool(j, "redundant", c.redundant);
    put_bool(j, "custom_developed", c.custom_developed);
    if (!c.data_formats.empty()) {
      Json formats = Json::array();
      for (model::DataFormat f : c.data_formats) formats.push_back(std::string(name(f)));
      j["data_formats"] = std::move(formats);
    }
    put_enum(j, "machine", c.machine);
    put_ref(j, "runs_on", c.runs_on);
    put_refs(j, "stores", c.stores);
    put_bool(j, "encrypted_at_rest", c.encrypted_at_rest);
    put_enum(j, "encryption", c.encryption);
    put_bool(j, "backups", c.backups);
    put_strs(j, "code", c.code);
    put_ref(j, "runs_as", c.runs_as);
    // Web-application facts.
    put_enum(j, "sessions", c.sessions);
    put_bool(j, "csrf_protection", c.csrf_protection);
    put_bool(j, "object_authorization", c.object_authorization);
    put_bool(j, "password_reset", c.password_reset);
    put_bool(j, "accepts_uploads", c.accepts_uploads);
    put_bool(j, "upload_validation", c.upload_validation);
    put_bool(j, "email_authentication", c.email_authentication);
    put_bool(j, "deployment_checks", c.deployment_checks);
    put_enum(j, "secrets", c.secrets);
    return j;
  });
  section("flows", m.flows, [](const model::Flow& f) {
    Json j = {{"id", f.id}};
    put_str(j, "name", f.name);
    put_ref(j, "from", f.from);
    put_ref(j, "to", f.to);
    put_str(j, "protocol", f.protocol);
    put_refs(j, "data", f.data);
    put_refs(j, "returns", f.returns);
    put_bool(j, "encrypted", f.encrypted);
    put_bool(j, "authenticated", f.authenticated);
    put_bool(j, "mutual_tls", f.mutual_tls);
    put_enum(j, "authentication", f.authentication);
    put_enum(j, "authorization", f.authorization);
    put_bool(j, "vpn", f.vpn);
    put_bool(j, "ip_filtered", f.ip_filtered);
    put_bool(j, "read_only", f.read_only);
    put_enum(j, "usage", f.usage);
    put_int(j, "port", f.port);
    put_bool(j, "signed", f.signed_messages);
    put_bool(j, "replay_protection", f.replay_protection);
    put_str(j, "description", f.description);
    return j;
  });
  if (!m.supply_chain.empty() || m.has_supply_chain_section) d["supply_chain"] = Json::array();
  for (const auto& s : m.supply_chain) {
    Json j = {{"id", s.id}};
    put_enum(j, "kind", s.kind);
    put_str(j, "name", s.name);
    put_str(j, "ecosystem", s.ecosystem);
    put_refs(j, "used_by", s.used_by);
    put_bool(j, "pinned", s.pinned);
    put_bool(j, "integrity_checked", s.integrity_checked);
    put_str(j, "source", s.source);
    put_str(j, "version", s.version);
    put_str(j, "description", s.description);
    d["supply_chain"].push_back(std::move(j));
  }
  section("controls", m.controls, [](const model::Control& c) {
    Json j = {{"id", c.id}};
    put_str(j, "name", c.name);
    put_str(j, "mechanism", c.mechanism);
    put_refs(j, "mitigates", c.mitigates);
    put_str(j, "owner", c.owner);
    put_enum(j, "status", c.status);
    put_str(j, "description", c.description);
    if (c.verification) {
      const auto& v = *c.verification;
      Json vj = Json::object();
      put_str(vj, "command", v.command);
      Json e = Json::object();
      put_int(e, "exit_code", v.expect.exit_code);
      put_str(e, "stdout_matches", v.expect.stdout_matches);
      if (!e.empty()) vj["expect"] = std::move(e);
      put_int(vj, "max_age_days", v.max_age_days);
      put_int(vj, "timeout_seconds", v.timeout_seconds);
      put_str(vj, "manual", v.manual);
      put_str(vj, "evidence", v.evidence);
      if (v.verified_on) vj["verified_on"] = v.verified_on->str();
      j["verification"] = std::move(vj);
    }
    return j;
  });
  section("threats", m.threats, [](const model::Threat& t) {
    Json j = {{"id", t.id}, {"title", t.title}};
    put_stride(j, t.stride);
    put_ref(j, "target", t.target);
    put_ref(j, "adversary", t.adversary);
    put_refs(j, "assets", t.assets);
    put_str(j, "vector", t.vector);
    put_int(j, "likelihood", t.likelihood);
    put_int(j, "impact", t.impact);
    put_str(j, "mitigation", t.mitigation);
    put_str(j, "description", t.description);
    put_ints(j, "cwe", t.cwe);
    put_ints(j, "capec", t.capec);
    return j;
  });
  section("decisions", m.decisions, [](const model::Decision& x) {
    Json j = {{"threat", x.threat.id}};
    put_enum(j, "status", x.status);
    put_str(j, "rationale", x.rationale);
    put_str(j, "owner", x.owner);
    if (x.review_by) j["review_by"] = x.review_by->str();
    put_int(j, "likelihood", x.likelihood);
    put_int(j, "impact", x.impact);
    return j;
  });
  section("failure_modes", m.failure_modes, [](const model::FailureMode& f) {
    Json j = Json::object();
    put_str(j, "id", f.id);
    put_ref(j, "component", f.component);
    j["scenario"] = f.scenario;
    put_enum(j, "behaviour", f.behaviour);
    put_str(j, "security_impact", f.security_impact);
    put_refs(j, "mitigated_by", f.mitigated_by);
    put_str(j, "description", f.description);
    return j;
  });
  section("not_applicable", m.not_applicable, [](const model::NotApplicable& n) {
    Json j = {{"target", n.target.id}};
    put_stride(j, n.stride);
    j["because"] = n.because;
    return j;
  });
  if (m.pasta.present) {
    const auto& p = m.pasta;
    Json pj = Json::object();
    if (!p.objectives.empty()) {
      pj["objectives"] = Json::array();
      for (const auto& o : p.objectives) {
        Json j = {{"id", o.id}, {"statement", o.statement}};
        put_strs(j, "compliance", o.compliance);
        put_str(j, "impact_if_failed", o.impact_if_failed);
        pj["objectives"].push_back(std::move(j));
      }
    }
    if (!p.out_of_scope.empty()) {
      Json oos = Json::array();
      for (const auto& o : p.out_of_scope)
        oos.push_back({{"item", o.item}, {"because", o.because}});
      pj["scope"] = {{"out_of_scope", std::move(oos)}};
    }
    if (!p.threat_intelligence.empty()) {
      pj["threat_intelligence"] = Json::array();
      for (const auto& t : p.threat_intelligence) {
        Json j = {{"id", t.id}};
        put_str(j, "source", t.source);
        put_str(j, "summary", t.summary);
        put_refs(j, "relevant_to", t.relevant_to);
        put_refs(j, "adversaries", t.adversaries);
        pj["threat_intelligence"].push_back(std::move(j));
      }
    }
    if (!p.vulnerabilities.empty()) {
      pj["vulnerabilities"] = Json::array();
      for (const auto& v : p.vulnerabilities) {
        Json j = {{"id", v.id}};
        put_ref(j, "target", v.target);
        put_ints(j, "cwe", v.cwe);
        put_strs(j, "cve", v.cve);
        put_str(j, "source", v.source);
        put_str(j, "description", v.description);
        put_enum(j, "status", v.status);
        pj["vulnerabilities"].push_back(std::move(j));
      }
    }
    d["pasta"] = std::move(pj);
  }
  section("attack_trees", m.attack_trees, [](const model::AttackTree& t) {
    Json j = {{"id", t.id}, {"goal", t.goal}};
    put_ref(j, "adversary", t.adversary);
    j["root"] = attack_node(t.root);
    return j;
  });
  if (!m.principals.empty()) {
    Json ps = Json::array();
    for (const auto& p : m.principals) {
      Json j = {{"id", p.id}};
      put_str(j, "name", p.name);
      put_enum(j, "kind", p.kind);
      put_bool(j, "long_lived_keys", p.long_lived_keys);
      put_bool(j, "production", p.production);
      if (p.permissions) {  // unset: unknown; [] : none
        Json perms = Json::array();
        for (const auto& x : *p.permissions) {
          Json pj = Json::object();
          pj["effect"] = std::string(name(x.effect));
          pj["actions"] = x.actions;
          pj["resources"] = x.resources;
          put_str(pj, "description", x.description);
          perms.push_back(std::move(pj));
        }
        j["permissions"] = std::move(perms);
      }
      put_refs(j, "assumable_by", p.assumable_by);
      if (!p.trust.empty()) {
        Json tr = Json::array();
        for (const auto& t : p.trust) {
          Json tj = {{"subject", t.subject}};
          put_str(tj, "issuer", t.issuer);
          put_str(tj, "description", t.description);
          tr.push_back(std::move(tj));
        }
        j["trust"] = std::move(tr);
      }
      put_refs(j, "acts_on", p.acts_on);
      put_str(j, "description", p.description);
      ps.push_back(std::move(j));
    }
    d["iam"] = {{"principals", std::move(ps)}};
  }
  return d;
}

std::string symbolic_encode(std::string_view id) {
  std::string out;
  for (char ch : id) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '@') {
      out += "--at--";
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-') {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += '-';
    }
  }
  if (out.empty()) out = "x";
  return out;
}

const std::string& SymbolicNames::name(const std::string& id) {
  auto it = by_id_.find(id);
  if (it != by_id_.end()) return it->second;
  std::string base = symbolic_encode(id);
  std::string n = base;
  for (int i = 2; originals_.count(n); ++i) n = base + "-" + std::to_string(i);
  originals_[n] = id;
  return by_id_.emplace(id, n).first->second;
}

std::string stable_uuid(std::string_view space, std::string_view id) {
  std::string in = "threatwright:";
  in += space;
  in += ':';
  in += id;
  auto h = report::sha256(in);
  h[6] = static_cast<uint8_t>((h[6] & 0x0F) | 0x80);  // version 8
  h[8] = static_cast<uint8_t>((h[8] & 0x3F) | 0x80);  // RFC 9562 variant
  std::string out;
  char buf[3];
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    std::snprintf(buf, sizeof buf, "%02x", h[i]);
    out += buf;
  }
  return out;
}

const model::Boundary* zone(const model::Model& m, const model::Component& c) {
  if (!c.boundary.resolved()) return nullptr;
  return &m.boundaries[static_cast<size_t>(c.boundary.index)];
}

bool flow_encrypted(const model::Flow& f) {
  if (f.encrypted) return *f.encrypted;
  if (const auto* p = model::builtin_protocol(f.effective_protocol())) {
    return p->encrypted.value_or(false);
  }
  return false;
}

std::optional<model::Value> flow_max_value(const model::Model& m, const model::Flow& f) {
  std::optional<model::Value> best;
  auto see = [&](const std::vector<model::Ref>& refs) {
    for (const auto& r : refs) {
      if (!r.resolved()) continue;
      const auto& v = m.assets[static_cast<size_t>(r.index)].value;
      if (v && (!best || *v > *best)) best = v;
    }
  };
  see(f.data);
  see(f.returns);
  return best;
}

std::multimap<std::string, const engine::Threat*> threats_by_target(const engine::Analysis& a) {
  std::multimap<std::string, const engine::Threat*> out;
  for (const auto& t : a.threats) out.emplace(t.target, &t);
  return out;
}

std::string stride_title(model::Stride s) {
  switch (s) {
    case model::Stride::Spoofing:
      return "Spoofing";
    case model::Stride::Tampering:
      return "Tampering";
    case model::Stride::Repudiation:
      return "Repudiation";
    case model::Stride::InformationDisclosure:
      return "Information disclosure";
    case model::Stride::DenialOfService:
      return "Denial of service";
    case model::Stride::ElevationOfPrivilege:
      return "Elevation of privilege";
  }
  return "";
}

ModelIndex::ModelIndex(const model::Model& m)
    : flows_of(m.components.size()), stored_in(m.assets.size()) {
  for (size_t i = 0; i < m.flows.size(); ++i) {
    const auto& f = m.flows[i];
    if (f.from.resolved()) flows_of[size_t(f.from.index)].push_back(int(i));
    if (f.to.resolved() && f.to.index != f.from.index)
      flows_of[size_t(f.to.index)].push_back(int(i));
  }
  for (size_t c = 0; c < m.components.size(); ++c) {
    for (const auto& r : m.components[c].stores) {
      if (r.resolved()) stored_in[size_t(r.index)].push_back(int(c));
    }
  }
  for (size_t i = 0; i < m.not_applicable.size(); ++i)
    not_applicable_of[m.not_applicable[i].target.id].push_back(int(i));
  for (size_t i = 0; i < m.decisions.size(); ++i)
    decisions_of[m.decisions[i].threat.id].push_back(int(i));
}

void append_distinct(Json& object, std::string key, Json value) {
  if (!object.is_object()) object = Json::object();
  auto& map = object.get_ref<Json::object_t&>();
  using Base = std::vector<std::pair<const std::string, Json>>;
  static_cast<Base&>(map).emplace_back(std::move(key), std::move(value));
}

std::string sentences(std::string a, const std::string& b) {
  if (b.empty()) return a;
  if (a.empty()) return b;
  char last = a.back();
  if (last != '.' && last != '!' && last != '?' && last != ':') a += '.';
  return a + " " + b;
}

std::string render(Json j) {
  base::clean_json_strings(j);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace tw::exports
