#include "load/builder.h"

#include <algorithm>
#include <exception>

#include "base/memory.h"
#include "base/text.h"
#include "load/format.h"
#include "load/reader.h"
#include "load/yaml_node.h"

namespace tw::load {

using namespace tw::model;
using base::squote;

namespace {

// Calls `fn` for each item of a list section, reporting a non-list.
template <class Fn>
void each(BuildContext& ctx, const Node* list, std::string_view section, Fn fn) {
  if (!list || list->is_null()) return;
  if (!list->is_seq()) {
    ctx.diags->error("wrong-type", ctx.loc(list),
                     "'" + std::string(section) + "' must be a list (items start with '- '), got " +
                         list->describe());
    return;
  }
  for (size_t i = 0; i < list->count; ++i) fn(list->item(i));
}

System build_system(BuildContext& ctx, const Node* n) {
  MapReader r(ctx, n, format::system);
  System s;
  s.loc = r.loc();
  if (!r.ok()) return s;
  s.name = r.str("name", true);
  s.description = r.str("description");
  s.owner = r.str("owner");
  s.methodology = r.enumv<Methodology>("methodology");
  if (const Node* rv = r.get("review")) {
    MapReader rr(ctx, rv, format::review);
    s.review.loc = rr.loc();
    s.review.cadence_days = rr.integer("cadence_days", 1, 3650);
    s.review.last_reviewed = rr.date("last_reviewed");
    s.review.reviewers = rr.strings("reviewers");
  }
  return s;
}

void build_asset(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::asset);
  if (!r.ok()) return;
  Asset a;
  a.loc = r.loc_of("id");
  a.id = r.id();
  a.name = r.str("name");
  a.description = r.str("description");
  a.value = r.enumv<Value>("value");
  a.impact = r.str("impact");
  if (const Node* c = r.get("cia")) {
    MapReader cr(ctx, c, format::cia);
    a.cia.confidentiality = cr.enumv<Level3>("confidentiality");
    a.cia.integrity = cr.enumv<Level3>("integrity");
    a.cia.availability = cr.enumv<Level3>("availability");
  }
  a.quantity = r.enumv<Quantity>("quantity");
  m.assets.push_back(std::move(a));
}

void build_adversary(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::adversary);
  if (!r.ok()) return;
  Adversary a;
  a.loc = r.loc_of("id");
  a.id = r.id();
  a.name = r.str("name");
  a.description = r.str("description");
  a.access = r.enumv<Access>("access");
  a.capability = r.enumv<Capability>("capability");
  a.motivation = r.str("motivation");
  m.adversaries.push_back(std::move(a));
}

void build_boundary(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::boundary);
  if (!r.ok()) return;
  Boundary b;
  b.loc = r.loc_of("id");
  b.id = r.id();
  b.name = r.str("name");
  b.description = r.str("description");
  b.trust = r.enumv<Trust>("trust", true);
  b.type = r.enumv<BoundaryType>("type");
  b.parent = r.ref("parent");
  m.boundaries.push_back(std::move(b));
}

/// Reserves room for the rest of a long list section: once 64 items are in, their average
/// height in lines predicts how many more the rest of the file can hold. This spares moving
/// every element of a large section several times as the vector doubles. Capacity beyond what
/// is used is never touched, so it costs address space, not memory.
template <class T>
void anticipate(std::vector<T>& v, BuildContext& ctx, const Node* item) {
  constexpr size_t kSample = 64;
  if (v.size() != kSample || v.capacity() > 2 * kSample || v.front().loc.file != ctx.file) return;
  uint32_t first = v.front().loc.line;
  if (item->line <= first) return;
  if (ctx.lines == 0) {
    const std::string& text = ctx.file->text();
    ctx.lines = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  }
  if (ctx.lines <= item->line) return;
  double per_item = std::max(1.0, double(item->line - first) / kSample);
  size_t more = static_cast<size_t>((ctx.lines - item->line) / per_item) + 1;
  try {
    v.reserve(v.size() + more);
  } catch (const std::exception&) {
    return;  // only a hint: the vector grows as usual
  }
  base::advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

void build_component(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::component);
  if (!r.ok()) return;
  Component c;
  c.loc = r.loc_of("id");
  c.id = r.id();
  c.name = r.str("name");
  c.description = r.str("description");
  if (auto t = r.enumv<ComponentType>("type", true)) c.type = *t;
  c.kind = r.str("kind");
  c.kind_loc = r.loc_of("kind");
  c.boundary = r.ref("boundary");
  c.technology = r.str("technology");
  c.internet_facing = r.boolean("internet_facing");
  c.authentication = r.enumv<Authentication>("authentication");
  c.authorization = r.enumv<Authorization>("authorization");
  c.input_validation = r.boolean("input_validation");
  c.output_encoding = r.boolean("output_encoding");
  c.audit_log = r.boolean("audit_log");
  c.rate_limited = r.boolean("rate_limited");
  c.runs_as_root = r.boolean("runs_as_root");
  c.fail_mode = r.enumv<FailMode>("fail_mode");
  c.used_by_humans = r.boolean("used_by_humans");
  c.multi_tenant = r.boolean("multi_tenant");
  c.redundant = r.boolean("redundant");
  c.custom_developed = r.boolean("custom_developed");
  c.data_formats = r.enums<DataFormat>("data_formats");
  c.machine = r.enumv<Machine>("machine");
  c.runs_on = r.ref("runs_on");
  c.stores = r.refs("stores");
  c.encrypted_at_rest = r.boolean("encrypted_at_rest");
  c.encryption = r.enumv<Encryption>("encryption");
  c.backups = r.boolean("backups");
  c.code = r.strings("code");
  // IAM
  c.runs_as = r.ref("runs_as");
  c.sessions = r.enumv<Sessions>("sessions");
  c.csrf_protection = r.boolean("csrf_protection");
  c.object_authorization = r.boolean("object_authorization");
  c.password_reset = r.boolean("password_reset");
  c.accepts_uploads = r.boolean("accepts_uploads");
  c.upload_validation = r.boolean("upload_validation");
  c.secrets = r.enumv<SecretsAt>("secrets");
  c.deployment_checks = r.boolean("deployment_checks");
  c.email_authentication = r.boolean("email_authentication");
  anticipate(m.components, ctx, n);
  m.components.push_back(std::move(c));
}

void build_flow(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::flow);
  if (!r.ok()) return;
  Flow f;
  f.loc = r.loc_of("id");
  f.id = r.id();
  f.name = r.str("name");
  f.description = r.str("description");
  f.from = r.ref("from", true);
  f.to = r.ref("to", true);
  f.protocol = r.str("protocol");
  f.protocol_loc = r.loc_of("protocol");
  f.data = r.refs("data");
  f.returns = r.refs("returns");
  f.encrypted = r.boolean("encrypted");
  f.authenticated = r.boolean("authenticated");
  f.mutual_tls = r.boolean("mutual_tls");
  f.authentication = r.enumv<FlowAuthentication>("authentication");
  f.authorization = r.enumv<FlowAuthorization>("authorization");
  f.vpn = r.boolean("vpn");
  f.ip_filtered = r.boolean("ip_filtered");
  f.read_only = r.boolean("read_only");
  f.usage = r.enumv<Usage>("usage");
  f.port = r.integer("port", 0, 65535);
  f.signed_messages = r.boolean("signed");
  f.replay_protection = r.boolean("replay_protection");
  anticipate(m.flows, ctx, n);
  m.flows.push_back(std::move(f));
}

void build_supply(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::supply_chain);
  if (!r.ok()) return;
  SupplyItem s;
  s.loc = r.loc_of("id");
  s.id = r.id();
  s.name = r.str("name");
  s.description = r.str("description");
  s.kind = r.enumv<SupplyKind>("kind", true);
  s.ecosystem = r.str("ecosystem");
  s.ecosystem_loc = r.loc_of("ecosystem");
  s.used_by = r.refs("used_by");
  s.pinned = r.boolean("pinned");
  s.integrity_checked = r.boolean("integrity_checked");
  s.source = r.str("source");
  s.source_loc = r.loc_of("source");
  s.version = r.str("version");
  m.supply_chain.push_back(std::move(s));
}

Verification build_verification(BuildContext& ctx, const Node* n) {
  MapReader r(ctx, n, format::verification);
  Verification v;
  v.loc = r.loc();
  if (!r.ok()) return v;
  v.command = r.str("command");
  if (const Node* e = r.get("expect")) {
    MapReader er(ctx, e, format::expect);
    v.expect.exit_code = er.integer("exit_code", 0, 255);
    v.expect.stdout_matches = er.str("stdout_matches");
  }
  v.max_age_days = r.integer("max_age_days", 1, 3650);
  v.timeout_seconds = r.integer("timeout_seconds", 1, 86400);
  v.manual = r.str("manual");
  v.evidence = r.str("evidence");
  v.verified_on = r.date("verified_on");
  if (!v.command.empty() && !v.manual.empty()) {
    ctx.diags->error("conflicting-fields", v.loc,
                     "a verification is either a 'command' or 'manual', not both");
  }
  return v;
}

void build_control(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::control);
  if (!r.ok()) return;
  Control c;
  c.loc = r.loc_of("id");
  c.id = r.id();
  c.name = r.str("name");
  c.description = r.str("description");
  c.mechanism = r.str("mechanism");
  c.mitigates = r.refs("mitigates");
  c.owner = r.str("owner");
  c.status = r.enumv<ControlStatus>("status");
  if (const Node* v = r.get("verification")) c.verification = build_verification(ctx, v);
  m.controls.push_back(std::move(c));
}

void build_threat(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::threat);
  if (!r.ok()) return;
  Threat t;
  t.loc = r.loc_of("id");
  t.id = r.id();
  t.title = r.str("title", true);
  t.description = r.str("description");
  t.stride = r.strides("stride", true);
  t.target = r.ref("target", true);
  t.adversary = r.ref("adversary");
  t.assets = r.refs("assets");
  t.vector = r.str("vector");
  t.likelihood = r.rating("likelihood");
  t.impact = r.rating("impact");
  t.mitigation = r.str("mitigation");
  t.cwe = r.ints("cwe");
  t.capec = r.ints("capec");
  m.threats.push_back(std::move(t));
}

void build_decision(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::decision);
  if (!r.ok()) return;
  Decision d;
  d.loc = r.loc();
  d.threat = r.ref("threat", true);
  d.status = r.enumv<ThreatStatus>("status", true);
  if (d.status == ThreatStatus::Claimed) {  // set by the analysis, never decided
    ctx.diags
        ->error("bad-value", r.loc_of("status"),
                "bad value 'claimed' for 'status' in decision: a claim is what the analysis "
                "calls a stated fact or an unverified control, not a decision")
        .hint =
        "expected one of: open, mitigated, accepted, transferred, false-positive, not-applicable";
    d.status.reset();
  }
  d.rationale = r.str("rationale");
  d.owner = r.str("owner");
  d.review_by = r.date("review_by");
  d.likelihood = r.rating("likelihood");
  d.impact = r.rating("impact");
  m.decisions.push_back(std::move(d));
}

void build_failure_mode(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::failure_mode);
  if (!r.ok()) return;
  FailureMode f;
  f.loc = r.loc_of("id");
  f.id = r.id();
  f.component = r.ref("component", true);
  f.scenario = r.str("scenario", true);
  f.behaviour = r.enumv<Behaviour>("behaviour", true);
  f.security_impact = r.str("security_impact");
  f.description = r.str("description");
  f.mitigated_by = r.refs("mitigated_by");
  m.failure_modes.push_back(std::move(f));
}

void build_not_applicable(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::not_applicable);
  if (!r.ok()) return;
  NotApplicable na;
  na.loc = r.loc();
  na.target = r.ref("target", true);
  na.stride = r.strides("stride", true);
  na.because = r.str("because", true);
  m.not_applicable.push_back(std::move(na));
}

void build_pasta(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::pasta);
  if (!r.ok()) return;
  Pasta& p = m.pasta;
  p.present = true;
  p.loc = r.loc();
  each(ctx, r.get("objectives"), "pasta.objectives", [&](const Node* o) {
    MapReader orr(ctx, o, format::objective);
    if (!orr.ok()) return;
    Objective ob;
    ob.loc = orr.loc_of("id");
    ob.id = orr.id();
    ob.statement = orr.str("statement", true);
    ob.compliance = orr.strings("compliance");
    ob.impact_if_failed = orr.str("impact_if_failed");
    p.objectives.push_back(std::move(ob));
  });
  if (const Node* s = r.get("scope")) {
    MapReader sr(ctx, s, format::scope);
    p.in_scope = sr.strings("in_scope");
    each(ctx, sr.get("out_of_scope"), "pasta.scope.out_of_scope", [&](const Node* o) {
      MapReader orr(ctx, o, format::out_of_scope);
      if (!orr.ok()) return;
      OutOfScope oos;
      oos.loc = orr.loc();
      oos.item = orr.str("item", true);
      oos.because = orr.str("because", true);
      p.out_of_scope.push_back(std::move(oos));
    });
  }
  each(ctx, r.get("threat_intelligence"), "pasta.threat_intelligence", [&](const Node* o) {
    MapReader ir(ctx, o, format::intelligence);
    if (!ir.ok()) return;
    Intelligence ti;
    ti.loc = ir.loc_of("id");
    ti.id = ir.id();
    ti.source = ir.str("source");
    ti.summary = ir.str("summary", true);
    ti.relevant_to = ir.refs("relevant_to");
    ti.adversaries = ir.refs("adversaries");
    p.threat_intelligence.push_back(std::move(ti));
  });
  each(ctx, r.get("vulnerabilities"), "pasta.vulnerabilities", [&](const Node* o) {
    MapReader vr(ctx, o, format::vulnerability);
    if (!vr.ok()) return;
    Vulnerability v;
    v.loc = vr.loc_of("id");
    v.id = vr.id();
    v.target = vr.ref("target", true);
    v.cwe = vr.ints("cwe");
    v.cve = vr.strings("cve");
    v.source = vr.str("source");
    v.status = vr.enumv<VulnStatus>("status");
    v.description = vr.str("description");
    p.vulnerabilities.push_back(std::move(v));
  });
}

AttackNode build_attack_node(BuildContext& ctx, const Node* n) {
  AttackNode a;
  MapReader r(ctx, n, format::attack_node);
  a.loc = r.loc();
  if (!r.ok()) return a;
  a.description = r.str("description");
  const Node* any = r.get("any");
  const Node* all = r.get("all");
  if (any && all) {
    ctx.diags->error("conflicting-fields", a.loc,
                     "an attack tree node has either 'any' (OR) or 'all' (AND), not both");
  }
  if (const Node* kids = any ? any : all) {
    a.op = any ? AttackNode::Op::Any : AttackNode::Op::All;
    if (r.get("id")) a.id = r.id();
    a.step = r.str("step");
    each(ctx, kids, any ? "any" : "all",
         [&](const Node* k) { a.children.push_back(build_attack_node(ctx, k)); });
    if (a.children.empty()) {
      ctx.diags->error("missing-field", a.loc,
                       std::string("'") + (any ? "any" : "all") + "' lists no steps");
    }
    return a;
  }
  a.op = AttackNode::Op::Step;
  if (r.get("id")) a.id = r.id();
  a.step = r.str("step", true);
  a.target = r.ref("target");
  a.threat = r.ref("threat");
  a.cost = r.enumv<Level3>("cost");
  a.difficulty = r.enumv<Level3>("difficulty");
  a.mitigated_by = r.refs("mitigated_by");
  return a;
}

CustomTerm build_term(BuildContext& ctx, const Node* n, const MapSpec& spec) {
  MapReader r(ctx, n, spec);
  CustomTerm t;
  if (!r.ok()) return t;
  t.loc = r.loc_of("id");
  t.id = r.id();
  t.base = r.str("base", true);
  t.base_loc = r.loc_of("base");
  t.description = r.str("description");
  return t;
}

void build_kind(BuildContext& ctx, const Node* n, Model& m) {
  CustomTerm t = build_term(ctx, n, format::kind);
  if (!t.id.empty()) m.kinds.push_back(std::move(t));
}

void build_protocol(BuildContext& ctx, const Node* n, Model& m) {
  CustomTerm t = build_term(ctx, n, format::protocol);
  if (!t.id.empty()) m.protocols.push_back(std::move(t));
}

void build_attack_tree(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::attack_tree);
  if (!r.ok()) return;
  AttackTree t;
  t.loc = r.loc_of("id");
  t.id = r.id();
  t.goal = r.str("goal", true);
  t.description = r.str("description");
  t.adversary = r.ref("adversary");
  if (const Node* root = r.get("root")) {
    t.root = build_attack_node(ctx, root);
  } else {
    r.missing("root");
  }
  m.attack_trees.push_back(std::move(t));
}

// ---- IAM ----

Permission build_permission(BuildContext& ctx, const Node* n) {
  MapReader r(ctx, n, format::permission);
  Permission p;
  p.loc = r.loc();
  if (!r.ok()) return p;
  p.effect = r.enumv<Effect>("effect").value_or(Effect::Allow);
  p.actions = r.strings("actions");
  if (!r.get("actions")) r.missing("actions");
  p.resources = r.strings("resources");
  if (!r.get("resources")) r.missing("resources");
  p.description = r.str("description");
  return p;
}

void build_principal(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::principal);
  if (!r.ok()) return;
  Principal p;
  p.loc = r.loc_of("id");
  p.id = r.id();
  p.name = r.str("name");
  p.description = r.str("description");
  p.kind = r.enumv<PrincipalKind>("kind");
  p.long_lived_keys = r.boolean("long_lived_keys");
  p.production = r.boolean("production");
  if (const Node* list = r.get("permissions")) {
    p.permissions.emplace();
    each(ctx, list, "permissions",
         [&](const Node* s) { p.permissions->push_back(build_permission(ctx, s)); });
  }
  p.assumable_by = r.refs("assumable_by");
  each(ctx, r.get("trust"), "trust", [&](const Node* t) {
    MapReader tr(ctx, t, format::trust);
    if (!tr.ok()) return;
    TrustEntry e;
    e.loc = tr.loc();
    e.subject = tr.str("subject", true);
    e.subject_loc = tr.loc_of("subject");
    e.issuer = tr.str("issuer");
    e.description = tr.str("description");
    p.trust.push_back(std::move(e));
  });
  p.acts_on = r.refs("acts_on");
  m.principals.push_back(std::move(p));
}

// `iam:` may be given in several files of one model: their principals add up.
void build_iam(BuildContext& ctx, const Node* n, Model& m) {
  MapReader r(ctx, n, format::iam);
  if (!r.ok()) return;
  each(ctx, r.get("principals"), "iam.principals",
       [&](const Node* p) { build_principal(ctx, p, m); });
}

}  // namespace

bool build_item(BuildContext& ctx, std::string_view section, const Node* item, Model& m) {
  using Builder = void (*)(BuildContext&, const Node*, Model&);
  static const std::pair<std::string_view, Builder> kSections[] = {
      {"assets", build_asset},
      {"adversaries", build_adversary},
      {"boundaries", build_boundary},
      {"components", build_component},
      {"flows", build_flow},
      {"supply_chain", build_supply},
      {"controls", build_control},
      {"threats", build_threat},
      {"decisions", build_decision},
      {"failure_modes", build_failure_mode},
      {"not_applicable", build_not_applicable},
      {"attack_trees", build_attack_tree},
      {"kinds", build_kind},
      {"protocols", build_protocol}};
  for (const auto& [name, build] : kSections) {
    if (name == section) {
      build(ctx, item, m);
      return true;
    }
  }
  return false;
}

void build_sections(BuildContext& ctx, const Node* top, bool root, Model& m) {
  if (!top->is_map()) {
    ctx.diags
        ->error("wrong-type", ctx.loc(top),
                std::string("a model file must be a mapping of sections, got ") + top->describe())
        .hint = "start the file with 'threatwright: 1'";
    return;
  }
  MapReader r(ctx, top, format::model_file, root ? "the model" : "an included file");
  if (const Node* v = r.get("threatwright")) {
    if (!(v->is_scalar() && v->plain && v->text == "1")) {
      ctx.diags
          ->error("bad-version", ctx.loc(v),
                  "unsupported format version " + squote(v->text) +
                      "; this threatwright reads version 1")
          .hint = "write 'threatwright: 1'";
    }
  } else if (root) {
    r.missing("threatwright");
  }
  if (const Node* s = r.get("system")) {
    if (!m.system.loc.valid()) {
      m.system = build_system(ctx, s);
    } else {
      auto& d = ctx.diags->error("duplicate-section", ctx.loc(s),
                                 "'system' is given more than once in the model");
      d.notes.push_back(base::Note{m.system.loc, "first given here"});
    }
  }
  for (const FieldSpec& f : format::model_file.fields) {
    if (f.type != FieldType::List) continue;
    each(ctx, r.get(f.key), f.key, [&](const Node* n) { build_item(ctx, f.key, n, m); });
  }
  if (r.get("supply_chain")) m.has_supply_chain_section = true;
  if (const Node* p = r.get("pasta")) {
    if (m.pasta.present) {
      auto& d = ctx.diags->error("duplicate-section", ctx.loc(p),
                                 "'pasta' is given more than once in the model");
      d.notes.push_back(base::Note{m.pasta.loc, "first given here"});
    } else {
      build_pasta(ctx, p, m);
    }
  }
  // IAM
  if (const Node* i = r.get("iam")) build_iam(ctx, i, m);
}

}  // namespace tw::load
