#include "load/resolve.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "base/parallel.h"
#include "base/suggest.h"
#include "base/text.h"
#include "model/facts.h"
#include "model/vocabulary.h"

namespace tw::load {

using namespace tw::model;
using base::squote;

namespace {

// "a component", "an asset".
std::string a_kind(Kind k) {
  std::string label(kind_label(k));
  return (std::string("aeiou").find(label[0]) != std::string::npos ? "an " : "a ") + label;
}

class Resolver {
 public:
  Resolver(Model& m, base::Diagnostics& d) : m_(m), d_(d) {}

  void add_id(const std::string& id, Kind kind, int32_t index, const base::Loc& loc) {
    if (id.empty()) return;
    auto [it, inserted] = m_.ids.emplace(id, IdEntry{kind, index, loc});
    if (!inserted) {
      auto& diag =
          d_.error("duplicate-id", loc,
                   "duplicate id " + squote(id) + " (" + std::string(kind_label(kind)) + ")");
      diag.notes.push_back(
          base::Note{it->second.loc, "first defined here as " + a_kind(it->second.kind)});
      diag.hint = "every id must be unique across the whole model, includes too";
    }
  }

  // Resolves `r` to one of `kinds`; reports dangling and wrong-kind references. `cleaned`:
  // resolve_cleanly() has already resolved it if it could be.
  void resolve(Ref& r,
               std::initializer_list<Kind> kinds,
               std::string_view role,
               bool cleaned = false) {
    if (r.id.empty() || (cleaned && r.index >= 0)) return;
    const IdEntry* e = m_.find(r.id);
    if (!e) {
      auto& diag =
          d_.error("unknown-id", r.loc, std::string(role) + " " + squote(r.id) + " does not exist");
      if (d_.error_count() <= 200) {  // a bounded search each: only for the first few
        std::string guess = suggest(r.id, kinds);
        if (!guess.empty()) diag.message += "; did you mean '" + guess + "'?";
      }
      return;
    }
    if (std::find(kinds.begin(), kinds.end(), e->kind) == kinds.end()) {
      std::vector<std::string> want;
      for (Kind k : kinds) want.push_back(a_kind(k));
      auto& diag = d_.error("wrong-kind", r.loc,
                            std::string(role) + " " + squote(r.id) + " is " + a_kind(e->kind) +
                                ", expected " + base::join(want, " or "));
      diag.notes.push_back(base::Note{e->loc, squote(r.id) + " is defined here"});
      return;
    }
    r.index = e->index;
  }

  void resolve_all(std::vector<Ref>& refs,
                   std::initializer_list<Kind> kinds,
                   std::string_view role) {
    for (Ref& r : refs) resolve(r, kinds, role);
  }

  // The closest id of one of `kinds`. One index per set of kinds, built on first use over the
  // ids registered so far (all of them: references are resolved after registration).
  std::string suggest(const std::string& id, std::initializer_list<Kind> kinds) {
    uint32_t mask = 0;
    for (Kind k : kinds) mask |= 1u << static_cast<unsigned>(k);
    auto it = indexes_.find(mask);
    if (it == indexes_.end()) {
      std::vector<std::string_view> cands;
      for (const auto& [key, entry] : m_.ids) {
        if (mask & (1u << static_cast<unsigned>(entry.kind))) cands.push_back(key);
      }
      it = indexes_.emplace(mask, base::SuggestionIndex(std::move(cands))).first;
    }
    return it->second.suggest(id);
  }

 private:
  Model& m_;
  base::Diagnostics& d_;
  std::unordered_map<uint32_t, base::SuggestionIndex> indexes_;
};

// Sets the index of every reference of `items` that names an element of the expected kind, and
// clears it on the others (left to Resolver::resolve, which reports them).
template <class T, class Refs>
void resolve_cleanly(const Model& m, std::vector<T>& items, Refs refs) {
  constexpr size_t kChunk = 4096;
  size_t chunks = (items.size() + kChunk - 1) / kChunk;
  unsigned threads = chunks >= 4 ? base::worker_threads() : 1;
  base::run_parallel(chunks, threads, [&](size_t k) {
    auto ref = [&m](Ref& r, Kind kind, std::string_view /*role*/) {
      const IdEntry* e = r.id.empty() ? nullptr : m.find(r.id);
      r.index = e && e->kind == kind ? e->index : -1;
    };
    size_t end = std::min(items.size(), (k + 1) * kChunk);
    for (size_t i = k * kChunk; i < end; ++i) refs(items[i], ref);
  });
}

template <class T>
void register_all(Resolver& r, const std::vector<T>& v, Kind kind) {
  for (size_t i = 0; i < v.size(); ++i) r.add_id(v[i].id, kind, static_cast<int32_t>(i), v[i].loc);
}

void register_attack_nodes(Resolver& r, const AttackNode& n, int32_t tree) {
  if (!n.id.empty()) r.add_id(n.id, Kind::AttackStep, tree, n.loc);
  for (const AttackNode& c : n.children) register_attack_nodes(r, c, tree);
}

void resolve_attack_nodes(Resolver& r, AttackNode& n) {
  r.resolve(n.target, {Kind::Component, Kind::Flow}, "target");
  r.resolve_all(n.mitigated_by, {Kind::Control}, "control");
  for (AttackNode& c : n.children) resolve_attack_nodes(r, c);
}

void check_boundary_cycles(Model& m, base::Diagnostics& d) {
  // Each boundary has at most one parent: follow the chain with colouring.
  std::vector<int> state(m.boundaries.size(), 0);  // 0 new, 1 on path, 2 done
  for (size_t start = 0; start < m.boundaries.size(); ++start) {
    std::vector<int> path;
    int cur = static_cast<int>(start);
    while (cur >= 0 && state[cur] == 0) {
      state[cur] = 1;
      path.push_back(cur);
      cur = m.boundaries[cur].parent.index;
    }
    if (cur >= 0 && state[cur] == 1) {
      // A cycle through `cur`: report once, at the parent reference that closes it.
      auto it = std::find(path.begin(), path.end(), cur);
      std::vector<std::string> names;
      for (auto p = it; p != path.end(); ++p) names.push_back(m.boundaries[*p].id);
      names.push_back(m.boundaries[cur].id);
      Boundary& last = m.boundaries[path.back()];
      auto& diag = d.error("boundary-cycle", last.parent.loc,
                           "boundary parents form a cycle: " + base::join(names, " -> "));
      diag.hint = "a boundary cannot be nested inside itself; remove one 'parent'";
      last.parent.index = -1;  // break it so later passes terminate
    }
    for (int p : path) state[p] = 2;
  }
}

bool tls_protocol(const std::string& p) {
  static const char* kTls[] = {"https", "grpc-tls", "sql-tls", "amqps", "ssh",   "tls",  "wss",
                               "sftp",  "ftps",     "smtps",   "imaps", "ldaps", "mqtts"};
  return std::any_of(std::begin(kTls), std::end(kTls), [&](const char* t) { return p == t; });
}

bool cleartext_protocol(const std::string& p) {
  static const char* kClear[] = {"http", "ftp", "telnet", "ws", "ldap", "mqtt"};
  return std::any_of(std::begin(kClear), std::end(kClear), [&](const char* t) { return p == t; });
}

void warn_flows(Model& m, base::Diagnostics& d) {
  for (const Flow& f : m.flows) {
    if (f.encrypted == false && tls_protocol(f.effective_protocol())) {
      d.warning("contradictory-flow", f.loc,
                "flow " + squote(f.id) + " uses " + f.protocol + " but says encrypted: false")
          .hint = "fix the protocol or the 'encrypted' flag";
    } else if (f.encrypted == true && cleartext_protocol(f.effective_protocol())) {
      d.warning(
           "contradictory-flow", f.loc,
           "flow " + squote(f.id) + " uses cleartext " + f.protocol + " but says encrypted: true")
          .hint = "use the TLS form of the protocol (e.g. https) or set encrypted: false";
    }
    if (f.mutual_tls == true && f.encrypted == false) {
      d.warning("contradictory-flow", f.loc,
                "flow " + squote(f.id) + " says mutual_tls: true but encrypted: false");
    }
    if (f.mutual_tls == true && f.authenticated == false) {
      d.warning("contradictory-flow", f.loc,
                "flow " + squote(f.id) + " says mutual_tls: true but authenticated: false");
    }
    if (f.from.resolved() && f.from.index == f.to.index) {
      d.warning("self-flow", f.loc, "flow " + squote(f.id) + " goes from an element to itself");
    }
  }
}

/// The method facts (a flow's `authentication`, a store's `encryption`) imply the yes/no facts
/// rules read (`authenticated`, `encrypted_at_rest`): an unset one is taken from them, a stated
/// one that disagrees is a warning (docs/model-format.md).
void derive_stated_facts(Model& m, base::Diagnostics& d, bool warnings) {
  for (Flow& f : m.flows) {
    if (!f.authentication) continue;
    bool some = *f.authentication != FlowAuthentication::None;
    if (!f.authenticated) {
      f.authenticated = some;
    } else if (*f.authenticated != some && warnings) {
      d.warning("contradictory-flow", f.loc,
                "flow " + squote(f.id) +
                    " says authentication: " + std::string(name(*f.authentication)) +
                    " but authenticated: " + (*f.authenticated ? "true" : "false"))
          .hint = "drop 'authenticated' (the method decides it) or fix the method";
    }
    if (warnings && !some && f.mutual_tls == true) {
      d.warning("contradictory-flow", f.loc,
                "flow " + squote(f.id) + " says authentication: none but mutual_tls: true")
          .hint = "use authentication: client-certificate";
    }
  }
  for (Component& c : m.components) {
    if (!c.encryption) continue;
    bool some = *c.encryption != Encryption::None;
    if (!c.encrypted_at_rest) {
      c.encrypted_at_rest = some;
    } else if (*c.encrypted_at_rest != some && warnings) {
      d.warning("contradictory-component", c.loc,
                "component " + squote(c.id) +
                    " says encryption: " + std::string(name(*c.encryption)) +
                    " but encrypted_at_rest: " + (*c.encrypted_at_rest ? "true" : "false"))
          .hint = "drop 'encrypted_at_rest' (the encryption decides it) or fix the encryption";
    }
  }
}

void warn_unknown_facts(Model& m, base::Diagnostics& d) {
  for (const Component& c : m.components) {
    std::vector<std::string> unknown;
    if (c.type == ComponentType::Process) {
      if (!c.internet_facing) unknown.push_back("internet_facing");
      if (!c.authentication) unknown.push_back("authentication");
      if (!c.authorization) unknown.push_back("authorization");
      if (!c.input_validation) unknown.push_back("input_validation");
      if (!c.audit_log) unknown.push_back("audit_log");
    } else if (c.type == ComponentType::DataStore) {
      if (!c.authentication) unknown.push_back("authentication");
      if (!c.encrypted_at_rest) unknown.push_back("encrypted_at_rest");
      if (!c.backups) unknown.push_back("backups");
    }
    if (!unknown.empty()) {
      d.warning("unknown-fact", c.loc,
                std::string(name(c.type)) + " " + squote(c.id) +
                    " leaves security facts unknown: " + base::join(unknown, ", "))
          .hint = "state each one (true/false or a value): unknown facts are treated as risks";
    }
  }
  for (const Flow& f : m.flows) {
    std::vector<std::string> unknown;
    if (!f.encrypted) unknown.push_back("encrypted");
    if (!f.authenticated) unknown.push_back("authenticated");
    if (!unknown.empty()) {
      d.warning(
           "unknown-fact", f.loc,
           "flow " + squote(f.id) + " leaves security facts unknown: " + base::join(unknown, ", "))
          .hint = "state each one (true/false): unknown facts are treated as risks";
    }
  }
}

void warn_unused(Model& m, base::Diagnostics& d) {
  std::vector<bool> asset_used(m.assets.size()), adv_used(m.adversaries.size());
  auto mark = [](std::vector<bool>& used, const Ref& r) {
    if (r.resolved()) used[r.index] = true;
  };
  for (const Component& c : m.components) {
    for (const Ref& r : c.stores) mark(asset_used, r);
  }
  for (const Flow& f : m.flows) {
    for (const Ref& r : f.data) mark(asset_used, r);
    for (const Ref& r : f.returns) mark(asset_used, r);
  }
  for (const Threat& t : m.threats) {
    for (const Ref& r : t.assets) mark(asset_used, r);
    mark(adv_used, t.adversary);
  }
  for (const AttackTree& t : m.attack_trees) mark(adv_used, t.adversary);
  for (const Intelligence& ti : m.pasta.threat_intelligence) {
    for (const Ref& r : ti.adversaries) mark(adv_used, r);
  }
  for (size_t i = 0; i < m.assets.size(); ++i) {
    if (!asset_used[i]) {
      d.warning("unused-asset", m.assets[i].loc,
                "asset " + squote(m.assets[i].id) + " is not stored or carried by any element")
          .hint = "list it under a data store's 'stores' or a flow's 'data', or remove it";
    }
  }
  Facts facts(m);
  for (size_t i = 0; i < m.adversaries.size(); ++i) {
    if (adv_used[i]) continue;
    bool reaches = false;
    for (size_t c = 0; c < m.components.size() && !reaches; ++c) {
      reaches = facts.reaches(m.adversaries[i], static_cast<int>(c));
    }
    if (!reaches) {
      d.warning("unused-adversary", m.adversaries[i].loc,
                "adversary " + squote(m.adversaries[i].id) +
                    " can reach no element of the model and no threat names it")
          .hint = "check its 'access', or name it in a threat or attack tree";
    }
  }
}

// ---- IAM ----

// Principals no component acts as, directly or by assuming it through others (their rules
// have no component to place a threat on), and principals whose policy or keys are unknown.
void warn_iam(Model& m, base::Diagnostics& d) {
  if (m.principals.empty()) return;
  const size_t np = m.principals.size();
  std::vector<std::vector<int>> may_assume(np);  // p -> principals p may assume
  std::vector<bool> used(np, false);
  std::vector<int> queue;
  auto mark = [&](int p) {
    if (p >= 0 && !used[p]) {
      used[p] = true;
      queue.push_back(p);
    }
  };
  for (const Component& c : m.components) {
    if (c.runs_as.resolved()) mark(c.runs_as.index);
  }
  for (size_t q = 0; q < np; ++q) {
    for (const Ref& r : m.principals[q].assumable_by) {
      const IdEntry* e = r.resolved() ? m.find(r.id) : nullptr;
      if (!e) continue;
      if (e->kind == Kind::Component) mark(static_cast<int>(q));
      if (e->kind == Kind::Principal) may_assume[e->index].push_back(static_cast<int>(q));
    }
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    for (int q : may_assume[queue[head]]) mark(q);
  }
  for (size_t p = 0; p < np; ++p) {
    const Principal& pr = m.principals[p];
    if (!used[p]) {
      d.warning("unused-principal", pr.loc,
                "principal " + squote(pr.id) +
                    " is not run as or assumed by any component, so no threat about it can be "
                    "placed")
          .hint = "name it in a component's 'runs_as' or in 'assumable_by', or remove it";
    }
    std::vector<std::string> unknown;
    if (!pr.permissions) unknown.push_back("permissions");
    if (!pr.long_lived_keys) unknown.push_back("long_lived_keys");
    if (!unknown.empty()) {
      d.warning("unknown-fact", pr.loc,
                "principal " + squote(pr.id) +
                    " leaves security facts unknown: " + base::join(unknown, ", "))
          .hint = "state each one: unknown facts are treated as risks";
    }
  }
}

// The closest known value; among equally close ones, one with the same first letter (a typo
// rarely hits the first letter: `htps` is `https` before `ftps`), then the first in order.
std::string typo_of(const base::SuggestionIndex& index, std::string_view value) {
  std::vector<std::string_view> all = index.closest(value);
  if (all.empty()) return {};
  for (std::string_view c : all) {
    if (!value.empty() && c[0] == value[0]) return std::string(c);
  }
  return std::string(all.front());
}

// One open vocabulary: the built-in values, the words people write for them, and the values
// the model declares (`kinds:` or `protocols:`).
struct Vocabulary {
  std::string_view what;     // "kind", "protocol"
  std::string_view section;  // "kinds", "protocols"
  std::vector<std::string_view> builtin;
  const Synonym* (*synonym)(std::string_view);
  std::unordered_map<std::string_view, const CustomTerm*> declared;
  base::SuggestionIndex builtin_index, all_index;

  bool known(std::string_view v) const {
    return std::binary_search(builtin.begin(), builtin.end(), v) || declared.count(v);
  }
  std::string list() const {
    std::vector<std::string> all(builtin.begin(), builtin.end());
    return base::join(all, ", ");
  }
};

// Checks the declarations of `terms` (ids unique and not built in; a built-in base) and indexes
// them in `v`.
void declare(Vocabulary& v, const std::vector<CustomTerm>& terms, base::Diagnostics& d) {
  std::string what(v.what);
  for (const CustomTerm& t : terms) {
    if (std::binary_search(v.builtin.begin(), v.builtin.end(), std::string_view(t.id))) {
      d.error("duplicate-" + what, t.loc,
              what + " " + squote(t.id) + " is built in; a declared " + what +
                  " needs a name of its own")
          .hint = "remove this entry: components can use the built-in " + what + " as it is";
      continue;
    }
    auto [it, inserted] = v.declared.emplace(t.id, &t);
    if (!inserted) {
      auto& diag = d.error("duplicate-" + what, t.loc,
                           what + " " + squote(t.id) + " is declared more than once");
      diag.notes.push_back(base::Note{it->second->loc, "first declared here"});
    }
  }
  for (const CustomTerm& term : terms) {
    auto self = v.declared.find(term.id);
    if (self == v.declared.end() || self->second != &term) continue;
    const CustomTerm* t = &term;
    if (t->base.empty() ||
        std::binary_search(v.builtin.begin(), v.builtin.end(), std::string_view(t->base))) {
      continue;
    }
    auto& diag = d.error("bad-base", t->base_loc,
                         "base " + squote(t->base) + " of " + what + " " + squote(t->id) +
                             " is not a built-in " + what);
    if (auto other = v.declared.find(t->base); other != v.declared.end()) {
      diag.message += " but one this model declares";
      diag.hint = "name a built-in " + what +
                  (other->second->base.empty() ? std::string()
                                               : ", e.g. its base " + squote(other->second->base));
      continue;
    }
    std::string guess = typo_of(v.builtin_index, t->base);
    if (const Synonym* syn = v.synonym(t->base)) guess = std::string(syn->means);
    if (!guess.empty()) diag.message += "; did you mean '" + guess + "'?";
    diag.hint =
        "a declared " + what + " maps to a built-in one, whose rules then apply: " + v.list();
  }
}

// Reports `value` (a component's kind, a flow's protocol) when no vocabulary knows it.
void unknown_value(const Vocabulary& v,
                   const std::string& value,
                   const std::string& owner,
                   const base::Loc& loc,
                   base::Diagnostics& d) {
  std::string what(v.what);
  auto& diag =
      d.warning("unknown-" + what, loc, "unknown " + what + " " + squote(value) + " for " + owner);
  if (!d.wants_more()) return;
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string declare_hint = "or declare it under '" + std::string(v.section) +
                             ":' with a built-in base (docs/model-format.md, \"Vocabulary\")";
  if (lower != value && v.known(lower)) {
    diag.message += "; did you mean '" + lower + "'?";
    diag.hint = what + "s are lower case";
  } else if (const Synonym* syn = v.synonym(lower)) {
    diag.message += ": " + squote(value) +
                    (syn->technology ? " is a technology" : " is not a " + what) +
                    "; did you mean '" + std::string(syn->means) + "'?";
    diag.hint = syn->technology && v.what == "kind"
                    ? "write 'kind: " + std::string(syn->means) + "' and 'technology: " + value +
                          "'; rules match kinds, not products"
                    : "write '" + what + ": " + std::string(syn->means) + "', " + declare_hint;
  } else if (std::string guess = typo_of(v.all_index, value); !guess.empty()) {
    diag.message += "; did you mean '" + guess + "'?";
    diag.hint = "rules match " + what +
                "s exactly, so a misspelt one gets none of its rules; fix it, " + declare_hint;
  } else {
    diag.hint =
        "rules match " + what + "s exactly; use a built-in one (" + v.list() + "), " + declare_hint;
  }
}

// A near miss of a known value in an open field (ecosystem, source): other values are fine.
void near_miss(const base::SuggestionIndex& index,
               std::string_view field,
               const std::string& value,
               const std::string& owner,
               const base::Loc& loc,
               base::Diagnostics& d) {
  if (value.empty() || !d.wants_more()) return;
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool case_only = lower != value && std::binary_search(index.words().begin(), index.words().end(),
                                                        std::string_view(lower));
  std::string guess = case_only ? lower : typo_of(index, value);
  if (guess.empty()) return;
  d.warning("unknown-" + std::string(field), loc,
            std::string(field) + " " + squote(value) + " of " + owner +
                " is not one threatwright knows; did you mean '" + guess + "'?")
      .hint =
      "rules compare " + std::string(field) + "s exactly; other values are accepted as they are";
}

// Declared kinds and protocols map to built-in bases, which components and flows that use them
// get as their effective kind or protocol; values in no vocabulary are warnings (with
// `warnings`).
void resolve_vocabulary(Model& m, base::Diagnostics& d, bool warnings) {
  auto ids = [](const auto& v) {
    std::vector<std::string_view> out;
    for (const auto& x : v) out.push_back(x.id);
    return out;
  };
  Vocabulary kinds{"kind", "kinds", ids(builtin_kinds()), kind_synonym, {}, {}, {}};
  Vocabulary protocols{"protocol", "protocols", ids(builtin_protocols()), protocol_synonym, {},
                       {},         {}};
  for (Vocabulary* v : {&kinds, &protocols}) v->builtin_index = base::SuggestionIndex(v->builtin);
  declare(kinds, m.kinds, d);
  declare(protocols, m.protocols, d);
  for (Component& c : m.components) {
    if (auto it = kinds.declared.find(c.kind); it != kinds.declared.end()) {
      c.base_kind = it->second->base;
    }
  }
  for (Flow& f : m.flows) {
    if (auto it = protocols.declared.find(f.protocol); it != protocols.declared.end()) {
      f.base_protocol = it->second->base;
    }
  }
  if (!warnings) return;
  for (Vocabulary* v : {&kinds, &protocols}) {
    std::vector<std::string_view> all = v->builtin;
    for (const auto& [id, t] : v->declared) all.push_back(id);
    v->all_index = base::SuggestionIndex(std::move(all));
  }
  for (const Component& c : m.components) {
    if (!c.kind.empty() && !kinds.known(c.kind)) {
      unknown_value(kinds, c.kind, "component " + squote(c.id), c.kind_loc, d);
    }
  }
  for (const Flow& f : m.flows) {
    if (!f.protocol.empty() && !protocols.known(f.protocol)) {
      unknown_value(protocols, f.protocol, "flow " + squote(f.id), f.protocol_loc, d);
    }
  }
  base::SuggestionIndex ecosystems(builtin_ecosystems()), sources(builtin_sources());
  for (const SupplyItem& s : m.supply_chain) {
    near_miss(ecosystems, "ecosystem", s.ecosystem, "supply-chain entry " + squote(s.id),
              s.ecosystem_loc, d);
    near_miss(sources, "source", s.source, "supply-chain entry " + squote(s.id), s.source_loc, d);
  }
}

}  // namespace

void resolve(Model& m, base::Diagnostics& d, bool warnings) {
  Resolver r(m, d);
  m.ids.reserve(m.assets.size() + m.components.size() + m.flows.size() + m.controls.size() + 64);
  register_all(r, m.assets, Kind::Asset);
  register_all(r, m.adversaries, Kind::Adversary);
  register_all(r, m.boundaries, Kind::Boundary);
  register_all(r, m.components, Kind::Component);
  register_all(r, m.flows, Kind::Flow);
  register_all(r, m.supply_chain, Kind::SupplyChain);
  register_all(r, m.controls, Kind::Control);
  register_all(r, m.threats, Kind::Threat);
  register_all(r, m.failure_modes, Kind::FailureMode);
  register_all(r, m.pasta.objectives, Kind::Objective);
  register_all(r, m.pasta.threat_intelligence, Kind::Intelligence);
  register_all(r, m.pasta.vulnerabilities, Kind::Vulnerability);
  register_all(r, m.attack_trees, Kind::AttackTree);
  for (size_t i = 0; i < m.attack_trees.size(); ++i) {
    register_attack_nodes(r, m.attack_trees[i].root, static_cast<int32_t>(i));
  }
  register_all(r, m.principals, Kind::Principal);  // IAM

  for (Boundary& b : m.boundaries) r.resolve(b.parent, {Kind::Boundary}, "parent boundary");
  check_boundary_cycles(m, d);
  // The bulk of the references, in large models: those that resolve cleanly are resolved on
  // worker threads first (lookups only); the serial pass then reports the others in model
  // order, exactly as if it had done everything. One list of them serves both passes.
  auto component_refs = [](Component& c, auto&& ref) {
    ref(c.boundary, Kind::Boundary, "boundary");
    ref(c.runs_on, Kind::Component, "runtime");
    for (Ref& s : c.stores) ref(s, Kind::Asset, "stored asset");
    ref(c.runs_as, Kind::Principal, "principal");  // IAM
  };
  auto flow_refs = [](Flow& f, auto&& ref) {
    ref(f.from, Kind::Component, "flow source");
    ref(f.to, Kind::Component, "flow destination");
    for (Ref& a : f.data) ref(a, Kind::Asset, "carried asset");
    for (Ref& a : f.returns) ref(a, Kind::Asset, "returned asset");
  };
  resolve_cleanly(m, m.components, component_refs);
  resolve_cleanly(m, m.flows, flow_refs);
  auto report = [&r](Ref& ref, Kind kind, std::string_view role) {
    r.resolve(ref, {kind}, role, /*cleaned=*/true);
  };
  for (Component& c : m.components) component_refs(c, report);
  for (Flow& f : m.flows) flow_refs(f, report);
  for (SupplyItem& s : m.supply_chain) r.resolve_all(s.used_by, {Kind::Component}, "user");
  for (Threat& t : m.threats) {
    r.resolve(t.target, {Kind::Component, Kind::Flow}, "threat target");
    r.resolve(t.adversary, {Kind::Adversary}, "adversary");
    r.resolve_all(t.assets, {Kind::Asset}, "asset");
  }
  for (FailureMode& f : m.failure_modes) {
    r.resolve(f.component, {Kind::Component}, "component");
    r.resolve_all(f.mitigated_by, {Kind::Control}, "control");
  }
  for (NotApplicable& na : m.not_applicable) {
    r.resolve(na.target, {Kind::Component, Kind::Flow}, "target");
  }
  for (Intelligence& ti : m.pasta.threat_intelligence) {
    r.resolve_all(ti.relevant_to, {Kind::Component, Kind::Flow}, "element");
    r.resolve_all(ti.adversaries, {Kind::Adversary}, "adversary");
  }
  for (Vulnerability& v : m.pasta.vulnerabilities) {
    r.resolve(v.target, {Kind::Component, Kind::Flow}, "target");
  }
  for (AttackTree& t : m.attack_trees) {
    r.resolve(t.adversary, {Kind::Adversary}, "adversary");
    resolve_attack_nodes(r, t.root);
  }
  // IAM
  for (Principal& p : m.principals) {
    r.resolve_all(p.assumable_by, {Kind::Component, Kind::Principal}, "assuming element");
    r.resolve_all(p.acts_on, {Kind::Component}, "component");
  }
  resolve_vocabulary(m, d, warnings);
  derive_stated_facts(m, d, warnings);
  if (warnings) {
    warn_flows(m, d);
    warn_unknown_facts(m, d);
    warn_unused(m, d);
    warn_iam(m, d);
  }
}

}  // namespace tw::load
