#include "mcp/change.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "base/text.h"
#include "engine/analysis.h"
#include "load/builder.h"
#include "load/reader.h"
#include "load/resolve.h"
#include "load/yaml_node.h"
#include "mcp/views.h"
#include "mcp/workspace.h"
#include "model/facts.h"

namespace tw::mcp {

using load::Node;
using model::Kind;

namespace {

// ---------------------------------------------------------------------------------------------
// Merging

enum class Match { Id, Threat, None };

struct Section {
  std::string_view key;
  Kind kind;
  Match match;
};

constexpr Section kSections[] = {
    {"assets", Kind::Asset, Match::Id},
    {"adversaries", Kind::Adversary, Match::Id},
    {"boundaries", Kind::Boundary, Match::Id},
    {"components", Kind::Component, Match::Id},
    {"flows", Kind::Flow, Match::Id},
    {"supply_chain", Kind::SupplyChain, Match::Id},
    {"controls", Kind::Control, Match::Id},
    {"threats", Kind::Threat, Match::Id},
    {"decisions", Kind::Threat, Match::Threat},
    {"failure_modes", Kind::FailureMode, Match::Id},
    {"not_applicable", Kind::Component, Match::None},
    {"attack_trees", Kind::AttackTree, Match::Id},
};
// `iam: {principals: [...]}`: its items are matched by id like a section's.
constexpr Section kPrincipals{"principals", Kind::Principal, Match::Id};

const Section* find_section(std::string_view key) {
  for (const Section& s : kSections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

// The value under `key` in a mapping node, or null.
const Node* map_get(const Node* map, std::string_view key) {
  if (!map || !map->is_map()) return nullptr;
  for (size_t i = 0; i < map->entries(); ++i) {
    if (map->key(i)->is_scalar() && map->key(i)->text == key) return map->value(i);
  }
  return nullptr;
}

std::string scalar_text(const Node* n) {
  return n && n->is_scalar() && !n->is_null() ? std::string(n->text) : std::string();
}

Node* synth(load::Arena& arena, const Node* like, Node::Kind kind, std::vector<const Node*> kids) {
  Node* n = arena.node();
  n->kind = kind;
  n->line = like->line;
  n->col = like->col;
  n->count = static_cast<uint32_t>(kids.size());
  n->kids = static_cast<Node**>(
      arena.allocate(sizeof(Node*) * std::max<size_t>(kids.size(), 1), alignof(Node*)));
  for (size_t i = 0; i < kids.size(); ++i) n->kids[i] = const_cast<Node*>(kids[i]);
  return n;
}

// Builds the items of one section (a list under `key_node`) into `out`.
void build_items(load::BuildContext& ctx,
                 load::Arena& arena,
                 const Node* top,
                 const Node* key_node,
                 const std::vector<const Node*>& items,
                 model::Model& out) {
  if (items.empty()) return;
  const Node* seq = synth(arena, items.front(), Node::Kind::Seq, items);
  const Node* map = synth(arena, top, Node::Kind::Map, {key_node, seq});
  load::build_sections(ctx, map, false, out);
}

// Builds principals (items of `iam.principals`, under `iam_key` and `principals_key`).
void build_principals(load::BuildContext& ctx,
                      load::Arena& arena,
                      const Node* top,
                      const Node* iam_key,
                      const Node* principals_key,
                      const std::vector<const Node*>& items,
                      model::Model& out) {
  if (items.empty()) return;
  const Node* seq = synth(arena, items.front(), Node::Kind::Seq, items);
  const Node* iam = synth(arena, iam_key, Node::Kind::Map, {principals_key, seq});
  const Node* map = synth(arena, top, Node::Kind::Map, {iam_key, iam});
  load::build_sections(ctx, map, false, out);
}

// Field-by-field merge of a changed element: only the keys the fragment gives.
#define TW_FIELD(f)           \
  if (key == #f) {            \
    dst.f = std::move(src.f); \
    return true;              \
  }

bool merge_field(model::Asset& dst, model::Asset& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description)
  TW_FIELD(value) TW_FIELD(impact) TW_FIELD(cia) TW_FIELD(quantity) return false;
}
bool merge_field(model::Adversary& dst, model::Adversary& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description) TW_FIELD(access) TW_FIELD(capability) TW_FIELD(motivation) return false;
}
bool merge_field(model::Boundary& dst, model::Boundary& src, std::string_view key) {
  TW_FIELD(name) TW_FIELD(description) TW_FIELD(trust) TW_FIELD(type) TW_FIELD(parent) return false;
}
// Web-application facts (docs/model-format.md, "Web-application facts").
bool merge_web_facts(model::Component& dst, model::Component& src, std::string_view key) {
  TW_FIELD(sessions)
  TW_FIELD(csrf_protection)
  TW_FIELD(object_authorization)
  TW_FIELD(password_reset)
  TW_FIELD(accepts_uploads)
  TW_FIELD(upload_validation)
  TW_FIELD(secrets)
  TW_FIELD(deployment_checks)
  TW_FIELD(email_authentication)
  return false;
}
bool merge_field(model::Component& dst, model::Component& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description)
  TW_FIELD(type)
  TW_FIELD(kind)
  TW_FIELD(boundary)
  TW_FIELD(technology)
  TW_FIELD(internet_facing)
  TW_FIELD(authentication) TW_FIELD(authorization) TW_FIELD(input_validation)
      TW_FIELD(output_encoding) TW_FIELD(audit_log) TW_FIELD(rate_limited) TW_FIELD(runs_as_root)
          TW_FIELD(fail_mode) TW_FIELD(stores) TW_FIELD(encrypted_at_rest) TW_FIELD(backups)
              TW_FIELD(code) TW_FIELD(used_by_humans) TW_FIELD(multi_tenant) TW_FIELD(redundant)
                  TW_FIELD(custom_developed) TW_FIELD(data_formats) TW_FIELD(machine)
                      TW_FIELD(encryption) TW_FIELD(runs_on)
                          TW_FIELD(runs_as) return merge_web_facts(dst, src, key);
}
bool merge_field(model::Flow& dst, model::Flow& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description)
  TW_FIELD(from)
  TW_FIELD(to)
  TW_FIELD(protocol)
  TW_FIELD(data)
  TW_FIELD(encrypted)
  TW_FIELD(authenticated) TW_FIELD(mutual_tls) TW_FIELD(port) TW_FIELD(authentication)
      TW_FIELD(authorization) TW_FIELD(vpn) TW_FIELD(ip_filtered) TW_FIELD(read_only)
          TW_FIELD(usage) TW_FIELD(replay_protection) if (key == "signed") {
    dst.signed_messages = src.signed_messages;  // `signed` is a keyword in C++
    return true;
  }
  return false;
}
bool merge_field(model::SupplyItem& dst, model::SupplyItem& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description)
  TW_FIELD(kind)
  TW_FIELD(ecosystem)
  TW_FIELD(used_by)
  TW_FIELD(pinned) TW_FIELD(integrity_checked) TW_FIELD(source) TW_FIELD(version) return false;
}
bool merge_field(model::Control& dst, model::Control& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description)
  TW_FIELD(mechanism)
  TW_FIELD(mitigates) TW_FIELD(owner) TW_FIELD(status) TW_FIELD(verification) return false;
}
bool merge_field(model::Threat& dst, model::Threat& src, std::string_view key) {
  TW_FIELD(title)
  TW_FIELD(description)
  TW_FIELD(stride)
  TW_FIELD(target)
  TW_FIELD(adversary)
  TW_FIELD(assets)
  TW_FIELD(vector)
  TW_FIELD(likelihood)
  TW_FIELD(impact) TW_FIELD(mitigation) TW_FIELD(cwe) TW_FIELD(capec) return false;
}
bool merge_field(model::FailureMode& dst, model::FailureMode& src, std::string_view key) {
  TW_FIELD(component)
  TW_FIELD(scenario)
  TW_FIELD(behaviour)
  TW_FIELD(security_impact) TW_FIELD(description) TW_FIELD(mitigated_by) return false;
}
bool merge_field(model::Principal& dst, model::Principal& src, std::string_view key) {
  TW_FIELD(name)
  TW_FIELD(description)
  TW_FIELD(kind)
  TW_FIELD(long_lived_keys)
  TW_FIELD(production)
  TW_FIELD(permissions) TW_FIELD(assumable_by) TW_FIELD(trust) TW_FIELD(acts_on) return false;
}
bool merge_field(model::AttackTree& dst, model::AttackTree& src, std::string_view key) {
  TW_FIELD(goal) TW_FIELD(adversary) TW_FIELD(root) return false;
}
#undef TW_FIELD

// Applies the keys of fragment item `item` (built alone into `built`) to the model's element
// with the same id.
template <class T>
void merge_element(std::vector<T>& into,
                   std::vector<T>& built,
                   const std::string& id,
                   const Node* item) {
  if (built.empty()) return;  // it did not build (errors were reported)
  auto it = std::find_if(into.begin(), into.end(), [&](const T& e) { return e.id == id; });
  if (it == into.end()) return;
  T& src = built.back();
  for (size_t i = 0; i < item->entries(); ++i) {
    if (!item->key(i)->is_scalar()) continue;
    std::string_view key = item->key(i)->text;
    if (key == "id") continue;
    merge_field(*it, src, key);
  }
  it->loc = src.loc;
}

template <class T>
void append(std::vector<T>& into, std::vector<T>& from) {
  for (T& e : from) into.push_back(std::move(e));
}

std::string diag_key(const base::Diagnostic& d) { return d.code + '\x1f' + d.message; }

}  // namespace

MergeResult merge_change(load::LoadResult base,
                         std::string text,
                         const std::string& display,
                         const load::Limits& limits) {
  MergeResult out;
  out.diagnostics = base::Diagnostics(limits.max_diagnostics);
  base::Diagnostics& diags = out.diagnostics;
  if (!base.ok()) {
    diags.append(base.diagnostics);
    return out;
  }
  // The merged model owns the fragment's text from here on: diagnostics point into it.
  out.model = std::move(base.model);
  model::Model& m = *out.model;
  if (text.size() > limits.max_file_bytes) {
    diags.error("limit-file-size", base::Loc{},
                display + ": the change holds " + std::to_string(text.size()) +
                    " bytes, more than the limit of " + std::to_string(limits.max_file_bytes));
    return out;
  }
  m.sources.push_back(std::make_unique<base::SourceFile>(display, std::move(text)));
  const base::SourceFile& file = *m.sources.back();
  load::Arena arena;
  uint64_t budget = limits.max_nodes;
  const Node* top = load::parse_yaml(file, arena, limits, budget, diags);
  if (!top) return out;
  load::BuildContext ctx{&file, &diags};
  if (!top->is_map()) {
    diags
        .error("wrong-type", ctx.loc(top),
               std::string("a change must be a mapping of sections, got ") + top->describe())
        .hint = "write e.g. 'components: [...]' and 'flows: [...]' at the top level";
    return out;
  }

  // Sort the fragment's items into added ones and changes of existing elements.
  std::set<std::string> base_decisions;
  for (const model::Decision& d : m.decisions) base_decisions.insert(d.threat.id);
  model::Model added;
  std::vector<std::pair<const Section*, const Node*>> changed;  // section, item
  std::vector<const Node*> changed_keys;
  std::map<size_t, const Node*> changed_inner_keys;  // change index -> `principals` key node
  std::set<std::string_view> seen;
  for (size_t i = 0; i < top->entries(); ++i) {
    const Node* kn = top->key(i);
    const Node* value = top->value(i);
    if (!kn->is_scalar()) {
      diags.error("wrong-type", ctx.loc(kn), "a section name must be text");
      continue;
    }
    std::string_view key = kn->text;
    if (!seen.insert(key).second) {
      diags.error("duplicate-key", ctx.loc(kn),
                  "section " + base::squote(key) + " is given twice in the change");
      continue;
    }
    if (key.substr(0, 2) == "x-" || key == "threatwright") continue;
    if (key == "iam") {
      if (value->is_null()) continue;
      if (!value->is_map()) {
        diags.error(
            "wrong-type", ctx.loc(value),
            std::string("'iam' must be a mapping with 'principals', got ") + value->describe());
        continue;
      }
      for (size_t k = 0; k < value->entries(); ++k) {
        const Node* pk = value->key(k);
        const Node* list = value->value(k);
        if (!pk->is_scalar() || pk->text != "principals") {
          diags.error("unknown-key", ctx.loc(pk), "a change's 'iam' lists only 'principals'");
          continue;
        }
        if (list->is_null()) continue;
        if (!list->is_seq()) {
          diags.error("wrong-type", ctx.loc(list),
                      std::string("'principals' must be a list (items start with '- '), got ") +
                          list->describe());
          continue;
        }
        std::vector<const Node*> new_items;
        for (size_t j = 0; j < list->count; ++j) {
          const Node* item = list->item(j);
          std::string id = item->is_map() ? scalar_text(map_get(item, "id")) : std::string();
          const model::IdEntry* e = id.empty() ? nullptr : m.find(id);
          bool is_change = e && e->kind == Kind::Principal;
          if (!id.empty()) out.elements.push_back(ChangedElement{Kind::Principal, id, !is_change});
          if (is_change) {
            changed.emplace_back(&kPrincipals, item);
            changed_keys.push_back(kn);
            changed_inner_keys[changed.size() - 1] = pk;
          } else {
            new_items.push_back(item);
          }
        }
        build_principals(ctx, arena, top, kn, pk, new_items, added);
      }
      continue;
    }
    const Section* sec = find_section(key);
    if (!sec) {
      if (key == "system" || key == "include" || key == "rules" || key == "pasta") {
        diags
            .error("not-in-change", ctx.loc(kn),
                   "'" + std::string(key) + "' cannot be part of a change to assess")
            .hint = "a change lists components, flows, assets, boundaries, controls, ...";
        continue;
      }
      std::vector<std::string_view> names;
      for (const Section& s : kSections) names.push_back(s.key);
      names.push_back("iam");
      auto& d = diags.error("unknown-key", ctx.loc(kn),
                            "unknown section " + base::squote(key) + " in the change");
      std::string guess = base::did_you_mean(key, names);
      if (!guess.empty()) d.message += "; did you mean '" + guess + "'?";
      d.hint =
          "sections: " + base::join(std::vector<std::string>(names.begin(), names.end()), ", ");
      continue;
    }
    if (value->is_null()) continue;
    if (!value->is_seq()) {
      diags.error("wrong-type", ctx.loc(value),
                  "'" + std::string(key) + "' must be a list (items start with '- '), got " +
                      value->describe());
      continue;
    }
    std::vector<const Node*> new_items;
    for (size_t j = 0; j < value->count; ++j) {
      const Node* item = value->item(j);
      bool is_change = false;
      if (item->is_map()) {
        if (sec->match == Match::Id) {
          std::string id = scalar_text(map_get(item, "id"));
          const model::IdEntry* e = id.empty() ? nullptr : m.find(id);
          is_change = e && e->kind == sec->kind;
          if (is_change)
            out.elements.push_back(ChangedElement{sec->kind, id, false});
          else if (!id.empty())
            out.elements.push_back(ChangedElement{sec->kind, id, true});
        } else if (sec->match == Match::Threat) {
          std::string threat = scalar_text(map_get(item, "threat"));
          is_change = base_decisions.count(threat) > 0;
        }
      }
      if (is_change) {
        changed.emplace_back(sec, item);
        changed_keys.push_back(kn);
      } else {
        new_items.push_back(item);
      }
    }
    build_items(ctx, arena, top, kn, new_items, added);
  }

  // Changes: each item is built alone; missing required keys are fine (they keep the model's
  // value), every other problem is reported.
  for (size_t i = 0; i < changed.size(); ++i) {
    const auto& [sec, item] = changed[i];
    model::Model built;
    base::Diagnostics local(limits.max_diagnostics);
    load::BuildContext lctx{&file, &local};
    if (sec->kind == Kind::Principal) {
      build_principals(lctx, arena, top, changed_keys[i], changed_inner_keys[i], {item}, built);
    } else {
      build_items(lctx, arena, top, changed_keys[i], {item}, built);
    }
    base::Loc item_loc = ctx.loc(item);
    for (const base::Diagnostic& d : local.items()) {
      if (d.code == "missing-field" && d.loc.line == item_loc.line && d.loc.col == item_loc.col) {
        continue;
      }
      diags.add(d);
    }
    std::string id = scalar_text(map_get(item, "id"));
    switch (sec->kind) {
      case Kind::Asset:
        merge_element(m.assets, built.assets, id, item);
        break;
      case Kind::Adversary:
        merge_element(m.adversaries, built.adversaries, id, item);
        break;
      case Kind::Boundary:
        merge_element(m.boundaries, built.boundaries, id, item);
        break;
      case Kind::Component:
        merge_element(m.components, built.components, id, item);
        break;
      case Kind::Flow:
        merge_element(m.flows, built.flows, id, item);
        break;
      case Kind::SupplyChain:
        merge_element(m.supply_chain, built.supply_chain, id, item);
        break;
      case Kind::Control:
        merge_element(m.controls, built.controls, id, item);
        break;
      case Kind::Threat:
        if (sec->match == Match::Threat) {
          if (built.decisions.empty()) break;
          std::string threat = built.decisions.back().threat.id;
          for (model::Decision& d : m.decisions) {
            if (d.threat.id == threat) d = std::move(built.decisions.back());
          }
        } else {
          merge_element(m.threats, built.threats, id, item);
        }
        break;
      case Kind::FailureMode:
        merge_element(m.failure_modes, built.failure_modes, id, item);
        break;
      case Kind::AttackTree:
        merge_element(m.attack_trees, built.attack_trees, id, item);
        break;
      case Kind::Principal:
        merge_element(m.principals, built.principals, id, item);
        break;
      default:
        break;
    }
  }

  append(m.assets, added.assets);
  append(m.adversaries, added.adversaries);
  append(m.boundaries, added.boundaries);
  append(m.components, added.components);
  append(m.flows, added.flows);
  append(m.supply_chain, added.supply_chain);
  append(m.controls, added.controls);
  append(m.threats, added.threats);
  append(m.decisions, added.decisions);
  append(m.failure_modes, added.failure_modes);
  append(m.not_applicable, added.not_applicable);
  append(m.attack_trees, added.attack_trees);
  append(m.principals, added.principals);
  m.has_supply_chain_section = m.has_supply_chain_section || added.has_supply_chain_section;

  // Resolve the merged model again; keep only what the model did not already report.
  m.ids.clear();
  base::Diagnostics merged(limits.max_diagnostics);
  load::resolve(m, merged, /*warnings=*/true);
  std::unordered_set<std::string> known;
  for (const base::Diagnostic& d : base.diagnostics.items()) known.insert(diag_key(d));
  for (const base::Diagnostic& d : merged.items()) {
    if (!known.count(diag_key(d))) diags.add(d);
  }
  diags.sort();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Assessing

namespace {

std::string yes_no_unknown(const std::optional<bool>& b, const char* yes, const char* no) {
  if (!b) return std::string(yes) + " unknown";
  return *b ? yes : no;
}

std::string zone_label(const model::Model& m, const model::Facts& f, int c) {
  std::string z = zone_of(m, c);
  return (z.empty() ? std::string("no zone") : z) + " (" + trust_name(f.trust[c]) + ")";
}

}  // namespace

Assessment assess_change(const Workspace& ws, std::string text, const std::string& display) {
  Assessment out;
  const model::Model* before = ws.model();
  const engine::Analysis* before_a = ws.analysis();
  if (!before || !before_a) {
    out.has_errors = true;
    out.text = ws.error_text();
    out.structured = Json{{"ok", false},
                          {"errors", diagnostics_json(ws.load_diagnostics())},
                          {"warnings", Json::array()}};
    return out;
  }
  load::Limits limits;
  MergeResult merged = merge_change(ws.load_copy(), std::move(text), display, limits);
  Json errors = Json::array(), warnings = Json::array();
  std::string error_lines, warning_lines;
  for (const base::Diagnostic& d : merged.diagnostics.items()) {
    Json j = diagnostic_json(d);
    std::string line = loc_text(d.loc);
    line = (line.empty() ? display : line) + ": " + d.message;
    if (!d.hint.empty()) line += " (hint: " + d.hint + ")";
    if (d.severity == base::Severity::Error) {
      errors.push_back(std::move(j));
      error_lines += "  - " + line + "\n";
    } else {
      warnings.push_back(std::move(j));
      warning_lines += "  - " + line + "\n";
    }
  }
  if (!merged.ok()) {
    out.has_errors = true;
    out.structured = Json{{"ok", false}, {"errors", errors}, {"warnings", warnings}};
    out.text = "The change has " + std::to_string(merged.diagnostics.error_count()) +
               " error(s); fix them and call assess_change again. Nothing was assessed or "
               "written.\n" +
               error_lines;
    if (!warning_lines.empty()) out.text += "Warnings:\n" + warning_lines;
    return out;
  }

  const model::Model& after = *merged.model;
  engine::Analysis after_a = ws.analyze(after);
  model::Facts fb(*before), fa(after);

  // Which elements the change touches.
  std::set<std::string> touched;  // ids added or changed
  Json added = Json::object(), changed = Json::object();
  for (const ChangedElement& e : merged.elements) {
    touched.insert(e.id);
    std::string kind(model::kind_label(e.kind));
    Json& bucket = e.added ? added : changed;
    if (!bucket.contains(kind)) bucket[kind] = Json::array();
    bucket[kind].push_back(e.id);
  }

  // New attack surface.
  Json entry_points = Json::array(), crossings = Json::array(), exposed = Json::array();
  std::string surface_lines;
  for (size_t f = 0; f < after.flows.size(); ++f) {
    const model::Flow& flow = after.flows[f];
    if (!flow.from.resolved() || !flow.to.resolved()) continue;
    const model::Flow* old = before->flow(flow.id);
    int old_index = old ? static_cast<int>(old - before->flows.data()) : -1;
    bool ends_touched =
        touched.count(flow.id) || touched.count(flow.from.id) || touched.count(flow.to.id);
    if (!ends_touched) continue;
    model::Crossing now = fa.crossing[f];
    model::Crossing was = old_index >= 0 ? fb.crossing[old_index] : model::Crossing::None;
    bool entry = fa.entry_point(static_cast<int>(f));
    bool was_entry = old_index >= 0 && fb.entry_point(old_index);
    Json j = flow_json(after, fa, static_cast<int>(f));
    j["new"] = old == nullptr;
    std::string what = "flow " + flow.id + " (" + flow.from.id + " -> " + flow.to.id + ", " +
                       (flow.protocol.empty() ? std::string("protocol unknown") : flow.protocol) +
                       ", " + yes_no_unknown(flow.encrypted, "encrypted", "NOT encrypted") + ", " +
                       yes_no_unknown(flow.authenticated, "authenticated", "NOT authenticated") +
                       ") from " + zone_label(after, fa, flow.from.index) + " to " +
                       zone_label(after, fa, flow.to.index);
    if (entry && (!was_entry || touched.count(flow.id))) {
      entry_points.push_back(j);
      surface_lines += "  - new entry point: " + what + "\n";
    } else if (now != model::Crossing::None && (was != now || touched.count(flow.id))) {
      crossings.push_back(j);
      surface_lines += "  - boundary crossing (" + crossing_name(now) + "): " + what + "\n";
    }
  }
  for (size_t c = 0; c < after.components.size(); ++c) {
    const model::Component& comp = after.components[c];
    if (!fa.internet_exposed[c]) continue;
    const model::Component* old = before->component(comp.id);
    bool was = old && fb.internet_exposed[old - before->components.data()];
    if (was) continue;
    std::string reason = comp.internet_facing.value_or(false)
                             ? "internet_facing: true"
                             : "receives a flow from an untrusted zone across a boundary";
    Json j = component_json(after, fa, static_cast<int>(c));
    j["new"] = old == nullptr;
    j["reason"] = reason;
    exposed.push_back(std::move(j));
    std::string auth = comp.authentication ? std::string(model::name(*comp.authentication))
                                           : std::string("unknown");
    surface_lines += "  - " + std::string(old ? "newly " : "new ") + "internet-facing " +
                     std::string(model::name(comp.type)) + " " + comp.id + " (" + reason +
                     "; authentication: " + auth + ")\n";
  }

  // Threats: new, changed in rating or status, and gone.
  std::map<std::string, std::vector<std::string>> controls_by_rule;  // rule -> controls
  for (const engine::Threat& t : before_a->threats) {
    if (t.rule_id().empty()) continue;
    for (const std::string& c : t.controls) controls_by_rule[t.rule_id()].push_back(c);
  }
  for (auto& [rule, cs] : controls_by_rule) {
    std::sort(cs.begin(), cs.end());
    cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
  }
  Json new_threats = Json::array(), changed_threats = Json::array(), gone = Json::array();
  Json covered = Json::array(), unmitigated = Json::array();
  std::map<std::string, int> new_open_by_severity;
  std::string new_lines, changed_lines, gone_lines;
  // Worst first, as an agent should read them.
  std::vector<const engine::Threat*> ordered;
  for (const engine::Threat& t : after_a.threats) ordered.push_back(&t);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const engine::Threat* a, const engine::Threat* b) {
                     if (a->severity != b->severity) return a->severity > b->severity;
                     return a->score > b->score;
                   });
  for (const engine::Threat* tp : ordered) {
    const engine::Threat& t = *tp;
    const engine::Threat* old = before_a->find(t.id);
    // A weakness that only a stated fact held back before and that is present now is new.
    const bool appeared = old && !old->claim.empty() && t.claim.empty();
    if (!old || appeared) {
      Json j = threat_json(t);
      Json related = Json::array();
      auto it = controls_by_rule.find(t.rule_id());
      if (it != controls_by_rule.end()) {
        for (const std::string& c : it->second) {
          if (std::find(t.controls.begin(), t.controls.end(), c) == t.controls.end()) {
            related.push_back(c);
          }
        }
      }
      j["related_controls"] = related;
      bool is_covered = resolved_status(t.status) || !t.controls.empty();
      j["covered"] = is_covered;
      new_lines += "  - " + threat_line(t) + "\n";
      new_lines += "      on " + t.target + ": " + t.description + "\n";
      if (is_covered) {
        covered.push_back(t.id);
      } else {
        unmitigated.push_back(t.id);
        ++new_open_by_severity[std::string(engine::severity_name(t.severity))];
        if (!related.empty()) {
          std::vector<std::string> rel = related.get<std::vector<std::string>>();
          new_lines += "      existing control(s) " + base::join(rel, ", ") +
                       " mitigate the same rule elsewhere; extend their 'mitigates' with " + t.id +
                       " if the mechanism applies here\n";
        } else {
          new_lines += "      no existing control covers it; mitigation: " + t.mitigation() + "\n";
        }
      }
      new_threats.push_back(std::move(j));
    } else if (old->severity != t.severity || old->status != t.status) {
      changed_threats.push_back(
          Json{{"id", t.id},
               {"title", t.title()},
               {"before",
                {{"severity", std::string(engine::severity_name(old->severity))},
                 {"status", std::string(model::name(old->status))}}},
               {"after",
                {{"severity", std::string(engine::severity_name(t.severity))},
                 {"status", std::string(model::name(t.status))}}}});
      changed_lines += "  - " + t.id + ": " + std::string(engine::severity_name(old->severity)) +
                       "/" + std::string(model::name(old->status)) + " -> " +
                       std::string(engine::severity_name(t.severity)) + "/" +
                       std::string(model::name(t.status)) + "\n";
      if (!resolved_status(t.status) && t.controls.empty()) unmitigated.push_back(t.id);
    }
  }
  for (const engine::Threat& t : before_a->threats) {
    if (!after_a.find(t.id)) {
      gone.push_back(Json{{"id", t.id}, {"title", t.title()}});
      gone_lines += "  - " + t.id + ": " + t.title() + "\n";
    }
  }

  // IAM: each principal the change adds or changes, who holds it, what the IAM rules raise.
  static const std::set<std::string> kIamRules = {"admin-rights-on-exposed-component",
                                                  "ci-identity-reaches-production",
                                                  "iam-privilege-escalation",
                                                  "iam-wildcard-permission",
                                                  "long-lived-keys",
                                                  "open-trust-policy"};
  Json principals = Json::array();
  std::string iam_lines;
  for (const ChangedElement& e : merged.elements) {
    if (e.kind != Kind::Principal) continue;
    auto p = std::find_if(after.principals.begin(), after.principals.end(),
                          [&](const model::Principal& x) { return x.id == e.id; });
    if (p == after.principals.end()) continue;
    std::vector<std::string> holders;
    for (const model::Component& c : after.components) {
      bool holds = c.runs_as.id == p->id;
      for (const model::Ref& r : p->assumable_by) holds = holds || r.id == c.id;
      if (holds) holders.push_back(c.id);
    }
    Json raised = Json::array();
    std::vector<std::string> raised_ids;
    for (const engine::Threat* t : ordered) {
      if (!kIamRules.count(t->rule_id())) continue;
      if (std::find(holders.begin(), holders.end(), t->target) == holders.end()) continue;
      raised.push_back(t->id);
      raised_ids.push_back(t->id);
    }
    principals.push_back(Json{
        {"id", p->id}, {"new", e.added}, {"held_by", holders}, {"threats", std::move(raised)}});
    iam_lines += "  - principal " + p->id + (e.added ? " (new)" : " (changed)") + ": ";
    if (holders.empty()) {
      iam_lines +=
          "no component runs as it or may assume it; the IAM rules judge a principal through "
          "its holders, so add `runs_as: " +
          p->id + "` to the component that uses it (or list it under `assumable_by`)\n";
    } else {
      iam_lines += "held by " + base::join(holders, ", ") + "; IAM threats: " +
                   (raised_ids.empty() ? std::string("none") : base::join(raised_ids, ", ")) + "\n";
    }
  }

  std::vector<std::string> parts;
  for (const char* sev : {"critical", "high", "medium", "low", "info"}) {
    auto it = new_open_by_severity.find(sev);
    if (it != new_open_by_severity.end()) parts.push_back(std::to_string(it->second) + " " + sev);
  }
  std::string verdict =
      unmitigated.empty()
          ? "The change adds no unmitigated threat."
          : "The change leaves " + std::to_string(unmitigated.size()) + " threat(s) unmitigated" +
                (parts.empty() ? std::string() : " (new: " + base::join(parts, ", ") + ")") +
                ": add controls (check them with check_controls) or record decisions.";

  out.structured = Json{{"ok", true},
                        {"summary", verdict},
                        {"added", added},
                        {"changed", changed},
                        {"attack_surface",
                         {{"entry_points", entry_points},
                          {"boundary_crossings", crossings},
                          {"internet_facing", exposed}}},
                        {"new_threats", new_threats},
                        {"changed_threats", changed_threats},
                        {"resolved_threats", gone},
                        {"covered", covered},
                        {"unmitigated", unmitigated},
                        {"principals", principals},
                        {"errors", errors},
                        {"warnings", warnings}};

  std::string t = "Change assessed against " +
                  (before->system.name.empty() ? ws.path() : before->system.name) + " (" +
                  ws.path() + "). Nothing was written.\n";
  std::vector<std::string> touched_desc;
  for (const ChangedElement& e : merged.elements) {
    touched_desc.push_back(std::string(e.added ? "adds " : "changes ") +
                           std::string(model::kind_label(e.kind)) + " " + e.id);
  }
  if (!touched_desc.empty()) t += "It " + base::join(touched_desc, ", ") + ".\n";
  t += "\nNew attack surface:\n" + (surface_lines.empty() ? "  (none)\n" : surface_lines);
  t += "\nNew threats (" + std::to_string(new_threats.size()) + ", " +
       std::to_string(new_threats.size() - covered.size()) + " unmitigated):\n" +
       (new_lines.empty() ? "  (none)\n" : new_lines);
  if (!iam_lines.empty()) t += "\nIAM principals:\n" + iam_lines;
  if (!changed_lines.empty()) t += "\nThreats whose rating or status changes:\n" + changed_lines;
  if (!gone_lines.empty()) t += "\nThreats the change removes:\n" + gone_lines;
  if (!warning_lines.empty()) t += "\nWarnings about the change:\n" + warning_lines;
  t += "\n" + verdict + "\n";
  out.text = std::move(t);
  return out;
}

}  // namespace tw::mcp
