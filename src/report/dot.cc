// The data-flow diagram in Graphviz DOT, in DFD notation: external entities as boxes,
// processes as rounded boxes, data stores as open-ended stores (lines above and below), trust
// boundaries as nested dashed clusters, boundary-crossing flows drawn thick.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "base/escape.h"
#include "report/diagram.h"

namespace tw::report {

using base::dot_quote;
using base::html_escape;
using engine::Severity;

const char* severity_fill(std::optional<Severity> s) {
  if (!s) return "#ffffff";
  switch (*s) {
    case Severity::Info:
      return "#e3ecf5";
    case Severity::Low:
      return "#fff4b3";
    case Severity::Medium:
      return "#ffd699";
    case Severity::High:
      return "#ff9e80";
    case Severity::Critical:
      return "#e05252";
  }
  return "#ffffff";
}

namespace {

const char* trust_colour(std::optional<model::Trust> t) {
  switch (t.value_or(model::Trust::Untrusted)) {
    case model::Trust::Untrusted:
      return "#c62828";
    case model::Trust::SemiTrusted:
      return "#ef6c00";
    case model::Trust::Trusted:
      return "#2e7d32";
  }
  return "#c62828";
}

constexpr const char* kCrossing = "#1f5fbf";

class DotWriter {
 public:
  DotWriter(const View& v, const DotOptions& opt)
      : v_(v),
        m_(v.m),
        opt_(opt),
        large_(diagram_too_large(m_)) {}

  std::string write() {
    if (draws_overview(m_, v_.o)) return overview();
    out_ += "digraph threatwright {\n";
    out_ +=
        "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Helvetica,Arial,sans-serif\", "
        "fontsize=11, newrank=true, compound=true, nodesep=0.35, ranksep=";
    out_ += large_ ? "0.6" : "0.9";
    out_ += ", pad=0.3, labeljust=l, labelloc=b, tooltip=\"" + base::dot_quote(title()) + "\"];\n";
    out_ +=
        "  node [fontname=\"Helvetica,Arial,sans-serif\", fontsize=11, penwidth=1.2, "
        "color=\"#37474f\", margin=\"0.15,0.07\"];\n";
    out_ +=
        "  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=9, color=\"#607d8b\", "
        "fontcolor=\"#37474f\", arrowsize=0.7];\n";
    for (int b : v_.top_boundaries()) cluster(b, 1);
    for (int c : v_.unbounded_components()) node(c, 1);
    for (size_t f = 0; f < m_.flows.size(); ++f) edge(static_cast<int>(f));
    legend();
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  const View& v_;
  const model::Model& m_;
  const DotOptions& opt_;
  bool large_;
  std::string out_;

  std::string title() const {
    return "Data flows of " + (m_.system.name.empty() ? std::string("the system") : m_.system.name);
  }

  void indent(int depth) { out_.append(static_cast<size_t>(depth) * 2, ' '); }

  void cluster(int b, int depth) {
    const model::Boundary& x = m_.boundaries[b];
    std::string trust = x.trust ? std::string(model::name(*x.trust)) : "untrusted";
    indent(depth);
    out_ += "subgraph cluster_b" + std::to_string(b) + " {\n";
    indent(depth + 1);
    out_ += "label=<<B>" + base::html_escape(v_.boundary_name(b)) +
            "</B>&#160;&#160;<FONT POINT-SIZE=\"9\">(" + base::html_escape(trust) +
            ")</FONT>>; labeljust=l; labelloc=t; style=\"dashed,rounded\"; "
            "penwidth=1.6; color=\"" +
            trust_colour(x.trust) + "\"; fontcolor=\"" + trust_colour(x.trust) + "\"; tooltip=\"" +
            base::dot_quote("Trust boundary " + x.id + " (" + trust + ")") + "\";\n";
    for (int c : v_.child_boundaries(b)) cluster(c, depth + 1);
    for (int c : v_.boundary_components(b)) node(c, depth + 1);
    // An empty cluster is dropped by Graphviz; keep the zone visible.
    if (v_.child_boundaries(b).empty() && v_.boundary_components(b).empty()) {
      indent(depth + 1);
      out_ += "b" + std::to_string(b) +
              "_empty [label=\"(empty)\", shape=plain, fontcolor=\"#9e9e9e\"];\n";
    }
    indent(depth);
    out_ += "}\n";
  }

  void node(int c, int depth) {
    const model::Component& x = m_.components[c];
    std::optional<Severity> worst = v_.worst_open_component(c);
    std::string name = v_.component_name(c);
    std::string fill = severity_fill(worst);
    std::string font = worst == Severity::Critical ? "#ffffff" : "#000000";
    std::string sub = x.id == name ? "" : x.id;
    std::string tip = name + " (" + x.id + "), " + type_label(x.type);
    tip += worst ? ", worst open threat: " + std::string(engine::severity_name(*worst))
                 : ", no open threat";
    std::string label = "<FONT COLOR=\"" + font + "\">" + base::html_escape(name) + "</FONT>";
    if (!sub.empty()) {
      label += "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"" +
               std::string(font == "#000000" ? "#546e7a" : "#ffffff") + "\">" +
               base::html_escape(sub) + "</FONT>";
    }
    indent(depth);
    out_ += "n" + std::to_string(c) + " [";
    switch (x.type) {
      case model::ComponentType::ExternalEntity:
        out_ += "shape=box, style=filled, penwidth=1.8, fillcolor=\"" + fill + "\", label=<" +
                label + ">";
        break;
      case model::ComponentType::Process:
        out_ += "shape=box, style=\"rounded,filled\", fillcolor=\"" + fill + "\", label=<" + label +
                ">";
        break;
      case model::ComponentType::DataStore:
        // The DFD data store: two parallel lines, open at both ends.
        out_ +=
            "shape=none, margin=0, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
            "CELLSPACING=\"0\" CELLPADDING=\"7\" COLOR=\"#37474f\"><TR><TD SIDES=\"TB\" "
            "BGCOLOR=\"" +
            fill + "\">" + label + "</TD></TR></TABLE>>";
        break;
    }
    out_ += ", tooltip=\"" + base::dot_quote(tip) + "\"";
    if (opt_.links) out_ += ", URL=\"#el-" + base::dot_quote(x.id) + "\"";
    out_ += "];\n";
  }

  void edge(int f) {
    const model::Flow& x = m_.flows[f];
    if (!x.from.resolved() || !x.to.resolved()) return;
    bool crosses = v_.facts.crosses(f);
    std::string proto = x.protocol.empty() ? "?" : x.protocol;
    std::string data;
    std::set<std::string> seen;
    for (const model::Ref& r : x.data) {
      if (!seen.insert(r.id).second) continue;
      if (!data.empty()) data += ", ";
      data += r.id;
    }
    std::string label = base::html_escape(proto);
    if (x.encrypted == false && proto != "?") label += " <I>(plain)</I>";
    if (!large_ && !data.empty()) {
      label += "<BR/><FONT POINT-SIZE=\"8\">" + wrap(data, 28) + "</FONT>";
    }
    std::string tip = v_.flow_name(f) + " (" + x.id + "): " + x.from.id + " -> " + x.to.id + ", " +
                      proto + (data.empty() ? "" : ", carries " + data) +
                      (crosses ? ", crosses a trust boundary" : "");
    if (auto w = v_.worst_open_flow(f)) {
      tip += ", worst open threat: " + std::string(engine::severity_name(*w));
    }
    out_ += "  n" + std::to_string(x.from.index) + " -> n" + std::to_string(x.to.index) +
            " [label=<" + label + ">, tooltip=\"" + base::dot_quote(tip) + "\", labeltooltip=\"" +
            base::dot_quote(tip) + "\"";
    if (crosses) {
      out_ += ", color=\"" + std::string(kCrossing) + "\", fontcolor=\"" + kCrossing +
              "\", penwidth=2.4";
    }
    if (opt_.links) out_ += ", URL=\"#el-" + base::dot_quote(x.id) + "\"";
    out_ += "];\n";
  }

  /// Escapes a comma-separated list for an HTML-like label, breaking it into lines of about
  /// `width` characters.
  static std::string wrap(const std::string& s, size_t width) {
    std::string out;
    size_t line = 0;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find(", ", start);
      std::string part =
          s.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!out.empty()) {
        if (line + part.size() + 2 > width) {
          out += ",<BR/>";
          line = 0;
        } else {
          out += ", ";
          line += 2;
        }
      }
      out += base::html_escape(part);
      line += part.size();
      if (end == std::string::npos) break;
      start = end + 2;
    }
    return out;
  }

  // --- overview: one node per zone (a boundary down to some depth, or a trust level) -------

  struct Zone {
    std::string label;  ///< HTML-escaped
    std::string tip;    ///< raw, for dot_quote
    int parent = -1;    ///< enclosing zone drawn as a cluster, or -1
    size_t components = 0;
    std::optional<Severity> worst;
    std::optional<model::Trust> trust;
    bool has_children = false;
  };

  std::string overview() {
    std::vector<Zone> zones;
    std::vector<int> zone_of = zones_by_depth(zones);
    for (size_t c = 0; c < m_.components.size(); ++c) {
      Zone& z = zones[zone_of[c]];
      ++z.components;
      auto w = v_.worst_open_component(static_cast<int>(c));
      if (w && (!z.worst || *z.worst < *w)) z.worst = w;
    }
    std::map<std::pair<int, int>, std::pair<size_t, bool>> edges;  // count, crosses
    for (size_t f = 0; f < m_.flows.size(); ++f) {
      const model::Flow& x = m_.flows[f];
      if (!x.from.resolved() || !x.to.resolved()) continue;
      auto& e = edges[{zone_of[x.from.index], zone_of[x.to.index]}];
      ++e.first;
      e.second = e.second || v_.facts.crosses(static_cast<int>(f));
    }
    out_ += "digraph threatwright {\n";
    out_ +=
        "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Helvetica,Arial,sans-serif\", "
        "fontsize=11, newrank=true, compound=true, nodesep=0.35, ranksep=0.9, pad=0.3, "
        "labeljust=l, labelloc=b, tooltip=\"" +
        dot_quote(title() + " (overview)") + "\"];\n";
    out_ +=
        "  node [fontname=\"Helvetica,Arial,sans-serif\", fontsize=11, penwidth=1.2, "
        "color=\"#37474f\", margin=\"0.15,0.07\", shape=box, style=\"rounded,filled\"];\n";
    out_ +=
        "  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=9, color=\"#607d8b\", "
        "fontcolor=\"#37474f\", arrowsize=0.7];\n";
    for (size_t z = 0; z < zones.size(); ++z) {
      if (zones[z].parent < 0) zone_cluster(zones, static_cast<int>(z), 1);
    }
    for (const auto& [key, e] : edges) {
      std::string n = std::to_string(e.first) + (e.first == 1 ? " flow" : " flows");
      out_ += "  z" + std::to_string(key.first) + " -> z" + std::to_string(key.second) +
              " [label=\"" + n + "\", tooltip=\"" +
              dot_quote(n + " from " + zones[key.first].tip + " to " + zones[key.second].tip) +
              "\"";
      if (e.second) {
        out_ += ", color=\"" + std::string(kCrossing) + "\", fontcolor=\"" + kCrossing +
                "\", penwidth=2.4";
      }
      out_ += "];\n";
    }
    out_ += "  label=<<FONT POINT-SIZE=\"10\">" + html_escape(overview_note(m_)) + "</FONT>>;\n";
    out_ += "}\n";
    return std::move(out_);
  }

  void zone_cluster(const std::vector<Zone>& zones, int z, int depth) {
    const Zone& x = zones[z];
    std::string fill = severity_fill(x.worst);
    std::string font = x.worst == Severity::Critical ? "#ffffff" : "#000000";
    std::string node = "z" + std::to_string(z) + " [label=<<FONT COLOR=\"" + font + "\">" +
                       x.label + "<BR/><FONT POINT-SIZE=\"9\">" + std::to_string(x.components) +
                       (x.components == 1 ? " component" : " components") +
                       "</FONT></FONT>>, fillcolor=\"" + fill + "\", color=\"" +
                       trust_colour(x.trust) + "\", tooltip=\"" + dot_quote(x.tip) + "\"];\n";
    if (!x.has_children) {
      indent(depth);
      out_ += node;
      return;
    }
    indent(depth);
    out_ += "subgraph cluster_z" + std::to_string(z) + " {\n";
    indent(depth + 1);
    out_ += "label=\"\"; style=\"dashed,rounded\"; penwidth=1.6; color=\"" +
            std::string(trust_colour(x.trust)) + "\";\n";
    indent(depth + 1);
    out_ += node;
    for (size_t c = 0; c < zones.size(); ++c) {
      if (zones[c].parent == z) zone_cluster(zones, static_cast<int>(c), depth + 1);
    }
    indent(depth);
    out_ += "}\n";
  }

  /// Zones for the overview, and the zone of each component: boundaries down to the deepest
  /// level that keeps zones and zone-to-zone flows within the limits, else trust levels.
  /// Levels are tried from the top down; each adds a boundary at least, so at most
  /// kLargeComponents levels are tried, each linear in the model.
  std::vector<int> zones_by_depth(std::vector<Zone>& zones) {
    const size_t nb = m_.boundaries.size();
    // Depth of each boundary, boundaries in order of depth (parents before children).
    std::vector<int> depth(nb, -1), by_depth;
    for (int b : v_.top_boundaries()) depth[b] = 0, by_depth.push_back(b);
    for (size_t k = 0; k < by_depth.size(); ++k) {
      for (int c : v_.child_boundaries(by_depth[k])) {
        if (depth[c] >= 0) continue;
        depth[c] = depth[by_depth[k]] + 1;
        by_depth.push_back(c);
      }
    }
    std::vector<int> best;  // zone_of for the deepest level that fits
    std::vector<int> best_boundaries, best_zone_of_boundary;
    for (int d = 0;; ++d) {
      // The zone of each boundary: itself down to depth d, else its ancestor at depth d.
      std::vector<int> zone_of_boundary(nb, -1), boundaries;
      for (int b : by_depth) {
        if (depth[b] <= d) {
          zone_of_boundary[b] = static_cast<int>(boundaries.size());
          boundaries.push_back(b);
        } else {
          zone_of_boundary[b] = zone_of_boundary[parent_of(b)];
        }
      }
      if (boundaries.size() + 1 > kLargeComponents) break;
      int none = static_cast<int>(boundaries.size());  // components in no boundary
      std::vector<int> zone_of(m_.components.size());
      for (size_t c = 0; c < m_.components.size(); ++c) {
        int b = v_.boundary_of(static_cast<int>(c));
        zone_of[c] = b < 0 || zone_of_boundary[b] < 0 ? none : zone_of_boundary[b];
      }
      std::set<std::pair<int, int>> pairs;
      for (const model::Flow& x : m_.flows) {
        if (x.from.resolved() && x.to.resolved()) {
          pairs.insert({zone_of[x.from.index], zone_of[x.to.index]});
        }
      }
      if (pairs.size() > kLargeFlows) break;
      best = std::move(zone_of);
      best_boundaries = std::move(boundaries);
      best_zone_of_boundary = std::move(zone_of_boundary);
      if (best_boundaries.size() == by_depth.size()) break;  // every boundary has its zone
    }
    if (!best.empty() || m_.components.empty()) {
      for (int b : best_boundaries) {
        Zone z;
        const model::Boundary& x = m_.boundaries[b];
        std::string trust = x.trust ? std::string(model::name(*x.trust)) : "untrusted";
        z.label = "<B>" + html_escape(v_.boundary_name(b)) + "</B> (" + trust + ")";
        z.tip = "trust boundary " + x.id + " (" + trust + ")";
        z.trust = x.trust;
        z.parent = depth[b] == 0 ? -1 : best_zone_of_boundary[parent_of(b)];
        zones.push_back(std::move(z));
      }
      for (Zone& z : zones) {
        if (z.parent >= 0) zones[z.parent].has_children = true;
      }
      Zone outside;
      outside.label = "<B>no boundary</B> (untrusted)";
      outside.tip = "components in no trust boundary";
      zones.push_back(std::move(outside));
      return best;
    }
    // Too many top-level boundaries: one zone per trust level.
    const model::Trust levels[] = {model::Trust::Untrusted, model::Trust::SemiTrusted,
                                   model::Trust::Trusted};
    for (model::Trust t : levels) {
      Zone z;
      z.label = "<B>" + std::string(model::name(t)) + " zones</B>";
      z.tip = "every component in a " + std::string(model::name(t)) + " boundary";
      z.trust = t;
      zones.push_back(std::move(z));
    }
    Zone outside;
    outside.label = "<B>no boundary</B> (untrusted)";
    outside.tip = "components in no trust boundary";
    zones.push_back(std::move(outside));
    std::vector<int> zone_of(m_.components.size());
    for (size_t c = 0; c < m_.components.size(); ++c) {
      int b = v_.boundary_of(static_cast<int>(c));
      if (b < 0) {
        zone_of[c] = 3;
        continue;
      }
      model::Trust t = m_.boundaries[b].trust.value_or(model::Trust::Untrusted);
      zone_of[c] = t == model::Trust::Untrusted ? 0 : t == model::Trust::SemiTrusted ? 1 : 2;
    }
    return zone_of;
  }

  /// The boundary that holds boundary b as a child, or -1.
  int parent_of(int b) const {
    const model::Ref& p = m_.boundaries[b].parent;
    return p.resolved() ? p.index : -1;
  }

  void legend() {
    auto swatch = [](const char* fill, const char* text, const char* font = "#000000") {
      return std::string("<TD BGCOLOR=\"") + fill + "\" BORDER=\"1\"><FONT COLOR=\"" + font +
             "\" POINT-SIZE=\"9\">" + text + "</FONT></TD>";
    };
    out_ +=
        "  label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"3\"><TR>"
        "<TD><FONT POINT-SIZE=\"9\">worst open threat:</FONT></TD>";
    out_ += swatch(severity_fill(Severity::Critical), "critical", "#ffffff");
    out_ += swatch(severity_fill(Severity::High), "high");
    out_ += swatch(severity_fill(Severity::Medium), "medium");
    out_ += swatch(severity_fill(Severity::Low), "low");
    out_ += swatch(severity_fill(Severity::Info), "info");
    out_ += swatch(severity_fill(std::nullopt), "none");
    out_ += "<TD><FONT POINT-SIZE=\"9\" COLOR=\"";
    out_ += kCrossing;
    out_ += "\">  ━ crosses a trust boundary</FONT></TD>";
    out_ +=
        "<TD><FONT POINT-SIZE=\"9\">  ▭ external entity  ▢ process  ═ data store</FONT></TD>"
        "</TR></TABLE>>;\n";
  }
};

}  // namespace

bool diagram_too_large(const model::Model& m) {
  return m.components.size() > kLargeComponents || m.flows.size() > kLargeFlows;
}

bool draws_overview(const model::Model& m, const Options& o) {
  return !o.full_diagram && diagram_too_large(m);
}

std::string overview_note(const model::Model& m) {
  return "The model is large (" + std::to_string(m.components.size()) + " components, " +
         std::to_string(m.flows.size()) +
         " flows), so this diagram is an overview: one node per trust boundary, with the number "
         "of flows between them. Every element is listed in the report; `threatwright diagram "
         "MODEL --full --format svg` draws all of them (slow for large models), `--full --format "
         "dot` gives the Graphviz source for other tools.";
}

std::string dot_graph(const View& v, const DotOptions& opt) { return DotWriter(v, opt).write(); }

std::string write_dot(const model::Model& m, const engine::Analysis& a, const Options& o) {
  View v(m, a, o);
  return dot_graph(v, DotOptions{});
}

}  // namespace tw::report
