// Threat Dragon v2 JSON: one STRIDE diagram laid out for reading. Boundaries are boxes around
// their members, nested boxes inside their parent's; flows are edges; every analysed threat
// (generated and hand-written) sits on its element with TD's status and severity, and its
// controls and decision in the mitigation text (docs/interop.md, "threat-dragon").
// The layout is export/layout.h.

#include <algorithm>
#include <cmath>

#include "export/common.h"
#include "export/export.h"
#include "export/layout.h"
#include "model/enums.h"

namespace tw::exports {

namespace {

using model::ComponentType;

std::string td_status(model::ThreatStatus s) {
  switch (s) {
    case model::ThreatStatus::Mitigated:
      return "Mitigated";
    case model::ThreatStatus::Accepted:
      return "Accepted";
    case model::ThreatStatus::Transferred:
      return "Transferred";
    case model::ThreatStatus::FalsePositive:
    case model::ThreatStatus::NotApplicable:
      return "NotApplicable";
    case model::ThreatStatus::Open:
    case model::ThreatStatus::Claimed:
      return "Open";
  }
  return "Open";
}

std::string td_severity(engine::Severity s) {
  switch (s) {
    case engine::Severity::Info:
    case engine::Severity::Low:
      return "Low";
    case engine::Severity::Medium:
      return "Medium";
    case engine::Severity::High:
      return "High";
    case engine::Severity::Critical:
      return "Critical";
  }
  return "Low";
}

/// An element's description with its threatwright id as the last line, which `import
/// threat-dragon` reads back so that ids survive a round trip.
std::string with_id(const std::string& description, const std::string& id) {
  return description + (description.empty() ? "" : "\n\n") + "threatwright id: " + id;
}

bool open_status(model::ThreatStatus s) {
  return s == model::ThreatStatus::Open || s == model::ThreatStatus::Claimed;
}

bool all_not_applicable(const model::Model& m,
                        const ModelIndex& ix,
                        const std::string& id,
                        std::string& because) {
  unsigned bits = 0;
  auto it = ix.not_applicable_of.find(id);
  if (it == ix.not_applicable_of.end()) return false;
  for (int k : it->second) {
    const auto& n = m.not_applicable[size_t(k)];
    for (auto s : n.stride) bits |= 1u << static_cast<unsigned>(s);
    if (!n.because.empty()) because += (because.empty() ? "" : " ") + n.because;
  }
  return bits == 0x3F;
}

bool mentions(const model::Model& m,
              const std::vector<model::Ref>& refs,
              std::initializer_list<const char*> words) {
  for (const auto& r : refs) {
    if (!r.resolved()) continue;
    std::string t = r.id + " " + m.assets[r.index].name;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* w : words) {
      if (t.find(w) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace

std::string write_threat_dragon(const model::Model& m,
                                const engine::Analysis& a,
                                const Options& o) {
  Layout lay(m);
  ModelIndex ix(m);
  // Threats on supply-chain entries sit on the first component that uses the entry; threats
  // with no element in the diagram are listed in the summary description.
  std::multimap<std::string, const engine::Threat*> by_target;
  std::vector<const engine::Threat*> unplaced;
  for (const auto& t : a.threats) {
    if (t.target_kind == engine::TargetKind::Component ||
        t.target_kind == engine::TargetKind::Flow) {
      by_target.emplace(t.target, &t);
      continue;
    }
    const model::SupplyItem* s = nullptr;
    if (t.target_kind == engine::TargetKind::SupplyChain && t.target_index >= 0 &&
        size_t(t.target_index) < m.supply_chain.size())
      s = &m.supply_chain[size_t(t.target_index)];
    const model::Ref* host = nullptr;
    if (s) {
      for (const auto& r : s->used_by) {
        if (r.resolved()) {
          host = &r;
          break;
        }
      }
    }
    if (host) {
      by_target.emplace(host->id, &t);
    } else {
      unplaced.push_back(&t);
    }
  }
  int number = 0;
  std::map<std::string, int> numbers;
  for (const auto& t : a.threats) numbers[t.id] = ++number;

  auto threats_of = [&](const std::string& id, bool& has_open) {
    Json out = Json::array();
    auto [lo, hi] = by_target.equal_range(id);
    for (auto it = lo; it != hi; ++it) {
      const engine::Threat& t = *it->second;
      if (open_status(t.status)) has_open = true;
      std::string mit = t.mitigation();
      if (!t.controls.empty()) {
        std::string cs;
        for (const auto& c : t.controls) {
          const auto* ctl = m.control(c);
          cs += (cs.empty() ? "" : ", ") +
                (ctl && !ctl->name.empty() ? ctl->name + " (" + c + ")" : c);
        }
        mit += (mit.empty() ? "" : "\n\n") + ("Controls: " + cs + ".");
      }
      auto dit = ix.decisions_of.find(t.id);
      for (int k : dit == ix.decisions_of.end() ? std::vector<int>{} : dit->second) {
        const auto& dcs = m.decisions[size_t(k)];
        std::string line = "Decision: " + std::string(model::name(t.status));
        if (!dcs.owner.empty()) line += ", owner " + dcs.owner;
        if (dcs.review_by) line += ", review by " + dcs.review_by->str();
        if (!dcs.rationale.empty()) line += ": " + dcs.rationale;
        mit += (mit.empty() ? "" : "\n\n") + line;
      }
      std::string desc = t.description;
      if (t.target_kind == engine::TargetKind::SupplyChain)
        desc = "On supply-chain entry " + t.target + ": " + desc;
      if (!t.status_reason.empty())
        desc += (desc.empty() ? "" : "\n\n") + ("Status: " + t.status_reason);
      desc += (desc.empty() ? "" : "\n\n") + ("threatwright id: " + t.id);
      std::string type = t.stride.empty() ? "Tampering" : stride_title(t.stride[0]);
      out.push_back({{"id", stable_uuid("threat", t.id)},
                     {"title", t.title()},
                     {"status", td_status(t.status)},
                     {"severity", td_severity(t.severity)},
                     {"type", type},
                     {"modelType", "STRIDE"},
                     {"description", desc},
                     {"mitigation", mit},
                     {"score", std::to_string(t.score)},
                     {"number", numbers[t.id]}});
    }
    return out;
  };

  Json cells = Json::array();
  // Boundary boxes, parents before children (lower z first).
  for (size_t i = 0; i < m.boundaries.size(); ++i) {
    const auto& b = m.boundaries[i];
    std::string label = b.name.empty() ? b.id : b.name;
    if (b.trust) label += " (" + std::string(model::name(*b.trust)) + ")";
    cells.push_back({{"position", {{"x", lay.box_pos[i].first}, {"y", lay.box_pos[i].second}}},
                     {"size", {{"width", lay.boxes[i].w}, {"height", lay.boxes[i].h}}},
                     {"attrs", {{"label", {{"text", label}}}}},
                     {"visible", true},
                     {"shape", "trust-boundary-box"},
                     {"id", stable_uuid("cell", b.id)},
                     {"zIndex", lay.depth[i] - lay.max_depth - 1},
                     {"data",
                      {{"type", "tm.BoundaryBox"},
                       {"name", label},
                       {"description", with_id(b.description, b.id)},
                       {"isTrustBoundary", true},
                       {"hasOpenThreats", false}}}});
  }
  int z = 1;
  for (size_t i = 0; i < m.components.size(); ++i) {
    const auto& c = m.components[i];
    const std::string& k = c.effective_kind();
    bool has_open = false;
    Json threats = threats_of(c.id, has_open);
    std::string because;
    bool oos = all_not_applicable(m, ix, c.id, because);
    std::string name = c.name.empty() ? c.id : c.name;
    Json data = {{"name", name}, {"description", with_id(c.description, c.id)}};
    std::string shape;
    double w = 160, h = 80;
    Json attrs = {{"text", {{"text", name}}}};
    const char* stroke = has_open ? "red" : "#333333";
    double sw = has_open ? 2.5 : 1.5;
    Json line = {{"stroke", stroke}, {"strokeWidth", sw}, {"strokeDasharray", ""}};
    if (c.type == ComponentType::ExternalEntity) {
      shape = "actor";
      data["type"] = "tm.Actor";
      data["providesAuthentication"] = k == "identity-provider" || k == "auth-service";
      attrs["body"] = line;
    } else if (c.type == ComponentType::DataStore) {
      shape = "store";
      data["type"] = "tm.Store";
      data["isALog"] = k == "log-store";
      data["isEncrypted"] = c.encrypted_at_rest.value_or(false);
      data["isSigned"] = false;
      data["storesCredentials"] =
          mentions(m, c.stores, {"credential", "password", "secret", "token", "key"});
      data["storesInventory"] = false;
      attrs["topLine"] = line;
      attrs["bottomLine"] = line;
    } else {
      shape = "process";
      w = 100, h = 100;
      data["type"] = "tm.Process";
      data["isWebApplication"] = k == "web-app" || k == "web-server";
      bool card = mentions(m, c.stores, {"card", "payment"});
      for (int k : ix.flows_of[i]) {
        const auto& f = m.flows[size_t(k)];
        card = card || mentions(m, f.data, {"card", "payment"}) ||
               mentions(m, f.returns, {"card", "payment"});
      }
      data["handlesCardPayment"] = card;
      data["handlesGoodsOrServices"] = false;
      data["privilegeLevel"] = c.runs_as_root.value_or(false) ? "root" : "";
      attrs["body"] = line;
    }
    data["outOfScope"] = oos;
    data["reasonOutOfScope"] = oos ? because : "";
    data["isTrustBoundary"] = false;
    data["threats"] = std::move(threats);
    data["hasOpenThreats"] = has_open;
    cells.push_back({{"position", {{"x", lay.comp_pos[i].first}, {"y", lay.comp_pos[i].second}}},
                     {"size", {{"width", w}, {"height", h}}},
                     {"attrs", std::move(attrs)},
                     {"visible", true},
                     {"shape", shape},
                     {"id", stable_uuid("cell", c.id)},
                     {"zIndex", z++},
                     {"data", std::move(data)}});
  }
  for (const auto& f : m.flows) {
    bool has_open = false;
    Json threats = threats_of(f.id, has_open);
    std::string because;
    bool oos = all_not_applicable(m, ix, f.id, because);
    std::string name = f.name.empty() ? f.id : f.name;
    bool pub = false;
    for (const auto* r : {&f.from, &f.to}) {
      if (!r->resolved()) continue;
      const auto& c = m.components[r->index];
      const auto* b = zone(m, c);
      if (c.internet_facing.value_or(false) || !b || b->trust == model::Trust::Untrusted)
        pub = true;
    }
    cells.push_back(
        {{"shape", "flow"},
         {"attrs",
          {{"line",
            {{"stroke", has_open ? "red" : "#333333"},
             {"strokeWidth", has_open ? 2.5 : 1.5},
             {"targetMarker", {{"name", "block"}}},
             {"sourceMarker", {{"name", ""}}},
             {"strokeDasharray", ""}}}}},
         {"width", 200},
         {"height", 100},
         {"zIndex", z},  // above every node
         {"labels",
          Json::array(
              {{{"markup", Json::array({{{"tagName", "ellipse"}, {"selector", "labelBody"}},
                                        {{"tagName", "text"}, {"selector", "labelText"}}})},
                {"attrs",
                 {{"labelText",
                   {{"text", name}, {"textAnchor", "middle"}, {"textVerticalAnchor", "middle"}}},
                  {"labelBody",
                   {{"ref", "labelText"},
                    {"refRx", "50%"},
                    {"refRy", "60%"},
                    {"fill", "#fff"},
                    {"strokeWidth", 0}}}}},
                {"position", 0.5}}})},
         {"connector", "smooth"},
         {"data",
          {{"type", "tm.Flow"},
           {"name", name},
           {"description", with_id(f.description, f.id)},
           {"outOfScope", oos},
           {"reasonOutOfScope", oos ? because : ""},
           {"hasOpenThreats", has_open},
           {"isBidirectional", false},
           {"isEncrypted", flow_encrypted(f)},
           {"isPublicNetwork", pub},
           {"protocol", f.protocol},
           {"isTrustBoundary", false},
           {"threats", std::move(threats)}}},
         {"id", stable_uuid("cell", f.id)},
         {"source", {{"cell", stable_uuid("cell", f.from.id)}}},
         {"target", {{"cell", stable_uuid("cell", f.to.id)}}}});
  }

  std::string summary = m.system.description;
  if (!unplaced.empty()) {
    summary +=
        (summary.empty() ? "" : "\n\n") + std::string("Threats on no element of the diagram:");
    for (const auto* t : unplaced) {
      summary +=
          "\n- " + t->title() + " (" + t->id + ", " + std::string(model::name(t->status)) + ")";
    }
  }
  std::vector<std::string> reviewers = m.system.review.reviewers;
  Json contributors = Json::array();
  for (size_t i = 1; i < reviewers.size(); ++i) contributors.push_back({{"name", reviewers[i]}});
  Json d = {
      {"version", "2.4.0"},
      {"summary",
       {{"title", m.system.name}, {"owner", m.system.owner}, {"description", summary}, {"id", 0}}},
      {"detail",
       {{"contributors", std::move(contributors)},
        {"diagrams", Json::array({{{"id", 0},
                                   {"title", m.system.name},
                                   {"diagramType", "STRIDE"},
                                   {"placeholder", "Exported by threatwright " + o.tool_version},
                                   {"thumbnail", "./public/content/images/thumbnail.stride.jpg"},
                                   {"version", "2.4.0"},
                                   {"cells", std::move(cells)}}})},
        {"diagramTop", 1},
        {"reviewer", reviewers.empty() ? std::string() : reviewers[0]},
        {"threatTop", number}}}};
  return render(std::move(d));
}

}  // namespace tw::exports
