#include "drift/drift.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "base/escape.h"
#include "base/file.h"
#include "base/text.h"
#include "model/iam.h"
#include "observe/doc.h"

namespace tw::drift {

using engine::Severity;
using nlohmann::ordered_json;

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

base::Result<Mapping> read_mapping(const std::string& path) {
  auto text = base::read_file(path, 16u << 20);
  if (!text.ok()) return text.error();
  auto parsed = observe::parse_documents(*text);
  if (!parsed.error.empty())
    return base::Error{path + ":" + std::to_string(parsed.error_line) + ":" +
                       std::to_string(parsed.error_col) + ": " + parsed.error};
  Mapping m;
  const observe::Doc* root = parsed.documents.empty() ? nullptr : parsed.documents[0].get();
  const observe::Doc* map = root ? root->get("map") : nullptr;
  if (!map || !map->is_map())
    return base::Error{path + ": expected a mapping 'map: {observed-name: model-id}'"};
  for (auto& [k, v] : map->entries) {
    if (!v || !v->is_scalar())
      return base::Error{path + ":" + std::to_string(k->line) + ":" + std::to_string(k->col) +
                         ": the value of '" + k->text + "' must be a model id"};
    m.to_model[k->text] = v->text;
  }
  return m;
}

const model::Component* match(const model::Model& m,
                              const observe::ObservedComponent& c,
                              const Mapping& map) {
  std::vector<std::string> names = {c.id, c.name};
  for (auto& a : c.aliases) names.push_back(a);
  for (auto& n : names)
    if (auto it = map.to_model.find(n); it != map.to_model.end()) return m.component(it->second);
  for (auto& n : names)
    if (const model::Component* mc = m.component(n)) return mc;
  for (auto& n : names) {
    std::string s = slug(n);
    if (s.empty()) continue;
    for (auto& mc : m.components)
      if (mc.id == s || slug(mc.name) == s) return &mc;
  }
  return nullptr;
}

namespace {

std::string loc_str(const base::Loc& l) {
  if (!l.valid()) return "";
  return l.path() + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
}

const char* yes_no(std::optional<bool> b) { return !b ? "unknown" : *b ? "true" : "false"; }

struct Weigh {
  const char* code;
  Severity severity;
  const char* hint;
};

/// What each observed weakness means for drift, and how to settle it.
const Weigh kWeights[] = {
    {"all-secrets-exposed", Severity::High,
     "pass each secret the step needs by name instead of toJSON(secrets)"},
    {"cluster-admin-binding", Severity::High,
     "bind a namespaced Role with the verbs the workload needs; record the grant in the model"},
    {"excessive-permissions", Severity::Medium,
     "set `permissions:` per job to the scopes it needs (start from `permissions: {}`)"},
    {"ecosystem-not-in-model", Severity::Medium,
     "add a supply_chain entry for the ecosystem (threatwright discover drafts it)"},
    {"integrity-not-in-lockfile", Severity::High,
     "record hashes (npm ci with integrity, pip --require-hashes, cargo/go checksums), or model "
     "the entry with integrity_checked: false"},
    {"source-not-in-model", Severity::Medium,
     "model the private registry or git source in the entry's `source`, or fetch from the "
     "public registry only"},
    {"unpinned-dependency", Severity::High,
     "pin every requirement to one version (==), or model the entry with pinned: false"},
    {"host-namespace", Severity::High,
     "drop hostNetwork/hostPID/hostIPC, or model the component with runs_as_root: true"},
    {"host-path-mount", Severity::High,
     "remove the host mount, or model the component with runs_as_root: true"},
    {"operation-without-security", Severity::Medium,
     "add a security requirement, or model the API with authentication: none"},
    {"permissions-wider-than-model", Severity::High,
     "grant only what the model's principal states, or add the permission to its `permissions` "
     "in the model's iam section"},
    {"plaintext-listener", Severity::Medium, "terminate TLS at the load balancer"},
    {"plaintext-server", Severity::Medium, "serve the API over https"},
    {"privileged-container", Severity::High,
     "drop privileged: true, or model the component with runs_as_root: true"},
    {"public-bucket", Severity::High,
     "make the bucket private, or model it with internet_facing: true"},
    {"public-database", Severity::Critical,
     "set publicly_accessible = false, or model it with internet_facing: true"},
    {"unencrypted-database", Severity::High,
     "enable storage encryption, or model it with encrypted_at_rest: false"},
    {"unpinned-action", Severity::Medium,
     "pin the action to a full commit SHA (keep the tag in a comment)"},
    {"untrusted-checkout", Severity::Critical,
     "do not check out pull-request code in a privileged workflow; split it into pull_request + "
     "workflow_run without secrets"},
    {"wildcard-iam", Severity::High,
     "grant the actions the principal needs on the resources it needs"},
    {"weaker-authentication", Severity::High,
     "require authentication on the operation (a security requirement), or model the API or "
     "the flow as it is (authentication: none, authenticated: false)"},
    {"world-open-rule", Severity::High,
     "restrict the source range, or model the component behind it with internet_facing: true"},
};

const Weigh* weigh(const std::string& code) {
  for (const Weigh& w : kWeights)
    if (code == w.code) return &w;
  return nullptr;
}

class Finder {
 public:
  Finder(const model::Model& m, const observe::ObservedSystem& obs, const Mapping& map)
      : m_(m), obs_(obs), map_(map) {}

  std::vector<Finding> run() {
    grants();
    lockfiles();
    weaknesses();
    exposures();
    flows();
    components();
    std::sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
      return std::tie(b.severity, a.observed_at.file, a.observed_at.line, a.observed_at.col,
                      a.code) < std::tie(a.severity, b.observed_at.file, b.observed_at.line,
                                         b.observed_at.col, b.code);
    });
    return std::move(out_);
  }

 private:
  const model::Component* model_of(const std::string& id) const {
    const observe::ObservedComponent* c = obs_.component(id);
    return c ? match(m_, *c, map_) : nullptr;
  }

  Finding& add(std::string code,
               Severity sev,
               std::string msg,
               std::string observed,
               const observe::Where& at,
               const model::Component* mc,
               std::string says,
               std::string hint) {
    Finding f;
    f.code = std::move(code);
    f.severity = sev;
    f.message = std::move(msg);
    f.observed = std::move(observed);
    f.observed_at = at;
    if (mc) {
      f.element = mc->id;
      f.model_at = mc->loc;
    }
    f.model_says = std::move(says);
    f.hint = std::move(hint);
    out_.push_back(std::move(f));
    return out_.back();
  }

  /// True when the model already states what the weakness shows (no drift).
  bool model_knows(const std::string& code, const model::Component* mc) const {
    if (!mc) return false;
    if (code == "public-bucket" || code == "public-database" || code == "world-open-rule")
      return mc->internet_facing == true;
    if (code == "unencrypted-database") return mc->encrypted_at_rest == false;
    if (code == "privileged-container" || code == "host-path-mount" || code == "host-namespace")
      return mc->runs_as_root == true;
    if (code == "operation-without-security")
      return mc->authentication == model::Authentication::None;
    return false;
  }

  std::string model_claim(const std::string& code, const model::Component* mc) const {
    if (!mc) return "";
    if (code == "public-bucket" || code == "public-database" || code == "world-open-rule")
      return std::string("internet_facing: ") + yes_no(mc->internet_facing);
    if (code == "unencrypted-database")
      return std::string("encrypted_at_rest: ") + yes_no(mc->encrypted_at_rest);
    if (code == "privileged-container" || code == "host-path-mount" || code == "host-namespace")
      return std::string("runs_as_root: ") + yes_no(mc->runs_as_root);
    if (code == "operation-without-security")
      return mc->authentication ? "authentication: " + std::string(model::name(*mc->authentication))
                                : "authentication: unknown";
    return "";
  }

  /// A supply-chain entry that speaks for a CI action or image, if any.
  const model::SupplyItem* supply_for(const std::string& name) const {
    for (auto& s : m_.supply_chain)
      if ((!s.source.empty() && s.source.find(name) != std::string::npos) || s.name == name ||
          s.id == slug(name))
        return &s;
    return nullptr;
  }

  /// The model principal an observed principal (a policy, role or service account address)
  /// stands for: the mapping, its id, or the slug of its last address segment.
  const model::Principal* principal_of(const std::string& name) const {
    if (auto it = map_.to_model.find(name); it != map_.to_model.end())
      return m_.principal(it->second);
    if (const model::Principal* p = m_.principal(name)) return p;
    std::string last = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
    for (const std::string& n : {slug(name), slug(last)}) {
      if (n.empty()) continue;
      for (const model::Principal& p : m_.principals)
        if (p.id == n || slug(p.name) == n) return &p;
    }
    return nullptr;
  }

  /// Observed grants against the model's iam section: a grant the model's principal does not
  /// state is drift (permissions-wider-than-model, which replaces the plain wildcard-iam
  /// finding); a wildcard the model does state is no drift (its IAM rules judge it).
  void grants() {
    if (m_.principals.empty() || obs_.grants.empty()) return;
    model::IamFacts iam(m_);
    for (const observe::Grant& g : obs_.grants) {
      const model::Principal* p = principal_of(g.principal);
      if (!p || !p->permissions) continue;  // unknown permissions: nothing to compare
      const model::PrincipalFacts& pf =
          iam.principals[static_cast<size_t>(p - m_.principals.data())];
      std::vector<std::string> wider;
      std::vector<std::string> actions = g.actions, resources = g.resources;
      if (actions.empty()) actions.push_back("*");
      if (resources.empty()) resources.push_back("*");
      for (const std::string& a : actions)
        for (const std::string& r : resources) {
          bool covered = false;
          for (const model::Grant& mg : pf.grants)
            if (model::glob_covers(mg.action, a, true) && model::glob_covers(mg.resource, r)) {
              covered = true;
              break;
            }
          if (!covered && wider.size() < 8) wider.push_back(a + " on " + r);
        }
      compared_.insert(g.principal);  // its wildcard, if any, is judged here or by the rules
      if (wider.empty()) continue;
      std::string list;
      for (const std::string& w : wider) list += (list.empty() ? "" : ", ") + w;
      bool broad = g.admin || g.wildcard_action || g.wildcard_resource;
      Finding& f = add("permissions-wider-than-model", broad ? Severity::High : Severity::Medium,
                       g.principal + " may " + list + " in the infrastructure; the model's " +
                           p->id + " does not grant it",
                       g.principal, g.where, nullptr,
                       std::to_string(p->permissions->size()) + " permission statement(s)",
                       weigh("permissions-wider-than-model")->hint);
      f.element = p->id;
      f.model_at = p->loc;
    }
  }

  /// Lockfiles against the model's supply_chain: an ecosystem the model does not list, and
  /// entries that claim pinning or integrity checks the lockfile does not show.
  void lockfiles() {
    for (const observe::Lockfile& l : obs_.lockfiles) {
      if (l.packages == 0) continue;
      std::string what = l.dir + " locks " + std::to_string(l.packages) + " " + l.ecosystem +
                         " package" + (l.packages == 1 ? "" : "s") + " (" + l.format + ")";
      std::vector<const model::SupplyItem*> items;
      for (const model::SupplyItem& s : m_.supply_chain)
        if (s.ecosystem == l.ecosystem) items.push_back(&s);
      if (items.empty()) {
        add("ecosystem-not-in-model", Severity::Medium,
            what + "; the model's supply_chain has no " + l.ecosystem + " entry", "", l.where,
            nullptr, "", weigh("ecosystem-not-in-model")->hint);
        continue;
      }
      for (const model::SupplyItem* s : items) {
        if (s->integrity_checked == true && l.hashed < l.packages) {
          Finding& f = add("integrity-not-in-lockfile", Severity::High,
                           what + ": " + std::to_string(l.packages - l.hashed) +
                               " have no integrity hash; the model's " + s->id +
                               " says integrity_checked: true",
                           "", l.where, nullptr, "integrity_checked: true",
                           weigh("integrity-not-in-lockfile")->hint);
          f.element = s->id;
          f.model_at = s->loc;
        }
        if (s->pinned == true && l.pinned < l.packages) {
          Finding& f =
              add("unpinned-dependency", Severity::High,
                  what + ": " + std::to_string(l.packages - l.pinned) +
                      " are not pinned to one version; the model's " + s->id + " says pinned: true",
                  "", l.where, nullptr, "pinned: true", weigh("unpinned-dependency")->hint);
          f.element = s->id;
          f.model_at = s->loc;
        }
        bool private_source = !l.indexes.empty() || l.non_registry > 0;
        if (private_source && s->source == "public-registry") {
          Finding& f = add("source-not-in-model", Severity::Medium,
                           what + ": " + std::to_string(l.non_registry) +
                               " come from another registry, git or a URL" +
                               (l.indexes.empty() ? "" : " (an extra index is named)") +
                               "; the model's " + s->id + " says source: public-registry",
                           "", l.where, nullptr, "source: public-registry",
                           weigh("source-not-in-model")->hint);
          f.element = s->id;
          f.model_at = s->source_loc.valid() ? s->source_loc : s->loc;
        }
      }
    }
  }

  /// The model component an API operation's path leads to when the API itself is not modelled:
  /// the one whose id or name is the path's first segment, or ends in "-" and it
  /// ("GET /identity/api/..." -> crapi-identity), when exactly one does.
  const model::Component* routed_to(const std::string& message) const {
    size_t sp = message.find(' ');
    if (sp == std::string::npos || sp + 2 >= message.size() || message[sp + 1] != '/')
      return nullptr;
    size_t end = message.find_first_of(" /", sp + 2);
    std::string seg = slug(message.substr(sp + 2, end == std::string::npos ? end : end - sp - 2));
    if (seg.empty() || seg == "api" || seg == "v1" || seg == "v2") return nullptr;
    const model::Component* found = nullptr;
    for (const model::Component& c : m_.components) {
      std::string n = slug(c.name);
      auto is = [&](const std::string& x) {
        return x == seg || (x.size() > seg.size() + 1 &&
                            x.compare(x.size() - seg.size() - 1, seg.size() + 1, "-" + seg) == 0);
      };
      if (!is(c.id) && !is(n)) continue;
      if (found && found != &c) return nullptr;
      found = &c;
    }
    return found;
  }

  /// An unauthenticated operation of an API that the model says authenticates (the component's
  /// `authentication`, or a flow into it with `authenticated: true`): weaker authentication
  /// than modelled, reported instead of operation-without-security.
  bool weaker_authentication(const observe::Weakness& w,
                             const model::Component& mc,
                             const Weigh& plain) {
    std::string says;
    const model::Flow* flow = nullptr;
    if (mc.authentication && *mc.authentication != model::Authentication::None) {
      says = "authentication: " + std::string(model::name(*mc.authentication));
    } else {
      for (const model::Flow& f : m_.flows)
        if (f.to.id == mc.id && f.authenticated == true) {
          flow = &f;
          says = "authenticated: true";
          break;
        }
    }
    if (says.empty()) return false;
    Finding& f =
        add("weaker-authentication", Severity::High,
            w.message + "; the model's " + (flow ? "flow " + flow->id : mc.id) + " says " + says,
            w.component, w.where, &mc, says, plain.hint);
    f.hint = weigh("weaker-authentication")->hint;
    if (flow) {
      f.element = flow->id;
      f.model_at = flow->loc;
    }
    return true;
  }

  void weaknesses() {
    for (const observe::Weakness& w : obs_.weaknesses) {
      const Weigh* wt = weigh(w.code);
      if (!wt) continue;
      if (w.code == "wildcard-iam" && compared_.count(w.component)) continue;
      const model::Component* mc = model_of(w.component);
      if (!mc && w.code == "operation-without-security") mc = routed_to(w.message);
      if (model_knows(w.code, mc)) continue;
      if (w.code == "unpinned-action") {
        // The model may already know the action is unpinned.
        std::string action = w.message.substr(std::string("third-party action ").size());
        action = action.substr(0, action.find('@'));
        const model::SupplyItem* s = supply_for(action);
        if (s && s->pinned == false) continue;
        auto& f = add(w.code, wt->severity, w.message, w.component, w.where, nullptr,
                      s ? "pinned: " + std::string(yes_no(s->pinned)) : "", wt->hint);
        if (s) {
          f.element = s->id;
          f.model_at = s->loc;
          f.message +=
              "; the model's supply_chain entry " + s->id + " says pinned: " + yes_no(s->pinned);
        }
        continue;
      }
      if (w.code == "operation-without-security" && mc && weaker_authentication(w, *mc, *wt))
        continue;
      std::string msg = w.message;
      std::string says = model_claim(w.code, mc);
      if (mc && !says.empty())
        msg += "; the model's " + mc->id + " says " + says;
      else if (!mc && !w.component.empty() && obs_.component(w.component))
        msg += "; the model has no component for it";
      add(w.code, wt->severity, msg, w.component, w.where, mc, says, wt->hint);
    }
  }

  void exposures() {
    std::set<std::string> done;
    for (const observe::Weakness& w : obs_.weaknesses)
      if (w.code == "public-bucket" || w.code == "public-database") done.insert(w.component);
    for (const observe::Exposure& e : obs_.exposures) {
      if (e.surface != "internet" || done.count(e.component)) continue;
      const observe::ObservedComponent* c = obs_.component(e.component);
      if (!c) continue;
      done.insert(e.component);
      const model::Component* mc = match(m_, *c, map_);
      if (mc && mc->internet_facing == true) continue;
      std::string msg = c->name + " is reachable from the internet (" + e.detail + ")";
      if (mc)
        msg += "; the model's " + mc->id + " says internet_facing: " + yes_no(mc->internet_facing);
      else
        msg += "; the model has no component for it";
      add("exposure-not-in-model", Severity::High, msg, c->id, e.where, mc,
          mc ? std::string("internet_facing: ") + yes_no(mc->internet_facing) : "",
          mc ? "set internet_facing: true on " + mc->id +
                   " (and model the entry flow), or "
                   "remove the exposure"
             : "add the component to the model (threatwright discover drafts it), or map it "
               "with --map");
    }
  }

  void flows() {
    for (const observe::ObservedFlow& f : obs_.flows) {
      const model::Component* a = model_of(f.from);
      const model::Component* b = model_of(f.to);
      if (!a || !b || a == b) continue;
      const model::Flow* found = nullptr;
      for (auto& mf : m_.flows)
        if (mf.from.id == a->id && mf.to.id == b->id) found = &mf;
      if (!found) {
        add("flow-not-in-model", Severity::Medium,
            f.from + " talks to " + f.to + (f.protocol.empty() ? "" : " over " + f.protocol) +
                (f.port ? " on port " + std::to_string(*f.port) : "") + " (" + f.evidence +
                "); the model has no flow from " + a->id + " to " + b->id,
            f.from, f.where, a, "", "add a flow from " + a->id + " to " + b->id);
        continue;
      }
      if (f.tls == false && found->encrypted == true) {
        auto& x = add("weaker-encryption", Severity::High,
                      "flow " + f.from + " -> " + f.to + " is plaintext " + f.protocol +
                          "; the model's flow " + found->id + " says encrypted: true",
                      f.from, f.where, nullptr, "encrypted: true",
                      "use TLS, or correct the model's flow");
        x.element = found->id;
        x.model_at = found->loc;
      }
    }
  }

  void components() {
    std::set<const model::Component*> seen;
    for (const observe::ObservedComponent& c : obs_.components) {
      const model::Component* mc = match(m_, c, map_);
      if (mc) {
        seen.insert(mc);
        continue;
      }
      add("component-not-in-model", Severity::Info,
          c.name + " (" + c.kind + ", " + c.runtime +
              ") exists in the infrastructure but not "
              "in the model",
          c.id, c.where, nullptr, "", "add it to the model, or map it with --map");
    }
    if (obs_.components.empty()) return;
    for (const model::Component& mc : m_.components) {
      if (mc.type == model::ComponentType::ExternalEntity || seen.count(&mc)) continue;
      if (mc.effective_kind() == "ci-pipeline" || mc.effective_kind() == "browser" ||
          mc.effective_kind() == "user")
        continue;
      Finding f;
      f.code = "component-not-observed";
      f.severity = Severity::Info;
      f.message = "the model's " + mc.id + " matches nothing in the infrastructure files read";
      f.element = mc.id;
      f.model_at = mc.loc;
      f.hint = "map it with --map if it is there under another name";
      f.observed_at.file = "";
      out_.push_back(std::move(f));
    }
  }

  const model::Model& m_;
  /// Observed principals whose grants were compared with a model principal's permissions.
  std::set<std::string> compared_;
  const observe::ObservedSystem& obs_;
  const Mapping& map_;
  std::vector<Finding> out_;
};

ordered_json where_json(const observe::Where& w) {
  return ordered_json{{"file", base::clean_utf8(w.file)}, {"line", w.line}, {"column", w.col}};
}

}  // namespace

std::vector<Finding> find_drift(const model::Model& m,
                                const observe::ObservedSystem& obs,
                                const Mapping& map) {
  return Finder(m, obs, map).run();
}

std::string render_text(const std::vector<Finding>& fs, const observe::ObservedSystem& obs) {
  std::string out;
  for (const Finding& f : fs) {
    std::string at = f.observed_at.file.empty() ? loc_str(f.model_at) : f.observed_at.str();
    out += base::printable(at) + ": " + std::string(engine::severity_name(f.severity)) + ": " +
           base::printable(f.message) + " [" + f.code + "]\n";
    if (!f.observed_at.file.empty() && f.model_at.valid())
      out += "  model: " + base::printable(loc_str(f.model_at)) + ": " +
             base::printable(f.element) +
             (f.model_says.empty() ? "" : " (" + base::printable(f.model_says) + ")") + "\n";
    if (!f.hint.empty()) out += "  hint: " + base::printable(f.hint) + "\n";
  }
  std::map<Severity, int> counts;
  for (const Finding& f : fs) ++counts[f.severity];
  out += std::to_string(fs.size()) + " drift finding" + (fs.size() == 1 ? "" : "s");
  if (!fs.empty()) {
    out += " (";
    bool first = true;
    for (auto it = counts.rbegin(); it != counts.rend(); ++it) {
      out += (first ? "" : ", ") + std::to_string(it->second) + " " +
             std::string(engine::severity_name(it->first));
      first = false;
    }
    out += ")";
  }
  out += " from " + std::to_string(obs.files.size()) + " infrastructure file" +
         (obs.files.size() == 1 ? "" : "s");
  if (!obs.unresolved.empty())
    out += "; " + std::to_string(obs.unresolved.size()) + " value(s) did not resolve statically";
  if (!obs.problems.empty()) out += "; " + std::to_string(obs.problems.size()) + " file problem(s)";
  out += "\n";
  for (const auto& p : obs.problems)
    out += base::printable(p.where.str()) + ": warning: " + base::printable(p.message) + "\n";
  return out;
}

std::string render_json(const std::vector<Finding>& fs, const observe::ObservedSystem& obs) {
  ordered_json j;
  j["findings"] = ordered_json::array();
  for (const Finding& f : fs) {
    ordered_json x{{"code", f.code},
                   {"severity", std::string(engine::severity_name(f.severity))},
                   {"message", base::clean_utf8(f.message)}};
    if (!f.observed_at.file.empty()) {
      x["observed"] = where_json(f.observed_at);
      x["observed"]["id"] = base::clean_utf8(f.observed);
    }
    if (f.model_at.valid())
      x["model"] = ordered_json{{"id", f.element},
                                {"file", base::clean_utf8(f.model_at.path())},
                                {"line", f.model_at.line},
                                {"column", f.model_at.col},
                                {"says", f.model_says}};
    x["hint"] = f.hint;
    j["findings"].push_back(std::move(x));
  }
  ordered_json unresolved = ordered_json::array();
  for (const auto& u : obs.unresolved) {
    auto w = where_json(u.where);
    w["what"] = base::clean_utf8(u.what);
    unresolved.push_back(w);
  }
  j["unresolved"] = unresolved;
  ordered_json problems = ordered_json::array();
  for (const auto& p : obs.problems) {
    auto w = where_json(p.where);
    w["message"] = base::clean_utf8(p.message);
    problems.push_back(w);
  }
  j["problems"] = problems;
  j["files"] = obs.files.size();
  return j.dump(2) + "\n";
}

std::string render_sarif(const std::vector<Finding>& fs, const std::string& tool_version) {
  ordered_json rules = ordered_json::array();
  std::set<std::string> codes;
  for (const Finding& f : fs) codes.insert(f.code);
  for (const std::string& c : codes) {
    const Weigh* w = weigh(c);
    rules.push_back(ordered_json{
        {"id", "drift/" + c},
        {"shortDescription", {{"text", "Infrastructure drift: " + c}}},
        {"help", {{"text", w ? w->hint : "see docs/drift.md"}}},
        {"helpUri", "https://github.com/threatwright/threatwright/blob/main/docs/drift.md"}});
  }
  ordered_json results = ordered_json::array();
  for (const Finding& f : fs) {
    const char* level = f.severity >= Severity::High     ? "error"
                        : f.severity == Severity::Medium ? "warning"
                                                         : "note";
    ordered_json r{{"ruleId", "drift/" + f.code},
                   {"level", level},
                   {"message", {{"text", base::clean_utf8(f.message)}}}};
    auto loc = [](const std::string& file, uint32_t line, uint32_t col) {
      return ordered_json{{"physicalLocation",
                           {{"artifactLocation", {{"uri", base::clean_utf8(file)}}},
                            {"region",
                             {{"startLine", std::max<uint32_t>(line, 1)},
                              {"startColumn", std::max<uint32_t>(col, 1)}}}}}};
    };
    if (!f.observed_at.file.empty()) {
      r["locations"] =
          ordered_json::array({loc(f.observed_at.file, f.observed_at.line, f.observed_at.col)});
      if (f.model_at.valid()) {
        auto rel = loc(f.model_at.path(), f.model_at.line, f.model_at.col);
        rel["id"] = 1;
        rel["message"] = {{"text", "the model's " + base::clean_utf8(f.element)}};
        r["relatedLocations"] = ordered_json::array({rel});
      }
    } else if (f.model_at.valid()) {
      r["locations"] =
          ordered_json::array({loc(f.model_at.path(), f.model_at.line, f.model_at.col)});
    }
    r["partialFingerprints"] = {
        {"driftId/v1",
         f.code + "@" + base::clean_utf8(f.observed.empty() ? f.element : f.observed)}};
    results.push_back(std::move(r));
  }
  ordered_json j{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({ordered_json{
                   {"tool",
                    {{"driver",
                      {{"name", "threatwright-drift"},
                       {"version", tool_version},
                       {"informationUri", "https://github.com/threatwright/threatwright"},
                       {"rules", rules}}}}},
                   {"results", results}}})}};
  return j.dump(2) + "\n";
}

std::string render_markdown(const std::vector<Finding>& fs, const observe::ObservedSystem& obs) {
  std::string out = "### Threat model drift\n\n";
  size_t shown = 0;
  for (const Finding& f : fs)
    if (f.severity != Severity::Info) ++shown;
  if (shown == 0) {
    out += "The infrastructure (" + std::to_string(obs.files.size()) +
           " files) matches the threat model: no drift at low severity or above.\n";
    return out;
  }
  out += std::to_string(shown) + " place" + (shown == 1 ? "" : "s") +
         " where the infrastructure contradicts the threat model:\n\n";
  out += "| Severity | Infrastructure | Model | Finding |\n|---|---|---|---|\n";
  for (const Finding& f : fs) {
    if (f.severity == Severity::Info) continue;
    out += "| " + std::string(engine::severity_name(f.severity)) + " | " +
           base::md_code(f.observed_at.str(), true) + " | " +
           (f.model_at.valid() ? base::md_code(loc_str(f.model_at), true) : std::string("—")) +
           " | " + base::md_escape(f.message, true) + " (`" + f.code + "`) |\n";
  }
  size_t notes = fs.size() - shown;
  if (notes > 0)
    out += "\n" + std::to_string(notes) +
           " note(s) (components on one side only) are in the full report.\n";
  return out;
}

}  // namespace tw::drift
