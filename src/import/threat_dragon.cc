// OWASP Threat Dragon v2 (and v1) JSON -> components, flows, boundaries, threats, decisions.
// Boundaries: boxes are zones (containment by `containedElements`, else by geometry); curves
// and v1 polylines are not zones: the flows that cross them are marked `x-td-crosses`.
// Threat Dragon writes `false` for every flag nobody set, so only `true` is carried across.

#include <algorithm>
#include <map>

#include "import/formats.h"
#include "model/enums.h"

namespace tw::import {

namespace {

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  bool valid = false;
  bool inside(const Box& o) const {
    return valid && o.valid && x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
  }
  double area() const { return w * h; }
};

struct Pt {
  double x = 0, y = 0;
};

struct Cell {
  const Node* node;
  const Node* data;
  std::string shape, td_id, name, id;  // id: threatwright's
  Box box;
  std::vector<Pt> line;  // curves
  std::string type;      // external-entity | process | data-store
};

Pt point(const Node* n) {
  return Pt{number(get(n, "x")).value_or(0), number(get(n, "y")).value_or(0)};
}

Box box_of(const Node* cell) {
  const Node* pos = get(cell, "position");
  const Node* size = get(cell, "size");
  Box b;
  auto x = number(get(pos, "x")), y = number(get(pos, "y"));
  auto w = number(get(size, "width")), h = number(get(size, "height"));
  if (x && y && w && h) b = Box{*x, *y, *w, *h, true};
  return b;
}

bool segments_cross(Pt a, Pt b, Pt c, Pt d) {
  auto cross = [](Pt o, Pt p, Pt q) {
    return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
  };
  double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

bool polylines_cross(const std::vector<Pt>& a, const std::vector<Pt>& b) {
  for (size_t i = 1; i < a.size(); ++i) {
    for (size_t j = 1; j < b.size(); ++j) {
      if (segments_cross(a[i - 1], a[i], b[j - 1], b[j])) return true;
    }
  }
  return false;
}

/// Threat Dragon's trust guess: a name says where the zone is.
std::string guess_trust(const std::string& name) {
  std::string n = lower(name);
  for (const char* w :
       {"internet", "public", "external", "customer", "untrusted", "user", "client", "third"}) {
    if (n.find(w) != std::string::npos) return "untrusted";
  }
  if (n.find("dmz") != std::string::npos || n.find("partner") != std::string::npos)
    return "semi-trusted";
  return "trusted";
}

class Reader {
 public:
  Reader(Context& cx, ModelOut& m) : cx_(cx), m_(m) {}

  void run(const Node* root) {
    const Node* detail = get(root, "detail");
    const Node* summary = get(root, "summary");
    if (!detail || !detail->is_map() || !summary) {
      cx_.invalid(root,
                  "not a Threat Dragon model: it needs 'summary' and 'detail' mappings" +
                      std::string(get(root, "details") ? " (this file has 'details')" : ""),
                  "open and save the model in Threat Dragon to repair it");
      return;
    }
    std::string title = str(summary, "title");
    if (title.empty()) {
      cx_.invalid(get(summary, "title") ? get(summary, "title") : summary,
                  "the model has no summary.title");
      return;
    }
    m_.system.set("name", Yaml::str(title));
    m_.system.set_str("description", str(summary, "description"));
    m_.system.set_str("owner", str(summary, "owner"));
    std::vector<std::string> reviewers;
    if (auto r = str(detail, "reviewer"); !r.empty()) reviewers.push_back(r);
    for (const Node* c : items(get(detail, "contributors"))) {
      if (auto n = str(c, "name"); !n.empty()) reviewers.push_back(n);
    }
    if (!reviewers.empty()) {
      Yaml review = Yaml::map();
      review.set("reviewers", Yaml::words(reviewers));
      m_.system.set("review", review);
    }
    std::string version = str(root, "version");
    v2_ = !version.empty() && version[0] == '2';
    std::vector<const Node*> diagrams = items(get(detail, "diagrams"));
    note_kept_ids(diagrams);
    for (size_t i = 0; i < diagrams.size(); ++i) {
      diagram(diagrams[i], diagrams.size() > 1 ? str(diagrams[i], "title") : "");
    }
    if (false_flags_ > 0) {
      cx_.inferred(detail,
                   std::to_string(false_flags_) +
                       " flags set to false (isEncrypted, isALog, ...) were read as "
                       "unknown: Threat Dragon writes false for every flag nobody set",
                   "state the facts you know in the imported model");
    }
    if (!unmapped_.empty()) m_.extensions.set("x-td-unmapped-threats", unmapped_);
    if (generated_ > 0) {
      cx_.inferred(detail,
                   std::to_string(generated_) +
                       " threats carry the id of a threat threatwright's rules raise "
                       "(rule@element): they are not written as threats, the analysis raises "
                       "them again; a status set in Threat Dragon became a decision",
                   "run 'threatwright analyze' on the imported model");
    }
  }

 private:
  /// A file threatwright exported carries each element's and threat's threatwright id as the
  /// last line of its description: those ids are reserved before any element is named.
  void note_kept_ids(const std::vector<const Node*>& diagrams) {
    for (const Node* d : diagrams) {
      const Node* cells = get(d, "cells") ? get(d, "cells") : get(get(d, "diagramJson"), "cells");
      for (const Node* c : items(cells)) {
        const Node* data = get(c, "data") ? get(c, "data") : c;
        cx_.kept().note(cx_.ids(), marked_id(str(data, "description")));
        for (const Node* t : items(get(data, "threats")))
          cx_.kept().note(cx_.ids(), marked_id(str(t, "description")));
      }
    }
  }

  /// The element's kept threatwright id, else one made from its name.
  std::string id_for(const Node* data, const std::string& name, std::string_view fallback) {
    std::string id = cx_.kept().take(marked_id(str(data, "description")));
    return id.empty() ? cx_.ids().make(name, fallback) : id;
  }

  /// The description without the threatwright id line an export added.
  static std::string description(const Node* data) {
    std::string d = str(data, "description"), rest;
    return marked_id(d, &rest).empty() ? d : rest;
  }

  /// A flag: true is carried across, false counted as unknown.
  bool flag(const Node* data, std::string_view key) {
    auto b = boolean(data, key);
    if (b && !*b) ++false_flags_;
    return b.value_or(false);
  }

  std::string name_of(const Node* cell, const Node* data) {
    std::string n = trim(str(data, "name"));
    if (n.empty()) n = trim(str(get(get(cell, "attrs"), "text"), "text"));
    if (n.empty()) {
      for (const Node* l : items(get(cell, "labels"))) {
        n = trim(str(get(get(l, "attrs"), "text"), "text"));
        if (n.empty()) n = trim(str(get(get(l, "attrs"), "label"), "text"));
        if (!n.empty()) break;
      }
    }
    for (char& ch : n) {  // labels wrap with line breaks in the diagram
      if (ch == '\n' || ch == '\r') ch = ' ';
    }
    std::string one;
    for (char ch : n) {
      if (!(ch == ' ' && !one.empty() && one.back() == ' ')) one += ch;
    }
    return one;
  }

  void diagram(const Node* d, const std::string& title) {
    const Node* cells_node = v2_ ? get(d, "cells") : get(get(d, "diagramJson"), "cells");
    if (!v2_ && !cells_node && get(d, "cells")) cells_node = get(d, "cells");
    std::vector<Cell> elements, boxes, curves;
    std::vector<const Node*> flows;
    std::string dtype = str(d, "diagramType");
    if (!dtype.empty() && dtype != "STRIDE") {
      cx_.lost(
          get(d, "diagramType"),
          "diagram type " + dtype +
              ": its threat categories map to STRIDE only where a "
              "table says so (CIA: C->I, I->T, A->D); others are kept as x-td-unmapped-threats");
    }
    for (const Node* c : items(cells_node)) {
      std::string shape = str(c, "shape");
      const Node* data = get(c, "data");
      if (shape.empty() || !data) {  // v1: the type is the shape; facts sit on the cell
        std::string t = str(c, "type");
        shape = t == "tm.Actor"      ? "actor"
                : t == "tm.Process"  ? "process"
                : t == "tm.Store"    ? "store"
                : t == "tm.Flow"     ? "flow"
                : t == "tm.Boundary" ? "trust-boundary-curve"
                : t == "tm.Text"     ? "td-text-block"
                                     : shape;
        if (!data) data = c;
      }
      Cell cell{c, data, shape, str(c, "id"), name_of(c, data), "", box_of(c), {}, ""};
      if (shape == "actor" || shape == "process" || shape == "store") {
        elements.push_back(cell);
      } else if (shape == "trust-boundary-box") {
        boxes.push_back(cell);
      } else if (shape == "trust-boundary-curve") {
        const Node* src = get(c, "source");
        const Node* dst = get(c, "target");
        cell.line.push_back(point(src));
        for (const Node* v : items(get(c, "vertices"))) cell.line.push_back(point(v));
        cell.line.push_back(point(dst));
        curves.push_back(cell);
      } else if (shape == "flow") {
        flows.push_back(c);
      } else if (shape == "td-text-block") {
        cx_.lost(c,
                 "a text block on the diagram is not imported" +
                     (cell.name.empty() ? std::string() : ": '" + first_line(cell.name, 60) + "'"));
      } else {
        cx_.lost(c, "cell of shape '" + shape + "' is not imported");
      }
    }
    // Boxes become boundaries; the smallest enclosing box is a box's parent.
    for (size_t i = 0; i < boxes.size(); ++i) {
      Cell& b = boxes[i];
      std::string name = b.name.empty() ? "Trust boundary " + std::to_string(++unnamed_) : b.name;
      b.id = id_for(b.data, b.name, "boundary");
      by_td_[b.td_id] = b.id;
    }
    for (Cell& b : boxes) {
      Yaml y = Yaml::map();
      y.set("id", Yaml::word(b.id));
      std::string name = b.name.empty() ? b.id : b.name;
      // threatwright's export labels a box "name (trust)".
      std::string trust;
      if (!marked_id(str(b.data, "description")).empty()) {
        for (const char* t : {"untrusted", "semi-trusted", "trusted"}) {
          std::string tail = std::string(" (") + t + ")";
          if (name.size() > tail.size() &&
              name.compare(name.size() - tail.size(), std::string::npos, tail) == 0) {
            name.resize(name.size() - tail.size());
            trust = t;
            break;
          }
        }
      }
      y.set("name", Yaml::str(name));
      if (trust.empty()) {
        trust = guess_trust(name);
        y.set("trust", Yaml::word(trust))
            .comment("inferred from the name: Threat Dragon has no trust levels");
        cx_.inferred(b.node, "boundary '" + name + "': trust '" + trust +
                                 "' guessed from its name (Threat Dragon has no trust levels)");
      } else {
        y.set("trust", Yaml::word(trust));
      }
      y.set_str("description", description(b.data));
      const Cell* parent = smallest_box(b.box, boxes, &b);
      if (parent) {
        y.set("parent", Yaml::word(parent->id));
        m_.parent_locs[b.id] = cx_.loc(b.node);
      }
      if (!b.box.valid) {
        cx_.inferred(b.node, "boundary box without position or size: its members are unknown");
      }
      y.set("x-td-id", Yaml::str(b.td_id));
      if (!title_.empty()) y.set("x-td-diagram", Yaml::str(title));
      m_.boundaries.add(std::move(y));
    }
    // Which box holds an element: the saved containedElements, else geometry.
    std::map<std::string, std::string> saved;
    for (const Cell& b : boxes) {
      for (const Node* e : items(get(b.data, "containedElements"))) saved[text(e)] = b.id;
    }
    for (Cell& e : elements) {
      e.id = id_for(e.data, e.name, e.shape);
      by_td_[e.td_id] = e.id;
    }
    for (Cell& e : elements) element(e, boxes, saved, title);
    for (const Node* f : flows) flow(f, curves, title);
    for (const Cell& c : curves) {
      cx_.lost(c.node,
               "curve boundary" + (c.name.empty() ? std::string() : " '" + c.name + "'") +
                   " is not a zone: flows that cross it are marked x-td-crosses",
               "draw it as a boundary box, or set each component's boundary");
    }
    for (const Cell& e : elements) threats(e.data, e.id);
  }

  const Cell* smallest_box(const Box& inner, const std::vector<Cell>& boxes, const Cell* self) {
    const Cell* best = nullptr;
    for (const Cell& b : boxes) {
      if (&b == self || !inner.inside(b.box)) continue;
      if (self && b.box.area() <= inner.area()) continue;
      if (!best || b.box.area() < best->box.area()) best = &b;
    }
    return best;
  }

  void element(Cell& e,
               const std::vector<Cell>& boxes,
               const std::map<std::string, std::string>& saved,
               const std::string& title) {
    const Node* d = e.data;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(e.id));
    y.set("name", Yaml::str(e.name.empty() ? e.id : e.name));
    if (e.shape == "actor") {
      y.set("type", Yaml::word("external-entity"));
      if (flag(d, "providesAuthentication")) {
        y.set("kind", Yaml::word("identity-provider")).comment("from providesAuthentication");
      } else {
        y.set("kind", Yaml::word("user")).comment("inferred: a Threat Dragon actor");
      }
      e.type = "external-entity";
    } else if (e.shape == "process") {
      y.set("type", Yaml::word("process"));
      if (flag(d, "isWebApplication")) y.set("kind", Yaml::word("web-app"));
      e.type = "process";
    } else {
      y.set("type", Yaml::word("data-store"));
      if (flag(d, "isALog")) y.set("kind", Yaml::word("log-store"));
      e.type = "data-store";
    }
    auto it = saved.find(e.td_id);
    if (it != saved.end()) {
      y.set("boundary", Yaml::word(it->second));
    } else if (const Cell* b = smallest_box(e.box, boxes, nullptr)) {
      y.set("boundary", Yaml::word(b->id)).comment("inferred: drawn inside the box");
    }
    y.set_str("description", description(d));
    if (e.shape == "store") {
      if (flag(d, "isEncrypted")) y.set("encrypted_at_rest", Yaml::boolean(true));
      if (flag(d, "storesCredentials")) {
        y.set("stores", Yaml::words({asset("credentials", "Credentials", "high", d)}));
      }
      if (flag(d, "isSigned")) y.set("x-td-signed", Yaml::boolean(true));
      if (flag(d, "storesInventory")) y.set("x-td-stores-inventory", Yaml::boolean(true));
    }
    if (flag(d, "handlesCardPayment")) {
      asset("card-data", "Payment card data", "critical", d);
      y.set("x-td-handles-card-payment", Yaml::boolean(true));
    }
    if (flag(d, "handlesGoodsOrServices"))
      y.set("x-td-handles-goods-or-services", Yaml::boolean(true));
    if (auto p = str(d, "privilegeLevel"); !p.empty()) {
      y.set("x-td-privilege-level", Yaml::str(p));
      cx_.lost(get(d, "privilegeLevel"), "privilegeLevel '" + p +
                                             "' is kept as x-td-privilege-level (runs_as_root is "
                                             "not guessed from it)");
    }
    y.set("x-td-id", Yaml::str(e.td_id));
    if (!title.empty()) y.set("x-td-diagram", Yaml::str(title));
    m_.components.add(std::move(y));
    out_of_scope(d, e.id, e.type);
  }

  std::string asset(const std::string& id,
                    const std::string& name,
                    const std::string& value,
                    const Node* at) {
    auto it = assets_.find(id);
    if (it != assets_.end()) return it->second;
    std::string aid = cx_.ids().make(id);
    assets_[id] = aid;
    Yaml a = Yaml::map();
    a.set("id", Yaml::word(aid));
    a.set("name", Yaml::str(name));
    a.set("value", Yaml::word(value)).comment("inferred from a Threat Dragon flag");
    m_.assets.add(std::move(a));
    cx_.inferred(at,
                 "asset '" + aid + "' (value " + value + ") synthesised from a Threat Dragon flag");
    return aid;
  }

  void out_of_scope(const Node* d, const std::string& id, const std::string& type) {
    if (!flag(d, "outOfScope")) return;
    std::vector<std::string> cats;
    for (model::Stride s : model::kAllStride) {
      bool applies = type.empty()
                         ? model::stride_applies_to_flow(s)
                         : model::stride_applies(*model::parse<model::ComponentType>(type), s);
      if (applies) cats.emplace_back(model::name(s));
    }
    Yaml na = Yaml::map();
    na.set("target", Yaml::word(id));
    na.set("stride", Yaml::words(cats));
    std::string why = str(d, "reasonOutOfScope");
    if (why.empty()) {
      na.set("because", Yaml::str("Out of scope in Threat Dragon (no reason given)."))
          .comment("inferred: Threat Dragon gave no reason");
      cx_.inferred(get(d, "outOfScope"), "out of scope without a reason: 'because' says so");
    } else {
      na.set("because", Yaml::str(why));
    }
    m_.not_applicable.add(std::move(na));
  }

  void flow(const Node* c, const std::vector<Cell>& curves, const std::string& title) {
    const Node* d = get(c, "data") ? get(c, "data") : c;
    std::string name = name_of(c, d);
    std::string src = str(get(c, "source"), v2_ ? "cell" : "id");
    std::string dst = str(get(c, "target"), v2_ ? "cell" : "id");
    if (src.empty()) src = str(get(c, "source"), "cell");
    if (dst.empty()) dst = str(get(c, "target"), "cell");
    auto from = by_td_.find(src), to = by_td_.find(dst);
    std::string label = name.empty() ? "a flow" : "flow '" + name + "'";
    if (src.empty() || dst.empty()) {
      cx_.broken(c, kDangling,
                 label + " has a loose " + (src.empty() ? "source" : "target") + " end",
                 "connect both ends in Threat Dragon");
      return;
    }
    if (from == by_td_.end() || to == by_td_.end()) {
      cx_.broken(c, kDangling,
                 label + " points at cell '" + (from == by_td_.end() ? src : dst) +
                     "', which is no actor, process or store of this diagram");
      return;
    }
    std::string id = id_for(d, name.empty() ? from->second + "-to-" + to->second : name, "flow");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    if (!name.empty()) y.set("name", Yaml::str(name));
    y.set("from", Yaml::word(from->second));
    y.set("to", Yaml::word(to->second));
    std::string proto_text = str(d, "protocol");
    if (!proto_text.empty()) {
      std::optional<int> port;
      std::string p = protocol_word(proto_text, &port);
      if (!p.empty()) {
        y.set("protocol", Yaml::word(p));
        if (lower(proto_text) != p) y.find("protocol")->comment("from '" + proto_text + "'");
        if (port) y.set("port", Yaml::number(*port));
      } else {
        y.set("x-td-protocol", Yaml::str(proto_text));
        cx_.lost(get(d, "protocol"),
                 "protocol '" + proto_text +
                     "' is not in threatwright's vocabulary: kept as "
                     "x-td-protocol",
                 "set 'protocol:' to the nearest known one (docs/model-format.md, Vocabulary)");
      }
    }
    if (flag(d, "isEncrypted")) y.set("encrypted", Yaml::boolean(true));
    if (flag(d, "isPublicNetwork")) y.set("x-td-public-network", Yaml::boolean(true));
    y.set_str("description", description(d));
    // Crossings of curves, along the drawn line from centre to centre.
    std::vector<Pt> line;
    Box a = box_of_cell(src), b = box_of_cell(dst);
    if (a.valid && b.valid) {
      line.push_back({a.x + a.w / 2, a.y + a.h / 2});
      for (const Node* v : items(get(c, "vertices"))) line.push_back(point(v));
      line.push_back({b.x + b.w / 2, b.y + b.h / 2});
      std::vector<std::string> crosses;
      for (const Cell& cv : curves) {
        if (polylines_cross(line, cv.line))
          crosses.push_back(cv.name.empty() ? "boundary@" + cv.td_id : cv.name);
      }
      if (!crosses.empty()) y.set("x-td-crosses", Yaml::words(crosses));
    }
    y.set("x-td-id", Yaml::str(str(c, "id")));
    if (!title.empty()) y.set("x-td-diagram", Yaml::str(title));
    bool both = flag(d, "isBidirectional");
    Yaml rev = y;
    m_.flows.add(std::move(y));
    out_of_scope(d, id, "");
    threats(d, id);
    if (both) {
      std::string rid = cx_.ids().make(id + "-rev");
      rev.set("id", Yaml::word(rid)).comment("inferred: the reverse of a bidirectional flow");
      rev.set("from", Yaml::word(to->second));
      rev.set("to", Yaml::word(from->second));
      m_.flows.add(std::move(rev));
      cx_.inferred(get(d, "isBidirectional"),
                   "bidirectional " + label + " became two flows ('" + id + "', '" + rid + "')",
                   "threatwright flows point from the party that starts the exchange; keep one "
                   "and list what comes back under 'returns'");
    }
  }

  Box box_of_cell(const std::string& td_id) {
    auto it = geometry_.find(td_id);
    return it == geometry_.end() ? Box{} : it->second;
  }

  void threats(const Node* d, const std::string& target) {
    for (const Node* t : items(get(d, "threats"))) threat(t, target);
  }

  void threat(const Node* t, const std::string& target) {
    std::string title = trim(str(t, "title"));
    std::string type = str(t, "type");
    std::string model_type = str(t, "modelType");
    std::optional<std::string> stride = stride_word(type);
    bool from_cia = false;
    if (!stride && (model_type == "CIA" || model_type == "CIADIE" || model_type.empty())) {
      stride = cia_stride(type);
      from_cia = stride.has_value();
    }
    if (!stride) {
      Yaml u = Yaml::map();
      u.set("target", Yaml::word(target));
      u.set_str("title", title);
      u.set_str("type", type);
      u.set_str("model", model_type);
      u.set_str("description", str(t, "description"));
      u.set_str("mitigation", str(t, "mitigation"));
      u.set_str("status", str(t, "status"));
      unmapped_.add(std::move(u));
      cx_.lost(get(t, "type") ? get(t, "type") : t,
               "threat '" + title + "' of type '" + type + "' (" + model_type +
                   ") has no STRIDE category: kept under x-td-unmapped-threats",
               "rewrite it as a STRIDE threat under 'threats:'");
      return;
    }
    std::string status = str(t, "status");
    std::string decision = status == "Mitigated" || status == "Avoided" || status == "Eliminated"
                               ? "mitigated"
                           : status == "Accepted"      ? "accepted"
                           : status == "Transferred"   ? "transferred"
                           : status == "NotApplicable" ? "false-positive"
                                                       : "";
    if (decision.empty() && !status.empty() && status != "Open") {
      cx_.lost(get(t, "status"),
               "status '" + status + "' is not a Threat Dragon status: left open");
    }
    // What threatwright's export added: the id (last line of the description), the status
    // reason, the controls and the decision (paragraphs of the mitigation).
    std::string vector = str(t, "description");
    std::string mitigation = str(t, "mitigation");
    std::string kept = marked_id(vector, &vector);
    ExportNotes notes;
    if (!kept.empty()) {
      vector = drop_paragraphs(vector, {"Status: "}, nullptr);
      mitigation = drop_paragraphs(mitigation, {"Controls: ", "Decision: "}, &notes);
    }
    if (generated_threat_id(kept)) {
      // A threat threatwright's rules raised: the analysis of the imported model raises it
      // again (same rule, same element id), so only its status comes back, as a decision.
      ++generated_;
      if (!decision.empty()) add_decision(kept, decision, status, notes, mitigation, t, title);
      return;
    }
    if (title.empty()) {
      title = "Untitled " + *stride + " threat";
      cx_.inferred(t, "a threat without a title: '" + title + "'");
    }
    std::string id = cx_.kept().take(kept);
    if (id.empty()) id = cx_.ids().make(title, "threat");
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("title", Yaml::str(title));
    y.set("stride", Yaml::words({*stride}));
    if (from_cia) {
      y.find("stride")->comment("inferred from the CIA category '" + type + "'");
      cx_.inferred(get(t, "type"), "CIA category '" + type + "' read as STRIDE " + *stride);
    }
    y.set("target", Yaml::word(target));
    y.set_str("vector", vector);
    y.set_str("mitigation", mitigation);
    std::string sev = str(t, "severity");
    int impact = sev == "Low"        ? 2
                 : sev == "Medium"   ? 3
                 : sev == "High"     ? 4
                 : sev == "Critical" ? 5
                                     : 0;
    if (impact) {
      y.set("impact", Yaml::number(impact)).comment("from severity " + sev);
    } else if (!sev.empty()) {
      cx_.lost(get(t, "severity"), "severity '" + sev + "' is not a rating: impact left unknown");
    }
    if (!sev.empty()) y.set("x-td-severity", Yaml::str(sev));
    if (auto s = str(t, "score"); !s.empty()) y.set("x-td-score", Yaml::str(s));
    if (auto n = str(t, "number"); !n.empty()) y.set("x-td-number", Yaml::str(n));
    if (auto tid = str(t, "id"); !tid.empty()) y.set("x-td-id", Yaml::str(tid));
    m_.threats.add(std::move(y));
    if (!decision.empty()) add_decision(id, decision, status, notes, mitigation, t, title);
  }

  /// The decision line threatwright's export writes into a mitigation:
  /// `Decision: <status>[, owner <name>][, review by <date>][: <rationale>]`.
  struct ExportNotes {
    bool decided = false;
    std::string status, owner, review_by, rationale;
  };

  /// `text` without the paragraphs that start with one of `prefixes`; a decision paragraph is
  /// read into `notes`.
  static std::string drop_paragraphs(const std::string& text,
                                     std::initializer_list<std::string_view> prefixes,
                                     ExportNotes* notes) {
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find("\n\n", start);
      if (end == std::string::npos) end = text.size();
      std::string_view p(text.data() + start, end - start);
      bool drop = false;
      for (std::string_view pre : prefixes) drop = drop || p.substr(0, pre.size()) == pre;
      if (drop && notes && p.substr(0, 10) == "Decision: ") {
        std::string_view rest = p.substr(10);
        size_t colon = rest.find(": ");
        std::string_view head = rest.substr(0, colon);
        if (colon != std::string_view::npos) notes->rationale = trim(rest.substr(colon + 2));
        notes->decided = true;
        size_t i = 0;
        for (int part = 0; i <= head.size(); ++part) {
          size_t comma = head.find(", ", i);
          if (comma == std::string_view::npos) comma = head.size();
          std::string_view w = head.substr(i, comma - i);
          if (part == 0) {
            notes->status = trim(w);
          } else if (w.substr(0, 6) == "owner ") {
            notes->owner = trim(w.substr(6));
          } else if (w.substr(0, 10) == "review by ") {
            notes->review_by = trim(w.substr(10));
          }
          i = comma + 2;
        }
      }
      if (!drop && !trim(p).empty()) out += (out.empty() ? "" : "\n\n") + std::string(p);
      start = end + 2;
    }
    return out;
  }

  static bool iso_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (d[i] < '0' || d[i] > '9') return false;
    }
    return true;
  }

  void add_decision(const std::string& threat,
                    const std::string& decision,
                    const std::string& status,
                    const ExportNotes& notes,
                    const std::string& mitigation,
                    const Node* t,
                    const std::string& title) {
    Yaml dcs = Yaml::map();
    dcs.set("threat", Yaml::word(threat));
    dcs.set("status", Yaml::word(decision)).comment("Threat Dragon status " + status);
    // The decision threatwright exported comes back whole while Threat Dragon's status still
    // says the same; a status changed in Threat Dragon wins, with its own rationale.
    bool same = notes.decided && notes.status == decision;
    std::string why = same && !notes.rationale.empty() ? notes.rationale : mitigation;
    dcs.set("rationale", Yaml::str(why.empty() ? "Marked " + status + " in Threat Dragon." : why));
    if (same && !notes.owner.empty()) dcs.set("owner", Yaml::str(notes.owner));
    if (same && iso_date(notes.review_by)) dcs.set("review_by", Yaml::word(notes.review_by));
    m_.decisions.add(std::move(dcs));
    if (decision == "accepted" && !(same && !notes.owner.empty())) {
      cx_.inferred(get(t, "status"),
                   "accepted threat '" + (title.empty() ? threat : title) +
                       "': Threat Dragon records no owner or review date",
                   "add owner and review_by to the decision");
    }
  }

 public:
  void index_geometry(const Node* root) {
    for (const Node* d : items(get(get(root, "detail"), "diagrams"))) {
      const Node* cells = get(d, "cells") ? get(d, "cells") : get(get(d, "diagramJson"), "cells");
      for (const Node* c : items(cells)) geometry_[str(c, "id")] = box_of(c);
    }
  }

 private:
  Context& cx_;
  ModelOut& m_;
  bool v2_ = true;
  int false_flags_ = 0;
  int unnamed_ = 0;
  int generated_ = 0;  // threats the analysis raises (kept id rule@element)
  std::string title_;
  std::map<std::string, std::string> by_td_;  // Threat Dragon cell id -> threatwright id
  std::map<std::string, std::string> assets_;
  std::map<std::string, Box> geometry_;
  Yaml unmapped_ = Yaml::seq();
};

}  // namespace

void import_threat_dragon(Context& cx, const Node* root, const Options&, ModelOut& m) {
  Reader r(cx, m);
  r.index_geometry(root);
  r.run(root);
}

}  // namespace tw::import
