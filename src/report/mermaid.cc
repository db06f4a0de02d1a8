// The data-flow diagram as a Mermaid flowchart: boundaries as nested subgraphs, external
// entities as boxes, processes rounded, data stores as cylinders, crossing flows thick.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/escape.h"
#include "report/diagram.h"

namespace tw::report {

using engine::Severity;

namespace {

const char* sev_class(std::optional<Severity> s) {
  if (!s) return "sevnone";
  switch (*s) {
    case Severity::Info:
      return "sevinfo";
    case Severity::Low:
      return "sevlow";
    case Severity::Medium:
      return "sevmedium";
    case Severity::High:
      return "sevhigh";
    case Severity::Critical:
      return "sevcritical";
  }
  return "sevnone";
}

void class_defs(std::string& out) {
  for (auto s :
       {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
    out += "  classDef " + std::string(sev_class(s)) + " fill:" + severity_fill(s) +
           ",stroke:#37474f" + (s == Severity::Critical ? ",color:#ffffff" : ",color:#000000") +
           "\n";
  }
  out += "  classDef sevnone fill:#ffffff,stroke:#37474f,color:#000000\n";
}

std::string trust_of(const model::Boundary& b) {
  return b.trust ? std::string(model::name(*b.trust)) : "untrusted";
}

class MermaidWriter {
 public:
  explicit MermaidWriter(const View& v) : v_(v), m_(v.m) {}

  std::string full() {
    out_ = "flowchart LR\n";
    for (int b : v_.top_boundaries()) subgraph(b, 1);
    for (int c : v_.unbounded_components()) node(c, 1);
    std::vector<int> thick;
    int index = 0;
    for (size_t f = 0; f < m_.flows.size(); ++f) {
      const model::Flow& x = m_.flows[f];
      if (!x.from.resolved() || !x.to.resolved()) continue;
      bool crosses = v_.facts.crosses(static_cast<int>(f));
      std::string label = x.protocol.empty() ? "?" : x.protocol;
      std::set<std::string> seen;
      std::string data;
      for (const model::Ref& r : x.data) {
        if (!seen.insert(r.id).second) continue;
        data += (data.empty() ? "" : ", ") + r.id;
      }
      if (!data.empty()) label += ": " + data;
      out_ += "  n" + std::to_string(x.from.index) + (crosses ? " ==>|" : " -->|") +
              base::mermaid_quote(label) + "| n" + std::to_string(x.to.index) + "\n";
      if (crosses) thick.push_back(index);
      ++index;
    }
    class_defs(out_);
    std::map<std::string, std::vector<int>> by_class;
    for (size_t c = 0; c < m_.components.size(); ++c) {
      by_class[sev_class(v_.worst_open_component(static_cast<int>(c)))].push_back(
          static_cast<int>(c));
    }
    for (const auto& [cls, nodes] : by_class) {
      std::string list;
      for (int c : nodes) list += (list.empty() ? "n" : ",n") + std::to_string(c);
      out_ += "  class " + list + " " + cls + "\n";
    }
    for (size_t b = 0; b < m_.boundaries.size(); ++b) {
      out_ += "  style b" + std::to_string(b) +
              " fill:none,stroke-dasharray:6 4,stroke:" + trust_colour(m_.boundaries[b]) + "\n";
    }
    if (!thick.empty()) {
      std::string list;
      for (int i : thick) list += (list.empty() ? "" : ",") + std::to_string(i);
      out_ += "  linkStyle " + list + " stroke:#1f5fbf,stroke-width:3px\n";
    }
    return std::move(out_);
  }

  /// One node per boundary (nested as subgraphs), flows aggregated between zones.
  std::string overview() {
    out_ = "flowchart LR\n";
    // Zones: each boundary, plus "no boundary".
    auto zone_node = [](int b) { return b >= 0 ? "z" + std::to_string(b) : std::string("zn"); };
    std::vector<std::optional<Severity>> worst(m_.boundaries.size() + 1);
    std::vector<size_t> count(m_.boundaries.size() + 1);
    for (size_t c = 0; c < m_.components.size(); ++c) {
      int b = v_.boundary_of(static_cast<int>(c));
      size_t k = b >= 0 ? static_cast<size_t>(b) : m_.boundaries.size();
      ++count[k];
      auto w = v_.worst_open_component(static_cast<int>(c));
      if (w && (!worst[k] || *worst[k] < *w)) worst[k] = w;
    }
    auto walk = [&](auto&& self, int b, int depth) -> void {
      std::string pad(static_cast<size_t>(depth) * 2, ' ');
      const model::Boundary& x = m_.boundaries[b];
      std::string label = v_.boundary_name(b) + " (" + trust_of(x) +
                          "): " + std::to_string(count[b]) + " components";
      if (v_.child_boundaries(b).empty()) {
        out_ += pad + zone_node(b) + "[" + base::mermaid_quote(label) + "]\n";
        return;
      }
      out_ += pad + "subgraph b" + std::to_string(b) + "[" +
              base::mermaid_quote(v_.boundary_name(b) + " (" + trust_of(x) + ")") + "]\n";
      out_ += pad + "  " + zone_node(b) + "[" + base::mermaid_quote(label) + "]\n";
      for (int c : v_.child_boundaries(b)) self(self, c, depth + 1);
      out_ += pad + "end\n";
    };
    for (int b : v_.top_boundaries()) walk(walk, b, 1);
    if (!v_.unbounded_components().empty()) {
      out_ += "  zn[" +
              base::mermaid_quote("no boundary (untrusted): " + std::to_string(count.back()) +
                                  " components") +
              "]\n";
    }
    std::map<std::pair<int, int>, std::pair<size_t, bool>> edges;  // count, crosses
    for (size_t f = 0; f < m_.flows.size(); ++f) {
      const model::Flow& x = m_.flows[f];
      if (!x.from.resolved() || !x.to.resolved()) continue;
      int a = v_.boundary_of(x.from.index), b = v_.boundary_of(x.to.index);
      auto& e = edges[{a, b}];
      ++e.first;
      e.second = e.second || v_.facts.crosses(static_cast<int>(f));
    }
    for (const auto& [key, e] : edges) {
      out_ += "  " + zone_node(key.first) + (e.second ? " ==>|" : " -->|") +
              base::mermaid_quote(std::to_string(e.first) + (e.first == 1 ? " flow" : " flows")) +
              "| " + zone_node(key.second) + "\n";
    }
    class_defs(out_);
    for (size_t k = 0; k < worst.size(); ++k) {
      if (count[k] == 0) continue;
      out_ += "  class " + zone_node(k < m_.boundaries.size() ? static_cast<int>(k) : -1) + " " +
              sev_class(worst[k]) + "\n";
    }
    return std::move(out_);
  }

 private:
  const View& v_;
  const model::Model& m_;
  std::string out_;

  static const char* trust_colour(const model::Boundary& b) {
    switch (b.trust.value_or(model::Trust::Untrusted)) {
      case model::Trust::Untrusted:
        return "#c62828";
      case model::Trust::SemiTrusted:
        return "#ef6c00";
      case model::Trust::Trusted:
        return "#2e7d32";
    }
    return "#c62828";
  }

  void subgraph(int b, int depth) {
    std::string pad(static_cast<size_t>(depth) * 2, ' ');
    const model::Boundary& x = m_.boundaries[b];
    out_ += pad + "subgraph b" + std::to_string(b) + "[" +
            base::mermaid_quote(v_.boundary_name(b) + " (" + trust_of(x) + ")") + "]\n";
    for (int c : v_.child_boundaries(b)) subgraph(c, depth + 1);
    for (int c : v_.boundary_components(b)) node(c, depth + 1);
    if (v_.child_boundaries(b).empty() && v_.boundary_components(b).empty()) {
      out_ += pad + "  b" + std::to_string(b) + "_empty[" + base::mermaid_quote("(empty)") + "]\n";
    }
    out_ += pad + "end\n";
  }

  void node(int c, int depth) {
    const model::Component& x = m_.components[c];
    std::string pad(static_cast<size_t>(depth) * 2, ' ');
    std::string label = base::mermaid_quote(v_.component_name(c));
    std::string id = "n" + std::to_string(c);
    switch (x.type) {
      case model::ComponentType::ExternalEntity:
        out_ += pad + id + "[" + label + "]\n";
        break;
      case model::ComponentType::Process:
        out_ += pad + id + "(" + label + ")\n";
        break;
      case model::ComponentType::DataStore:
        out_ += pad + id + "[(" + label + ")]\n";
        break;
    }
  }
};

}  // namespace

std::string mermaid_graph(const View& v) {
  MermaidWriter w(v);
  if (!draws_overview(v.m, v.o)) return w.full();
  // A Mermaid comment (never a directive: model text cannot hold '%').
  return "%% " + overview_note(v.m) + "\n" + w.overview();
}

std::string write_mermaid(const model::Model& m, const engine::Analysis& a, const Options& o) {
  View v(m, a, o);
  return mermaid_graph(v);
}

}  // namespace tw::report
