#include "diff/model_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "base/text.h"
#include "model/facts.h"
#include "model/iam.h"

namespace tw::diff {

using namespace tw::model;

std::string_view change_name(Change c) {
  switch (c) {
    case Change::Added:
      return "added";
    case Change::Removed:
      return "removed";
    case Change::Changed:
      return "changed";
  }
  return "changed";
}

std::string_view surface_kind_name(SurfaceKind k) {
  switch (k) {
    case SurfaceKind::EntryPoint:
      return "entry-point";
    case SurfaceKind::Crossing:
      return "boundary-crossing";
    case SurfaceKind::InternetFacing:
      return "internet-facing";
  }
  return "entry-point";
}

std::string Place::str() const {
  if (file.empty()) return "";
  return line ? file + ":" + std::to_string(line) : file;
}

Place place_of(const base::Loc& loc) {
  if (!loc.file) return {};
  return Place{loc.file->path(), loc.line};
}

size_t ModelDiff::count(Change c) const {
  return std::count_if(elements.begin(), elements.end(),
                       [c](const ElementChange& e) { return e.change == c; });
}

int authentication_rank(Authentication a) {
  switch (a) {
    case Authentication::None:
      return 0;
    case Authentication::Password:
    case Authentication::ApiKey:
      return 1;
    case Authentication::Token:
    case Authentication::Oauth:
      return 2;
    case Authentication::PasswordMfa:
    case Authentication::Mtls:
    case Authentication::ClientCertificate:
      return 3;
  }
  return 0;
}

int authorization_rank(Authorization a) { return a == Authorization::None ? 0 : 1; }

std::optional<bool> protocol_encrypted(std::string_view p) {
  static const std::string_view kSecure[] = {
      "amqps", "ftps",  "grpc-tls", "grpcs", "h2",    "https",   "imaps", "kafka-tls", "ldaps",
      "mqtts", "pop3s", "rediss",   "sftp",  "smtps", "sql-tls", "ssh",   "tls",       "wss"};
  static const std::string_view kPlain[] = {"amqp",  "ftp",  "grpc",   "h2c",  "http",  "imap",
                                            "kafka", "ldap", "mqtt",   "pop3", "redis", "smtp",
                                            "sql",   "tcp",  "telnet", "udp",  "ws"};
  for (auto s : kSecure) {
    if (p == s) return true;
  }
  for (auto s : kPlain) {
    if (p == s) return false;
  }
  return std::nullopt;
}

namespace {

using Opt = std::optional<std::string>;
using Row = std::pair<std::string, Opt>;
using Rows = std::vector<Row>;

// Builds the attribute rows of one element, every attribute present (nullopt when unset) so
// two elements of a kind line up row by row.
class RowBuilder {
 public:
  Rows rows;

  RowBuilder& text(const char* name, const std::string& s) {
    rows.emplace_back(name, s.empty() ? Opt{} : Opt{s});
    return *this;
  }
  RowBuilder& flag(const char* name, std::optional<bool> b) {
    rows.emplace_back(name, b ? Opt{*b ? "true" : "false"} : Opt{});
    return *this;
  }
  RowBuilder& num(const char* name, std::optional<int> n) {
    rows.emplace_back(name, n ? Opt{std::to_string(*n)} : Opt{});
    return *this;
  }
  RowBuilder& date(const char* name, const std::optional<Date>& d) {
    rows.emplace_back(name, d ? Opt{d->str()} : Opt{});
    return *this;
  }
  template <class E>
  RowBuilder& en(const char* name, std::optional<E> e) {
    rows.emplace_back(name, e ? Opt{std::string(model::name(*e))} : Opt{});
    return *this;
  }
  RowBuilder& ref(const char* name, const Ref& r) { return text(name, r.id); }
  RowBuilder& list(const char* name, std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    rows.emplace_back(name, v.empty() ? Opt{} : Opt{"[" + base::join(v, ", ") + "]"});
    return *this;
  }
  RowBuilder& refs(const char* name, const std::vector<Ref>& v) {
    std::vector<std::string> ids;
    for (const Ref& r : v) ids.push_back(r.id);
    return list(name, std::move(ids));
  }
  RowBuilder& ints(const char* name, const std::vector<int>& v) {
    std::vector<int> s = v;
    std::sort(s.begin(), s.end());
    std::vector<std::string> out;
    for (int i : s) out.push_back(std::to_string(i));
    rows.emplace_back(name, out.empty() ? Opt{} : Opt{"[" + base::join(out, ", ") + "]"});
    return *this;
  }
  template <class E>
  RowBuilder& enums(const char* name, const std::vector<E>& v) {
    std::vector<E> s = v;
    std::sort(s.begin(), s.end());
    std::vector<std::string> out;
    for (E e : s) out.emplace_back(model::name(e));
    rows.emplace_back(name, out.empty() ? Opt{} : Opt{"[" + base::join(out, ", ") + "]"});
    return *this;
  }
};

Rows rows_of(const System& s) {
  RowBuilder b;
  b.text("name", s.name).text("description", s.description).text("owner", s.owner);
  b.en("methodology", s.methodology);
  b.num("review.cadence_days", s.review.cadence_days)
      .date("review.last_reviewed", s.review.last_reviewed)
      .list("review.reviewers", s.review.reviewers);
  return b.rows;
}

Rows rows_of(const Asset& a) {
  RowBuilder b;
  b.text("name", a.name).text("description", a.description).en("value", a.value);
  b.text("impact", a.impact)
      .en("cia.confidentiality", a.cia.confidentiality)
      .en("cia.integrity", a.cia.integrity)
      .en("cia.availability", a.cia.availability)
      .en("quantity", a.quantity);
  return b.rows;
}

Rows rows_of(const Adversary& a) {
  RowBuilder b;
  b.text("name", a.name).text("description", a.description).en("access", a.access);
  b.en("capability", a.capability).text("motivation", a.motivation);
  return b.rows;
}

Rows rows_of(const Boundary& x) {
  RowBuilder b;
  b.text("name", x.name).text("description", x.description).en("trust", x.trust);
  b.en("type", x.type).ref("parent", x.parent);
  return b.rows;
}

Rows rows_of(const Component& c) {
  RowBuilder b;
  b.text("name", c.name).text("description", c.description);
  b.en("type", std::optional<ComponentType>(c.type)).text("kind", c.kind);
  b.ref("boundary", c.boundary).text("technology", c.technology);
  b.flag("internet_facing", c.internet_facing)
      .en("authentication", c.authentication)
      .en("authorization", c.authorization)
      .flag("input_validation", c.input_validation)
      .flag("output_encoding", c.output_encoding)
      .flag("audit_log", c.audit_log)
      .flag("rate_limited", c.rate_limited)
      .flag("runs_as_root", c.runs_as_root)
      .en("fail_mode", c.fail_mode)
      .flag("used_by_humans", c.used_by_humans)
      .flag("multi_tenant", c.multi_tenant)
      .flag("redundant", c.redundant)
      .flag("custom_developed", c.custom_developed)
      .enums("data_formats", c.data_formats)
      .en("machine", c.machine)
      .ref("runs_on", c.runs_on)
      .refs("stores", c.stores)
      .flag("encrypted_at_rest", c.encrypted_at_rest)
      .en("encryption", c.encryption)
      .flag("backups", c.backups)
      .list("code", c.code)
      .en("sessions", c.sessions)
      .flag("csrf_protection", c.csrf_protection)
      .flag("object_authorization", c.object_authorization)
      .flag("password_reset", c.password_reset)
      .flag("accepts_uploads", c.accepts_uploads)
      .flag("upload_validation", c.upload_validation)
      .en("secrets", c.secrets)
      .flag("deployment_checks", c.deployment_checks)
      .flag("email_authentication", c.email_authentication);
  b.ref("runs_as", c.runs_as);  // IAM
  return b.rows;
}

// ---- IAM ----

std::string statement_text(const Permission& p) {
  std::vector<std::string> a = p.actions, r = p.resources;
  std::sort(a.begin(), a.end());
  std::sort(r.begin(), r.end());
  return std::string(model::name(p.effect)) + " " + base::join(a, " ") + " on " +
         base::join(r, " ");
}

Rows rows_of(const Principal& p) {
  RowBuilder b;
  b.text("name", p.name).text("description", p.description).en("kind", p.kind);
  b.flag("long_lived_keys", p.long_lived_keys).flag("production", p.production);
  if (p.permissions) {
    std::vector<std::string> stmts;
    for (const Permission& s : *p.permissions) stmts.push_back(statement_text(s));
    std::sort(stmts.begin(), stmts.end());
    b.rows.emplace_back("permissions", Opt{"[" + base::join(stmts, "; ") + "]"});
  } else {
    b.rows.emplace_back("permissions", Opt{});
  }
  b.refs("assumable_by", p.assumable_by);
  std::vector<std::string> trust;
  for (const TrustEntry& t : p.trust) trust.push_back(t.issuer + " " + t.subject);
  b.list("trust", std::move(trust)).refs("acts_on", p.acts_on);
  return b.rows;
}

Rows rows_of(const Flow& f) {
  RowBuilder b;
  b.text("name", f.name).text("description", f.description);
  b.ref("from", f.from).ref("to", f.to).text("protocol", f.protocol).refs("data", f.data);
  b.flag("encrypted", f.encrypted)
      .flag("authenticated", f.authenticated)
      .flag("mutual_tls", f.mutual_tls)
      .en("authentication", f.authentication)
      .en("authorization", f.authorization)
      .flag("vpn", f.vpn)
      .flag("ip_filtered", f.ip_filtered)
      .flag("read_only", f.read_only)
      .en("usage", f.usage)
      .num("port", f.port)
      .flag("signed", f.signed_messages)
      .flag("replay_protection", f.replay_protection);
  return b.rows;
}

Rows rows_of(const SupplyItem& s) {
  RowBuilder b;
  b.text("name", s.name).text("description", s.description).en("kind", s.kind);
  b.text("ecosystem", s.ecosystem).text("version", s.version).refs("used_by", s.used_by);
  b.flag("pinned", s.pinned).flag("integrity_checked", s.integrity_checked);
  b.text("source", s.source);
  return b.rows;
}

Rows rows_of(const CustomTerm& t) {
  RowBuilder b;
  b.text("base", t.base).text("description", t.description);
  return b.rows;
}

Rows rows_of(const Control& c) {
  RowBuilder b;
  b.text("name", c.name).text("description", c.description).text("mechanism", c.mechanism);
  b.refs("mitigates", c.mitigates).text("owner", c.owner).en("status", c.status);
  static const Verification kNone;
  const Verification& v = c.verification ? *c.verification : kNone;
  b.rows.emplace_back("verification",
                      c.verification ? Opt{v.automated() ? "command" : "manual"} : Opt{});
  b.text("verification.command", v.command)
      .num("verification.expect.exit_code", v.expect.exit_code)
      .text("verification.expect.stdout_matches", v.expect.stdout_matches)
      .num("verification.max_age_days", v.max_age_days)
      .num("verification.timeout_seconds", v.timeout_seconds)
      .text("verification.manual", v.manual)
      .text("verification.evidence", v.evidence)
      .date("verification.verified_on", v.verified_on);
  return b.rows;
}

Rows rows_of(const model::Threat& t) {
  RowBuilder b;
  b.text("title", t.title).text("description", t.description).enums("stride", t.stride);
  b.ref("target", t.target).ref("adversary", t.adversary).refs("assets", t.assets);
  b.text("vector", t.vector).num("likelihood", t.likelihood).num("impact", t.impact);
  b.text("mitigation", t.mitigation).ints("cwe", t.cwe).ints("capec", t.capec);
  return b.rows;
}

Rows rows_of(const Decision& d) {
  RowBuilder b;
  b.en("status", d.status).text("rationale", d.rationale).text("owner", d.owner);
  b.date("review_by", d.review_by).num("likelihood", d.likelihood).num("impact", d.impact);
  return b.rows;
}

Rows rows_of(const FailureMode& f) {
  RowBuilder b;
  b.ref("component", f.component).text("scenario", f.scenario).en("behaviour", f.behaviour);
  b.text("security_impact", f.security_impact).refs("mitigated_by", f.mitigated_by);
  b.text("description", f.description);
  return b.rows;
}

Rows rows_of(const NotApplicable& n) {
  RowBuilder b;
  b.text("because", n.because);
  return b.rows;
}

Rows rows_of(const Objective& o) {
  RowBuilder b;
  b.text("statement", o.statement).list("compliance", o.compliance);
  b.text("impact_if_failed", o.impact_if_failed);
  return b.rows;
}

Rows rows_of(const OutOfScope& o) {
  RowBuilder b;
  b.text("because", o.because);
  return b.rows;
}

Rows rows_of(const Intelligence& i) {
  RowBuilder b;
  b.text("source", i.source).text("summary", i.summary).refs("relevant_to", i.relevant_to);
  b.refs("adversaries", i.adversaries);
  return b.rows;
}

Rows rows_of(const Vulnerability& v) {
  RowBuilder b;
  b.ref("target", v.target).ints("cwe", v.cwe).list("cve", v.cve).en("status", v.status);
  b.text("source", v.source).text("description", v.description);
  return b.rows;
}

// An attack tree in one line: any(a[step; target=x; ...], all(b, c)).
std::string tree_text(const AttackNode& n) {
  if (n.op != AttackNode::Op::Step) {
    std::string s = n.op == AttackNode::Op::Any ? "any(" : "all(";
    if (!n.id.empty()) s = n.id + ":" + s;
    for (size_t i = 0; i < n.children.size(); ++i) {
      if (i) s += ", ";
      s += tree_text(n.children[i]);
    }
    return s + ")";
  }
  RowBuilder b;
  b.text("step", n.step).ref("target", n.target).ref("threat", n.threat).en("cost", n.cost);
  b.en("difficulty", n.difficulty).refs("mitigated_by", n.mitigated_by);
  std::string s = n.id + "[";
  bool first = true;
  for (auto& [k, v] : b.rows) {
    if (!v) continue;
    s += (first ? "" : "; ") + k + "=" + *v;
    first = false;
  }
  return s + "]";
}

Rows rows_of(const AttackTree& t) {
  RowBuilder b;
  b.text("goal", t.goal).ref("adversary", t.adversary);
  b.rows.emplace_back("root", tree_text(t.root));
  return b.rows;
}

std::vector<AttrChange> compare(const Rows& a, const Rows& b) {
  std::vector<AttrChange> out;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].second != b[i].second) out.push_back({a[i].first, a[i].second, b[i].second});
  }
  return out;
}

Attrs set_only(const Rows& r) {
  Attrs out;
  for (auto& [k, v] : r) {
    if (v) out.emplace_back(k, *v);
  }
  return out;
}

template <class T>
std::string name_of(const T& x) {
  if constexpr (requires { x.name; }) {
    return x.name;
  } else if constexpr (requires { x.title; }) {
    return x.title;
  } else if constexpr (requires { x.goal; }) {
    return x.goal;
  } else if constexpr (requires { x.scenario; }) {
    return x.scenario;
  } else if constexpr (requires { x.statement; }) {
    return x.statement;
  } else if constexpr (requires { x.summary; }) {
    return x.summary;
  } else {
    return "";
  }
}

// Diffs one section keyed by `key`; a key seen twice gets "#2", "#3" appended.
template <class T, class Key>
void diff_section(const char* section,
                  const char* kind,
                  const std::vector<T>& before,
                  const std::vector<T>& after,
                  Key key,
                  std::vector<ElementChange>& out) {
  auto index = [&](const std::vector<T>& v) {
    std::map<std::string, const T*> m;
    for (const T& x : v) {
      std::string k = key(x);
      std::string unique = k;
      for (int n = 2; m.count(unique); ++n) unique = k + "#" + std::to_string(n);
      m.emplace(unique, &x);
    }
    return m;
  };
  auto a = index(before), b = index(after);
  std::vector<ElementChange> found;
  for (auto& [k, x] : a) {
    auto it = b.find(k);
    if (it == b.end()) {
      found.push_back({section, kind, k, name_of(*x), Change::Removed, {}, place_of(x->loc)});
      continue;
    }
    auto attrs = compare(rows_of(*x), rows_of(*it->second));
    if (!attrs.empty()) {
      found.push_back({section, kind, k, name_of(*it->second), Change::Changed, std::move(attrs),
                       place_of(it->second->loc)});
    }
  }
  for (auto& [k, x] : b) {
    if (!a.count(k)) {
      found.push_back({section, kind, k, name_of(*x), Change::Added, {}, place_of(x->loc)});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const ElementChange& x, const ElementChange& y) { return x.id < y.id; });
  for (auto& e : found) out.push_back(std::move(e));
}

std::string stride_key(const std::vector<Stride>& v) {
  std::vector<Stride> s = v;
  std::sort(s.begin(), s.end());
  std::string out;
  for (Stride x : s) {
    out += out.empty() ? "" : ",";
    out += model::name(x);
  }
  return out;
}

// --- attack surface and weakened properties ---

std::string zone_of(const Model& m, const Facts& f, int c) {
  const Component& comp = m.components[c];
  std::string zone = comp.boundary.id.empty() ? "no zone" : comp.boundary.id;
  return comp.id + " (" + zone + ", " + std::string(model::name(f.trust[c])) + ")";
}

std::map<std::string, int> flow_index(const Model& m) {
  std::map<std::string, int> out;
  for (size_t i = 0; i < m.flows.size(); ++i) out.emplace(m.flows[i].id, static_cast<int>(i));
  return out;
}

std::map<std::string, int> component_index(const Model& m) {
  std::map<std::string, int> out;
  for (size_t i = 0; i < m.components.size(); ++i) {
    out.emplace(m.components[i].id, static_cast<int>(i));
  }
  return out;
}

void attack_surface(const Model& a, const Model& b, std::vector<SurfaceChange>& out) {
  Facts fa(a), fb(b);
  auto flows_a = flow_index(a);
  for (size_t i = 0; i < b.flows.size(); ++i) {
    const Flow& flow = b.flows[i];
    int fi = static_cast<int>(i);
    if (!fb.crosses(fi) || !flow.from.resolved() || !flow.to.resolved()) continue;
    auto it = flows_a.find(flow.id);
    bool is_new = it == flows_a.end();
    bool entry = fb.entry_point(fi);
    if (!is_new) {
      int old = it->second;
      if (entry ? fa.entry_point(old) : fa.crosses(old)) continue;
    }
    SurfaceChange s;
    s.kind = entry ? SurfaceKind::EntryPoint : SurfaceKind::Crossing;
    s.element = "flow";
    s.id = flow.id;
    s.new_element = is_new;
    s.from = zone_of(b, fb, flow.from.index);
    s.to = zone_of(b, fb, flow.to.index);
    std::string what = entry                                   ? "entry point"
                       : fb.crossing[fi] == Crossing::Outbound ? "outbound boundary crossing"
                                                               : "lateral boundary crossing";
    s.detail =
        (is_new ? "new flow, " : "existing flow, now ") + what + ": " + s.from + " -> " + s.to;
    s.where = place_of(flow.loc);
    out.push_back(std::move(s));
  }
  auto comps_a = component_index(a);
  for (size_t i = 0; i < b.components.size(); ++i) {
    if (!fb.internet_exposed[i]) continue;
    const Component& c = b.components[i];
    if (c.type == ComponentType::ExternalEntity) continue;  // the internet itself
    auto it = comps_a.find(c.id);
    bool is_new = it == comps_a.end();
    if (!is_new && fa.internet_exposed[it->second]) continue;
    SurfaceChange s;
    s.kind = SurfaceKind::InternetFacing;
    s.element = "component";
    s.id = c.id;
    s.new_element = is_new;
    std::string why = c.internet_facing.value_or(false)
                          ? "declared internet_facing"
                          : "reached from an untrusted external entity across a boundary";
    s.detail = (is_new ? "new component, " : "existing component, now ") +
               std::string("internet-facing (") + why + ")";
    s.where = place_of(c.loc);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const SurfaceChange& x, const SurfaceChange& y) {
    return std::tie(x.kind, x.id) < std::tie(y.kind, y.id);
  });
}

std::optional<std::string> opt_str(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return *b ? "true" : "false";
}
template <class E>
std::optional<std::string> opt_str(std::optional<E> e) {
  if (!e) return std::nullopt;
  return std::string(model::name(*e));
}

class Weaker {
 public:
  Weaker(std::vector<Weakening>& out, const char* element, const std::string& id, Place where)
      : out_(out), element_(element), id_(id), where_(std::move(where)) {}

  // A protective boolean (true is safe) that was true and is now false or no longer stated.
  void safe_true(const char* property,
                 std::optional<bool> a,
                 std::optional<bool> b,
                 const char* meaning) {
    if (a == true && b != true) add(property, opt_str(a), opt_str(b), meaning, b.has_value());
  }
  // A risky boolean (false is safe) that was false and is now true.
  void safe_false(const char* property,
                  std::optional<bool> a,
                  std::optional<bool> b,
                  const char* meaning) {
    if (a == false && b == true) add(property, opt_str(a), opt_str(b), meaning, true);
  }
  void add(const char* property,
           std::optional<std::string> before,
           std::optional<std::string> after,
           std::string meaning,
           bool stated = true) {
    Weakening w{element_, id_, property, std::move(before), std::move(after), {}, where_};
    w.detail = std::move(meaning);
    if (!stated) w.detail += " (no longer stated: unknown)";
    out_.push_back(std::move(w));
  }

 private:
  std::vector<Weakening>& out_;
  const char* element_;
  const std::string& id_;
  Place where_;
};

void weakened_component(const Component& a, const Component& b, std::vector<Weakening>& out) {
  Weaker w(out, "component", b.id, place_of(b.loc));
  if (a.authentication && (!b.authentication || authentication_rank(*b.authentication) <
                                                    authentication_rank(*a.authentication))) {
    w.add("authentication", opt_str(a.authentication), opt_str(b.authentication),
          "authentication downgraded", b.authentication.has_value());
  }
  if (a.authorization && (!b.authorization || authorization_rank(*b.authorization) <
                                                  authorization_rank(*a.authorization))) {
    w.add("authorization", opt_str(a.authorization), opt_str(b.authorization),
          "authorization downgraded", b.authorization.has_value());
  }
  w.safe_true("input_validation", a.input_validation, b.input_validation,
              "input validation turned off");
  w.safe_true("output_encoding", a.output_encoding, b.output_encoding,
              "output encoding turned off");
  w.safe_true("audit_log", a.audit_log, b.audit_log, "audit logging turned off");
  w.safe_true("rate_limited", a.rate_limited, b.rate_limited, "rate limiting turned off");
  w.safe_true("encrypted_at_rest", a.encrypted_at_rest, b.encrypted_at_rest,
              "encryption at rest turned off");
  w.safe_true("backups", a.backups, b.backups, "backups turned off");
  w.safe_true("redundant", a.redundant, b.redundant, "redundancy removed");
  w.safe_false("runs_as_root", a.runs_as_root, b.runs_as_root, "now runs as root");
  w.safe_true("csrf_protection", a.csrf_protection, b.csrf_protection,
              "CSRF protection turned off");
  w.safe_true("object_authorization", a.object_authorization, b.object_authorization,
              "object-level authorisation turned off");
  w.safe_true("upload_validation", a.upload_validation, b.upload_validation,
              "upload validation turned off");
  w.safe_true("deployment_checks", a.deployment_checks, b.deployment_checks,
              "deployment checks removed");
  w.safe_true("email_authentication", a.email_authentication, b.email_authentication,
              "e-mail sender authentication removed");
  w.safe_false("accepts_uploads", a.accepts_uploads, b.accepts_uploads, "now accepts uploads");
  w.safe_false("password_reset", a.password_reset, b.password_reset, "now offers a password reset");
  auto in_repo = [](const std::optional<model::SecretsAt>& s) {
    return s == model::SecretsAt::Repository || s == model::SecretsAt::Code;
  };
  if (a.secrets && in_repo(b.secrets) && !in_repo(a.secrets)) {
    w.add("secrets", opt_str(a.secrets), opt_str(b.secrets), "secrets now kept in source");
  }
  if (a.fail_mode == FailMode::Closed && b.fail_mode == FailMode::Open) {
    w.add("fail_mode", "closed", "open", "now fails open");
  }
}

void weakened_flow(const Flow& a, const Flow& b, std::vector<Weakening>& out) {
  Weaker w(out, "flow", b.id, place_of(b.loc));
  w.safe_true("encrypted", a.encrypted, b.encrypted, "encryption turned off");
  w.safe_true("authenticated", a.authenticated, b.authenticated, "authentication turned off");
  w.safe_true("mutual_tls", a.mutual_tls, b.mutual_tls, "mutual TLS turned off");
  w.safe_true("vpn", a.vpn, b.vpn, "VPN removed");
  w.safe_true("ip_filtered", a.ip_filtered, b.ip_filtered, "IP filtering removed");
  w.safe_true("signed", a.signed_messages, b.signed_messages, "message signatures turned off");
  w.safe_true("replay_protection", a.replay_protection, b.replay_protection,
              "replay protection turned off");
  if (a.protocol != b.protocol && protocol_encrypted(a.protocol) == true &&
      protocol_encrypted(b.protocol) != true) {
    w.add("protocol", a.protocol, b.protocol.empty() ? std::nullopt : Opt{b.protocol},
          "protocol downgraded to one without encryption", !b.protocol.empty());
  }
}

void weakened_supply(const SupplyItem& a, const SupplyItem& b, std::vector<Weakening>& out) {
  Weaker w(out, "supply-chain", b.id, place_of(b.loc));
  w.safe_true("pinned", a.pinned, b.pinned, "versions no longer pinned");
  w.safe_true("integrity_checked", a.integrity_checked, b.integrity_checked,
              "integrity no longer checked");
}

void weakened_boundary(const Boundary& a, const Boundary& b, std::vector<Weakening>& out) {
  Weaker w(out, "boundary", b.id, place_of(b.loc));
  if (a.trust.value_or(Trust::Untrusted) < b.trust.value_or(Trust::Untrusted)) {
    w.add("trust", opt_str(a.trust), opt_str(b.trust),
          "zone now assumed more trusted: flows into it may no longer count as entry points");
  }
}

std::string ids_text(const std::vector<Ref>& v) {
  std::vector<std::string> ids;
  for (const Ref& r : v) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  return base::join(ids, ", ");
}

void weakened_control(const Control& a, const Control* b, std::vector<Weakening>& out) {
  if (!b) {
    Weaker w(out, "control", a.id, place_of(a.loc));
    std::string what = "control removed";
    if (!a.mitigates.empty()) what += "; it mitigated " + ids_text(a.mitigates);
    w.add("removed", a.status ? opt_str(a.status) : Opt{"present"}, std::nullopt, what);
    return;
  }
  Weaker w(out, "control", b->id, place_of(b->loc));
  if (a.status == ControlStatus::Implemented && b->status != ControlStatus::Implemented) {
    w.add("status", opt_str(a.status), opt_str(b->status), "control no longer implemented",
          b->status.has_value());
  }
  if (a.verification && !b->verification) {
    w.add("verification", a.verification->automated() ? "command" : "manual", std::nullopt,
          "control no longer verified");
  }
}

// IAM: a principal that may now do more: new grants the old policy did not cover, newly
// administrative, long-lived keys, a trust that admits more identities.
void weakened_principals(const Model& ma, const Model& mb, std::vector<Weakening>& out) {
  if (ma.principals.empty() || mb.principals.empty()) return;
  IamFacts fa(ma), fb(mb);
  std::map<std::string, int> old;
  for (size_t i = 0; i < ma.principals.size(); ++i) old.emplace(ma.principals[i].id, int(i));
  for (size_t j = 0; j < mb.principals.size(); ++j) {
    const Principal& b = mb.principals[j];
    auto it = old.find(b.id);
    if (it == old.end()) continue;
    const Principal& a = ma.principals[it->second];
    const PrincipalFacts& pa = fa.principals[it->second];
    const PrincipalFacts& pb = fb.principals[j];
    Weaker w(out, "principal", b.id, place_of(b.loc));
    std::vector<std::string> wider;
    for (const Grant& g : pb.grants) {
      bool covered = std::any_of(pa.grants.begin(), pa.grants.end(), [&](const Grant& o) {
        return glob_covers(o.action, g.action, true) && glob_covers(o.resource, g.resource);
      });
      if (!covered) wider.push_back(g.action + " on " + g.resource);
    }
    if (a.permissions && b.permissions && !wider.empty()) {
      w.add("permissions", std::nullopt, base::join(wider, ", "),
            "permissions widened: " + base::join(wider, ", "));
    }
    if (!pa.administrative && pb.administrative) {
      w.add("administrative", "false", "true", "now administrative: " + fb.admin_reason(int(j)));
    }
    w.safe_false("long_lived_keys", a.long_lived_keys, b.long_lived_keys,
                 "now has long-lived keys");
    auto widest = [](const PrincipalFacts& f) {
      TrustBreadth m = TrustBreadth::Exact;
      for (TrustBreadth t : f.trust_breadth) m = std::max(m, t);
      return m;
    };
    if (widest(pb) > widest(pa)) {
      w.add("trust", std::string(breadth_name(widest(pa))), std::string(breadth_name(widest(pb))),
            "trust opened to more identities");
    }
  }
}

template <class T>
std::map<std::string, const T*> by_id(const std::vector<T>& v) {
  std::map<std::string, const T*> m;
  for (const T& x : v) m.emplace(x.id, &x);
  return m;
}

void weakened(const Model& a, const Model& b, std::vector<Weakening>& out) {
  auto comps = by_id(b.components);
  for (const Component& c : a.components) {
    if (auto it = comps.find(c.id); it != comps.end()) weakened_component(c, *it->second, out);
  }
  auto flows = by_id(b.flows);
  for (const Flow& f : a.flows) {
    if (auto it = flows.find(f.id); it != flows.end()) weakened_flow(f, *it->second, out);
  }
  auto supply = by_id(b.supply_chain);
  for (const SupplyItem& s : a.supply_chain) {
    if (auto it = supply.find(s.id); it != supply.end()) weakened_supply(s, *it->second, out);
  }
  auto zones = by_id(b.boundaries);
  for (const Boundary& z : a.boundaries) {
    if (auto it = zones.find(z.id); it != zones.end()) weakened_boundary(z, *it->second, out);
  }
  auto controls = by_id(b.controls);
  for (const Control& c : a.controls) {
    auto it = controls.find(c.id);
    weakened_control(c, it == controls.end() ? nullptr : it->second, out);
  }
  weakened_principals(a, b, out);  // IAM
  static const std::vector<std::string> kOrder = {"boundary", "component",    "flow",
                                                  "control",  "supply-chain", "principal"};
  auto rank = [](const std::string& e) {
    return std::find(kOrder.begin(), kOrder.end(), e) - kOrder.begin();
  };
  std::stable_sort(out.begin(), out.end(), [&](const Weakening& x, const Weakening& y) {
    return std::make_tuple(rank(x.element), std::cref(x.id)) <
           std::make_tuple(rank(y.element), std::cref(y.id));
  });
}

}  // namespace

Attrs attributes(const Component& c) { return set_only(rows_of(c)); }
Attrs attributes(const Flow& f) { return set_only(rows_of(f)); }

ModelDiff diff_models(const Model& a, const Model& b) {
  ModelDiff d;
  auto& out = d.elements;
  {
    auto attrs = compare(rows_of(a.system), rows_of(b.system));
    if (!attrs.empty()) {
      out.push_back({"system", "system", "system", b.system.name, Change::Changed, std::move(attrs),
                     place_of(b.system.loc)});
    }
  }
  auto id = [](const auto& x) { return x.id; };
  diff_section("assets", "asset", a.assets, b.assets, id, out);
  diff_section("adversaries", "adversary", a.adversaries, b.adversaries, id, out);
  diff_section("boundaries", "boundary", a.boundaries, b.boundaries, id, out);
  diff_section("components", "component", a.components, b.components, id, out);
  diff_section("flows", "flow", a.flows, b.flows, id, out);
  diff_section("supply_chain", "supply-chain item", a.supply_chain, b.supply_chain, id, out);
  diff_section("controls", "control", a.controls, b.controls, id, out);
  diff_section("threats", "threat", a.threats, b.threats, id, out);
  diff_section(
      "decisions", "decision", a.decisions, b.decisions,
      [](const Decision& x) { return x.threat.id; }, out);
  diff_section("failure_modes", "failure mode", a.failure_modes, b.failure_modes, id, out);
  diff_section(
      "not_applicable", "not-applicable entry", a.not_applicable, b.not_applicable,
      [](const NotApplicable& x) { return x.target.id + ":" + stride_key(x.stride); }, out);
  diff_section("attack_trees", "attack tree", a.attack_trees, b.attack_trees, id, out);
  diff_section("pasta.objectives", "objective", a.pasta.objectives, b.pasta.objectives, id, out);
  diff_section(
      "pasta.scope.out_of_scope", "out-of-scope item", a.pasta.out_of_scope, b.pasta.out_of_scope,
      [](const OutOfScope& x) { return x.item; }, out);
  diff_section("pasta.threat_intelligence", "threat intelligence", a.pasta.threat_intelligence,
               b.pasta.threat_intelligence, id, out);
  diff_section("pasta.vulnerabilities", "vulnerability", a.pasta.vulnerabilities,
               b.pasta.vulnerabilities, id, out);
  diff_section("kinds", "kind", a.kinds, b.kinds, id, out);
  diff_section("protocols", "protocol", a.protocols, b.protocols, id, out);
  diff_section("iam.principals", "principal", a.principals, b.principals, id, out);  // IAM
  attack_surface(a, b, d.surface);
  weakened(a, b, d.weakened);
  return d;
}

}  // namespace tw::diff
