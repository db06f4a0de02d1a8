// The JSON report: the analysis document of `analyze --format json` (engine/json_output.h)
// plus a "sections" object with the model's content as the other reports show it.

#include <nlohmann/json.hpp>
#include <string>

#include "base/escape.h"
#include "engine/evidence.h"
#include "engine/json_output.h"
#include "report/report.h"
#include "report/view.h"

namespace tw::report {

using nlohmann::ordered_json;

namespace {

template <class E>
ordered_json opt(const std::optional<E>& e) {
  return e ? ordered_json(std::string(model::name(*e))) : ordered_json(nullptr);
}
ordered_json opt_bool(const std::optional<bool>& b) {
  return b ? ordered_json(*b) : ordered_json(nullptr);
}
ordered_json opt_int(const std::optional<int>& i) {
  return i ? ordered_json(*i) : ordered_json(nullptr);
}
ordered_json opt_date(const std::optional<base::Date>& d) {
  return d ? ordered_json(d->str()) : ordered_json(nullptr);
}
ordered_json opt_sev(const std::optional<engine::Severity>& s) {
  return s ? ordered_json(std::string(engine::severity_name(*s))) : ordered_json(nullptr);
}
ordered_json ids(const std::vector<model::Ref>& refs) {
  ordered_json out = ordered_json::array();
  for (const model::Ref& r : refs) out.push_back(r.id);
  return out;
}
ordered_json ref(const model::Ref& r) {
  return r.id.empty() ? ordered_json(nullptr) : ordered_json(r.id);
}

ordered_json coverage(const View& v,
                      const std::string& target,
                      std::optional<model::ComponentType> type) {
  ordered_json out;
  auto cells = v.stride_cells(target, type);
  for (model::Stride s : model::kAllStride) {
    const StrideCell& c = cells[static_cast<size_t>(s)];
    ordered_json j;
    switch (c.kind) {
      case StrideCell::Kind::Threats: {
        j["status"] = "threats";
        ordered_json ts = ordered_json::array();
        for (const engine::Threat* t : c.threats) ts.push_back(t->id);
        j["threats"] = std::move(ts);
        break;
      }
      case StrideCell::Kind::NotApplicable:
        j["status"] = "not-applicable";
        j["reason"] = c.reason;
        j["by_chart"] = c.by_chart;
        break;
      case StrideCell::Kind::NotAnalysed:
        j["status"] = "not-analysed";
        break;
      case StrideCell::Kind::Considered:
        j["status"] = "considered";
        break;
    }
    out[std::string(model::name(s))] = std::move(j);
  }
  return out;
}

ordered_json sections(const View& v) {
  const model::Model& m = v.m;
  ordered_json s;
  {
    ordered_json j;
    j["name"] = m.system.name;
    j["description"] = m.system.description;
    j["owner"] = m.system.owner;
    j["methodology"] = opt(m.system.methodology);
    j["review"]["cadence_days"] = opt_int(m.system.review.cadence_days);
    j["review"]["last_reviewed"] = opt_date(m.system.review.last_reviewed);
    j["review"]["next_review"] = opt_date(v.next_review());
    j["review"]["reviewers"] = m.system.review.reviewers;
    s["system"] = std::move(j);
  }
  ordered_json assets = ordered_json::array();
  for (const model::Asset& a : m.assets) {
    ordered_json j;
    j["id"] = a.id;
    j["name"] = a.name;
    j["value"] = opt(a.value);
    j["impact"] = a.impact;
    j["cia"]["confidentiality"] = opt(a.cia.confidentiality);
    j["cia"]["integrity"] = opt(a.cia.integrity);
    j["cia"]["availability"] = opt(a.cia.availability);
    ordered_json stored = ordered_json::array(), carried = ordered_json::array();
    for (const model::Component& c : m.components) {
      for (const model::Ref& r : c.stores) {
        if (r.id == a.id) {
          stored.push_back(c.id);
          break;
        }
      }
    }
    for (const model::Flow& f : m.flows) {
      for (const model::Ref& r : f.data) {
        if (r.id == a.id) {
          carried.push_back(f.id);
          break;
        }
      }
    }
    j["stored_in"] = std::move(stored);
    j["carried_by"] = std::move(carried);
    assets.push_back(std::move(j));
  }
  s["assets"] = std::move(assets);
  ordered_json advs = ordered_json::array();
  for (const model::Adversary& a : m.adversaries) {
    ordered_json j;
    j["id"] = a.id;
    j["name"] = a.name;
    j["access"] = opt(a.access);
    j["capability"] = opt(a.capability);
    j["motivation"] = a.motivation;
    ordered_json reach = ordered_json::array();
    for (size_t c = 0; c < m.components.size(); ++c) {
      if (v.facts.reaches(a, static_cast<int>(c))) reach.push_back(m.components[c].id);
    }
    j["reaches"] = std::move(reach);
    advs.push_back(std::move(j));
  }
  s["adversaries"] = std::move(advs);
  ordered_json bounds = ordered_json::array();
  for (size_t b = 0; b < m.boundaries.size(); ++b) {
    const model::Boundary& x = m.boundaries[b];
    ordered_json j;
    j["id"] = x.id;
    j["name"] = x.name;
    j["trust"] = opt(x.trust);
    j["parent"] = ref(x.parent);
    ordered_json cs = ordered_json::array();
    for (int c : v.boundary_components(static_cast<int>(b))) cs.push_back(m.components[c].id);
    j["components"] = std::move(cs);
    bounds.push_back(std::move(j));
  }
  s["boundaries"] = std::move(bounds);
  ordered_json comps = ordered_json::array();
  for (size_t i = 0; i < m.components.size(); ++i) {
    const model::Component& c = m.components[i];
    ordered_json j;
    j["id"] = c.id;
    j["name"] = c.name;
    j["type"] = std::string(model::name(c.type));
    j["kind"] = c.kind;
    if (!c.base_kind.empty()) j["base_kind"] = c.base_kind;  // a kind the model declares
    j["boundary"] = ref(c.boundary);
    j["trust"] = std::string(model::name(v.facts.trust[i]));
    j["technology"] = c.technology;
    j["internet_exposed"] = static_cast<bool>(v.facts.internet_exposed[i]);
    ordered_json facts;  // null: the model leaves the fact unknown
    facts["internet_facing"] = opt_bool(c.internet_facing);
    facts["authentication"] = opt(c.authentication);
    facts["authorization"] = opt(c.authorization);
    facts["input_validation"] = opt_bool(c.input_validation);
    facts["output_encoding"] = opt_bool(c.output_encoding);
    facts["audit_log"] = opt_bool(c.audit_log);
    facts["rate_limited"] = opt_bool(c.rate_limited);
    facts["runs_as_root"] = opt_bool(c.runs_as_root);
    facts["fail_mode"] = opt(c.fail_mode);
    facts["encrypted_at_rest"] = opt_bool(c.encrypted_at_rest);
    facts["backups"] = opt_bool(c.backups);
    j["facts"] = std::move(facts);
    j["stores"] = ids(c.stores);
    j["code"] = c.code;
    j["worst_open_severity"] = opt_sev(v.worst_open_component(static_cast<int>(i)));
    j["stride"] = coverage(v, c.id, c.type);
    comps.push_back(std::move(j));
  }
  s["components"] = std::move(comps);
  ordered_json flows = ordered_json::array();
  for (size_t i = 0; i < m.flows.size(); ++i) {
    const model::Flow& f = m.flows[i];
    static const char* const kCrossing[] = {"none", "inbound", "outbound", "lateral"};
    ordered_json j;
    j["id"] = f.id;
    j["name"] = f.name;
    j["from"] = f.from.id;
    j["to"] = f.to.id;
    j["protocol"] = f.protocol;
    if (!f.base_protocol.empty()) j["base_protocol"] = f.base_protocol;
    j["data"] = ids(f.data);
    j["encrypted"] = opt_bool(f.encrypted);
    j["authenticated"] = opt_bool(f.authenticated);
    j["mutual_tls"] = opt_bool(f.mutual_tls);
    j["port"] = opt_int(f.port);
    j["crossing"] = kCrossing[static_cast<size_t>(v.facts.crossing[i])];
    j["worst_open_severity"] = opt_sev(v.worst_open_flow(static_cast<int>(i)));
    j["stride"] = coverage(v, f.id, std::nullopt);
    flows.push_back(std::move(j));
  }
  s["flows"] = std::move(flows);
  ordered_json supply = ordered_json::array();
  for (const model::SupplyItem& x : m.supply_chain) {
    ordered_json j;
    j["id"] = x.id;
    j["name"] = x.name;
    j["kind"] = opt(x.kind);
    j["ecosystem"] = x.ecosystem;
    j["used_by"] = ids(x.used_by);
    j["pinned"] = opt_bool(x.pinned);
    j["integrity_checked"] = opt_bool(x.integrity_checked);
    j["source"] = x.source;
    supply.push_back(std::move(j));
  }
  s["supply_chain"] = std::move(supply);
  ordered_json controls = ordered_json::array();
  for (const model::Control& c : m.controls) {
    ordered_json j;
    j["id"] = c.id;
    j["name"] = c.name;
    j["mechanism"] = c.mechanism;
    j["owner"] = c.owner;
    j["status"] = opt(c.status);
    j["mitigates"] = ids(c.mitigates);
    if (c.verification) {
      const model::Verification& vf = *c.verification;
      ordered_json ver;
      ver["command"] = vf.command.empty() ? ordered_json(nullptr) : ordered_json(vf.command);
      ver["manual"] = vf.manual.empty() ? ordered_json(nullptr) : ordered_json(vf.manual);
      ver["evidence"] = vf.evidence.empty() ? ordered_json(nullptr) : ordered_json(vf.evidence);
      ver["verified_on"] = opt_date(vf.verified_on);
      ver["max_age_days"] = opt_int(vf.max_age_days);
      j["verification"] = std::move(ver);
    } else {
      j["verification"] = nullptr;
    }
    engine::ControlEvidence e = v.evidence(c.id);
    j["evidence"]["state"] = std::string(engine::evidence_state_name(e.state));
    j["evidence"]["as_of"] = opt_date(e.as_of);
    j["evidence"]["failing_since"] = opt_date(e.failing_since);
    j["evidence"]["summary"] = v.control_state(c);
    controls.push_back(std::move(j));
  }
  s["controls"] = std::move(controls);
  ordered_json decisions = ordered_json::array();
  for (const model::Decision& d : m.decisions) {
    ordered_json j;
    j["threat"] = d.threat.id;
    j["status"] = opt(d.status);
    j["owner"] = d.owner;
    j["rationale"] = d.rationale;
    j["review_by"] = opt_date(d.review_by);
    j["expired"] = d.review_by && v.o.today.valid() && *d.review_by < v.o.today;
    decisions.push_back(std::move(j));
  }
  s["decisions"] = std::move(decisions);
  ordered_json fms = ordered_json::array();
  for (const model::FailureMode& f : m.failure_modes) {
    ordered_json j;
    j["id"] = f.id;
    j["component"] = f.component.id;
    j["scenario"] = f.scenario;
    j["behaviour"] = opt(f.behaviour);
    j["security_impact"] = f.security_impact;
    j["mitigated_by"] = ids(f.mitigated_by);
    fms.push_back(std::move(j));
  }
  s["failure_modes"] = std::move(fms);
  ordered_json nas = ordered_json::array();
  for (const model::NotApplicable& n : m.not_applicable) {
    ordered_json j;
    j["target"] = n.target.id;
    ordered_json st = ordered_json::array();
    for (model::Stride x : n.stride) st.push_back(std::string(model::name(x)));
    j["stride"] = std::move(st);
    j["because"] = n.because;
    nas.push_back(std::move(j));
  }
  s["not_applicable"] = std::move(nas);
  return s;
}

}  // namespace

std::string write_json(const model::Model& m, const engine::Analysis& a, const Options& o) {
  View v(m, a, o);
  ordered_json j = engine::analysis_json(m, a);
  j["sections"] = sections(v);
  base::clean_json_strings(j);  // model text: no control or hidden characters
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace tw::report
