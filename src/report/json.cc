// The JSON report: the analysis document of `analyze --format json` (engine/json_output.h)
// plus a "sections" object with the model's content as the other reports show it.

#include <sstream>
#include <string>
#include <unordered_map>

#include "base/json_writer.h"
#include "engine/evidence.h"
#include "engine/json_output.h"
#include "model/iam.h"
#include "report/report.h"
#include "report/view.h"

namespace tw::report {

namespace {

using base::JsonWriter;

template <class E>
void opt(JsonWriter& w, std::string_view key, const std::optional<E>& e) {
  w.key(key);
  if (e) {
    w.value(model::name(*e));
  } else {
    w.null();
  }
}
void opt_bool(JsonWriter& w, std::string_view key, const std::optional<bool>& b) {
  w.key(key);
  if (b) {
    w.value(*b);
  } else {
    w.null();
  }
}
void opt_int(JsonWriter& w, std::string_view key, const std::optional<int>& i) {
  w.key(key);
  if (i) {
    w.value(*i);
  } else {
    w.null();
  }
}
void opt_date(JsonWriter& w, std::string_view key, const std::optional<base::Date>& d) {
  w.key(key);
  if (d) {
    w.value(d->str());
  } else {
    w.null();
  }
}
void opt_sev(JsonWriter& w, std::string_view key, const std::optional<engine::Severity>& s) {
  w.key(key);
  if (s) {
    w.value(engine::severity_name(*s));
  } else {
    w.null();
  }
}
void opt_text(JsonWriter& w, std::string_view key, const std::string& s) {
  w.key(key);
  if (s.empty()) {
    w.null();
  } else {
    w.value(s);
  }
}
void ids(JsonWriter& w, std::string_view key, const std::vector<model::Ref>& refs) {
  w.key(key);
  w.begin_array();
  for (const model::Ref& r : refs) w.value(r.id);
  w.end_array();
}
void ref(JsonWriter& w, std::string_view key, const model::Ref& r) { opt_text(w, key, r.id); }
template <class E>
void enums(JsonWriter& w, std::string_view key, const std::vector<E>& values) {
  w.key(key);
  w.begin_array();
  for (E e : values) w.value(model::name(e));
  w.end_array();
}

void coverage(JsonWriter& w,
              const View& v,
              const std::string& target,
              std::optional<model::ComponentType> type) {
  w.key("stride");
  w.begin_object();
  auto cells = v.stride_cells(target, type);
  for (model::Stride s : model::kAllStride) {
    const StrideCell& c = cells[static_cast<size_t>(s)];
    w.key(model::name(s));
    w.begin_object();
    switch (c.kind) {
      case StrideCell::Kind::Threats: {
        w.field("status", "threats");
        w.key("threats");
        w.begin_array();
        for (const engine::Threat* t : c.threats) w.value(t->id);
        w.end_array();
        break;
      }
      case StrideCell::Kind::NotApplicable:
        w.field("status", "not-applicable");
        w.field("reason", c.reason);
        w.field("by_chart", c.by_chart);
        break;
      case StrideCell::Kind::NotAnalysed:
        w.field("status", "not-analysed");
        break;
      case StrideCell::Kind::Considered:
        w.field("status", "considered");
        break;
    }
    w.end_object();
  }
  w.end_object();
}

/// For each asset (by index), the components that store it and the flows that carry it, in
/// model order, each once.
struct AssetUse {
  std::vector<std::vector<const std::string*>> stored_in, carried_by;
};

AssetUse asset_use(const model::Model& m) {
  AssetUse use;
  use.stored_in.resize(m.assets.size());
  use.carried_by.resize(m.assets.size());
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < m.assets.size(); ++i) index.emplace(m.assets[i].id, i);
  auto add = [&](const std::vector<model::Ref>& refs, const std::string& id,
                 std::vector<std::vector<const std::string*>>& lists) {
    for (size_t r = 0; r < refs.size(); ++r) {
      auto it = index.find(refs[r].id);
      if (it == index.end()) continue;
      bool seen = false;  // an asset named twice lists the element once
      for (size_t q = 0; q < r && !seen; ++q) seen = refs[q].id == refs[r].id;
      if (!seen) lists[it->second].push_back(&id);
    }
  };
  for (const model::Component& c : m.components) add(c.stores, c.id, use.stored_in);
  for (const model::Flow& f : m.flows) add(f.data, f.id, use.carried_by);
  return use;
}

void sections(JsonWriter& w, const View& v) {
  const model::Model& m = v.m;
  w.key("sections");
  w.begin_object();
  w.key("system");
  w.begin_object();
  w.field("name", m.system.name);
  w.field("description", m.system.description);
  w.field("owner", m.system.owner);
  opt(w, "methodology", m.system.methodology);
  w.key("review");
  w.begin_object();
  opt_int(w, "cadence_days", m.system.review.cadence_days);
  opt_date(w, "last_reviewed", m.system.review.last_reviewed);
  opt_date(w, "next_review", v.next_review());
  w.field_strings("reviewers", m.system.review.reviewers);
  w.end_object();
  w.end_object();

  AssetUse use = asset_use(m);
  w.key("assets");
  w.begin_array();
  for (size_t i = 0; i < m.assets.size(); ++i) {
    const model::Asset& a = m.assets[i];
    w.begin_object();
    w.field("id", a.id);
    w.field("name", a.name);
    opt(w, "value", a.value);
    w.field("impact", a.impact);
    w.key("cia");
    w.begin_object();
    opt(w, "confidentiality", a.cia.confidentiality);
    opt(w, "integrity", a.cia.integrity);
    opt(w, "availability", a.cia.availability);
    w.end_object();
    opt(w, "quantity", a.quantity);
    w.key("stored_in");
    w.begin_array();
    for (const std::string* id : use.stored_in[i]) w.value(*id);
    w.end_array();
    w.key("carried_by");
    w.begin_array();
    for (const std::string* id : use.carried_by[i]) w.value(*id);
    w.end_array();
    w.end_object();
  }
  w.end_array();

  w.key("adversaries");
  w.begin_array();
  for (const model::Adversary& a : m.adversaries) {
    w.begin_object();
    w.field("id", a.id);
    w.field("name", a.name);
    opt(w, "access", a.access);
    opt(w, "capability", a.capability);
    w.field("motivation", a.motivation);
    w.key("reaches");
    w.begin_array();
    for (size_t c = 0; c < m.components.size(); ++c) {
      if (v.facts.reaches(a, static_cast<int>(c))) w.value(m.components[c].id);
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();

  w.key("boundaries");
  w.begin_array();
  for (size_t b = 0; b < m.boundaries.size(); ++b) {
    const model::Boundary& x = m.boundaries[b];
    w.begin_object();
    w.field("id", x.id);
    w.field("name", x.name);
    opt(w, "trust", x.trust);
    opt(w, "type", x.type);
    ref(w, "parent", x.parent);
    w.key("components");
    w.begin_array();
    for (int c : v.boundary_components(static_cast<int>(b))) w.value(m.components[c].id);
    w.end_array();
    w.end_object();
  }
  w.end_array();

  w.key("components");
  w.begin_array();
  for (size_t i = 0; i < m.components.size(); ++i) {
    const model::Component& c = m.components[i];
    w.begin_object();
    w.field("id", c.id);
    w.field("name", c.name);
    w.field("type", model::name(c.type));
    w.field("kind", c.kind);
    if (!c.base_kind.empty()) w.field("base_kind", c.base_kind);  // a kind the model declares
    ref(w, "boundary", c.boundary);
    w.field("trust", model::name(v.facts.trust[i]));
    w.field("technology", c.technology);
    w.field("internet_exposed", static_cast<bool>(v.facts.internet_exposed[i]));
    w.key("facts");  // null: the model leaves the fact unknown
    w.begin_object();
    opt_bool(w, "internet_facing", c.internet_facing);
    opt(w, "authentication", c.authentication);
    opt(w, "authorization", c.authorization);
    opt_bool(w, "input_validation", c.input_validation);
    opt_bool(w, "output_encoding", c.output_encoding);
    opt_bool(w, "audit_log", c.audit_log);
    opt_bool(w, "rate_limited", c.rate_limited);
    opt_bool(w, "runs_as_root", c.runs_as_root);
    opt(w, "fail_mode", c.fail_mode);
    opt_bool(w, "encrypted_at_rest", c.encrypted_at_rest);
    opt(w, "encryption", c.encryption);
    opt_bool(w, "backups", c.backups);
    opt_bool(w, "used_by_humans", c.used_by_humans);
    opt_bool(w, "multi_tenant", c.multi_tenant);
    opt_bool(w, "redundant", c.redundant);
    opt_bool(w, "custom_developed", c.custom_developed);
    opt(w, "machine", c.machine);
    // Web-application facts.
    opt(w, "sessions", c.sessions);
    opt_bool(w, "csrf_protection", c.csrf_protection);
    opt_bool(w, "object_authorization", c.object_authorization);
    opt_bool(w, "password_reset", c.password_reset);
    opt_bool(w, "accepts_uploads", c.accepts_uploads);
    opt_bool(w, "upload_validation", c.upload_validation);
    opt(w, "secrets", c.secrets);
    opt_bool(w, "deployment_checks", c.deployment_checks);
    opt_bool(w, "email_authentication", c.email_authentication);
    w.end_object();
    enums(w, "data_formats", c.data_formats);
    ref(w, "runs_on", c.runs_on);
    ids(w, "stores", c.stores);
    if (!c.runs_as.id.empty()) w.field("runs_as", c.runs_as.id);  // IAM
    w.field_strings("code", c.code);
    opt_sev(w, "worst_open_severity", v.worst_open_component(static_cast<int>(i)));
    coverage(w, v, c.id, c.type);
    w.end_object();
  }
  w.end_array();

  w.key("flows");
  w.begin_array();
  for (size_t i = 0; i < m.flows.size(); ++i) {
    const model::Flow& f = m.flows[i];
    static const char* const kCrossing[] = {"none", "inbound", "outbound", "lateral"};
    w.begin_object();
    w.field("id", f.id);
    w.field("name", f.name);
    w.field("from", f.from.id);
    w.field("to", f.to.id);
    w.field("protocol", f.protocol);
    if (!f.base_protocol.empty()) w.field("base_protocol", f.base_protocol);
    ids(w, "data", f.data);
    opt_bool(w, "encrypted", f.encrypted);
    opt_bool(w, "authenticated", f.authenticated);
    opt_bool(w, "mutual_tls", f.mutual_tls);
    opt(w, "authentication", f.authentication);
    opt(w, "authorization", f.authorization);
    opt_bool(w, "vpn", f.vpn);
    opt_bool(w, "ip_filtered", f.ip_filtered);
    opt_bool(w, "read_only", f.read_only);
    opt(w, "usage", f.usage);
    opt_int(w, "port", f.port);
    opt_bool(w, "signed", f.signed_messages);
    opt_bool(w, "replay_protection", f.replay_protection);
    w.field("crossing", kCrossing[static_cast<size_t>(v.facts.crossing[i])]);
    opt_sev(w, "worst_open_severity", v.worst_open_flow(static_cast<int>(i)));
    coverage(w, v, f.id, std::nullopt);
    w.end_object();
  }
  w.end_array();

  // IAM: only in models that have principals.
  if (!m.principals.empty()) {
    model::IamFacts iam(m);
    w.key("principals");
    w.begin_array();
    for (size_t i = 0; i < m.principals.size(); ++i) {
      const model::Principal& p = m.principals[i];
      const model::PrincipalFacts& f = iam.principals[i];
      w.begin_object();
      w.field("id", p.id);
      w.field("name", p.name);
      opt(w, "kind", p.kind);
      opt_bool(w, "long_lived_keys", p.long_lived_keys);
      opt_bool(w, "production", f.production);
      w.key("permissions");
      if (p.permissions) {
        w.begin_array();
        for (const model::Permission& s : *p.permissions) {
          w.begin_object();
          w.field("effect", model::name(s.effect));
          w.field_strings("actions", s.actions);
          w.field_strings("resources", s.resources);
          w.end_object();
        }
        w.end_array();
      } else {
        w.null();
      }
      ids(w, "assumable_by", p.assumable_by);
      w.key("trust");
      w.begin_array();
      for (size_t t = 0; t < p.trust.size(); ++t) {
        w.begin_object();
        w.field("issuer", p.trust[t].issuer);
        w.field("subject", p.trust[t].subject);
        w.field("breadth", model::breadth_name(f.trust_breadth[t]));
        w.end_object();
      }
      w.end_array();
      ids(w, "acts_on", p.acts_on);
      w.field("administrative", f.administrative);
      w.field("full_admin", f.full_admin);
      w.field_strings("escalation", f.escalation);
      w.field_strings("wildcards", f.wildcards);
      w.key("components");
      w.begin_array();
      for (int c : f.components) w.value(m.components[c].id);
      w.end_array();
      w.end_object();
    }
    w.end_array();
  }

  w.key("supply_chain");
  w.begin_array();
  for (const model::SupplyItem& x : m.supply_chain) {
    w.begin_object();
    w.field("id", x.id);
    w.field("name", x.name);
    opt(w, "kind", x.kind);
    w.field("ecosystem", x.ecosystem);
    ids(w, "used_by", x.used_by);
    opt_bool(w, "pinned", x.pinned);
    opt_bool(w, "integrity_checked", x.integrity_checked);
    w.field("source", x.source);
    w.end_object();
  }
  w.end_array();

  w.key("controls");
  w.begin_array();
  for (const model::Control& c : m.controls) {
    w.begin_object();
    w.field("id", c.id);
    w.field("name", c.name);
    w.field("mechanism", c.mechanism);
    w.field("owner", c.owner);
    opt(w, "status", c.status);
    ids(w, "mitigates", c.mitigates);
    w.key("verification");
    if (c.verification) {
      const model::Verification& vf = *c.verification;
      w.begin_object();
      opt_text(w, "command", vf.command);
      opt_text(w, "manual", vf.manual);
      opt_text(w, "evidence", vf.evidence);
      opt_date(w, "verified_on", vf.verified_on);
      opt_int(w, "max_age_days", vf.max_age_days);
      w.end_object();
    } else {
      w.null();
    }
    engine::ControlEvidence e = v.evidence(c.id);
    w.key("evidence");
    w.begin_object();
    w.field("state", engine::evidence_state_name(e.state));
    opt_date(w, "as_of", e.as_of);
    opt_date(w, "failing_since", e.failing_since);
    w.field("summary", v.control_state(c));
    w.end_object();
    w.end_object();
  }
  w.end_array();

  w.key("decisions");
  w.begin_array();
  for (const model::Decision& d : m.decisions) {
    w.begin_object();
    w.field("threat", d.threat.id);
    opt(w, "status", d.status);
    w.field("owner", d.owner);
    w.field("rationale", d.rationale);
    opt_date(w, "review_by", d.review_by);
    w.field("expired", d.review_by && v.o.today.valid() && *d.review_by < v.o.today);
    w.end_object();
  }
  w.end_array();

  w.key("failure_modes");
  w.begin_array();
  for (const model::FailureMode& f : m.failure_modes) {
    w.begin_object();
    w.field("id", f.id);
    w.field("component", f.component.id);
    w.field("scenario", f.scenario);
    opt(w, "behaviour", f.behaviour);
    w.field("security_impact", f.security_impact);
    ids(w, "mitigated_by", f.mitigated_by);
    w.end_object();
  }
  w.end_array();

  w.key("not_applicable");
  w.begin_array();
  for (const model::NotApplicable& n : m.not_applicable) {
    w.begin_object();
    w.field("target", n.target.id);
    w.key("stride");
    w.begin_array();
    for (model::Stride x : n.stride) w.value(model::name(x));
    w.end_array();
    w.field("because", n.because);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

void write_json(const model::Model& m,
                const engine::Analysis& a,
                const Options& o,
                std::ostream& out) {
  View v(m, a, o);
  base::Output text(out);
  // Model text: no control or hidden characters (clean_utf8).
  JsonWriter w(text, JsonWriter::Strings::Clean);
  w.begin_object();
  engine::write_analysis_fields(w, m, a);
  sections(w, v);
  w.end_object();
  text += '\n';
}

std::string write_json(const model::Model& m, const engine::Analysis& a, const Options& o) {
  std::ostringstream out;
  write_json(m, a, o, out);
  return std::move(out).str();
}

}  // namespace tw::report
