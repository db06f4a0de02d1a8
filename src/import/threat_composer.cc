// AWS Threat Composer (.tc.json) -> hand-written threats, adversaries, assets and controls.
// Threat Composer has no architecture: every threat targets one synthesised component named
// after the application.

#include <map>

#include "import/formats.h"

namespace tw::import {

namespace {

std::string meta(const Node* n, const std::string& key, std::vector<std::string>* list = nullptr) {
  for (const Node* m : items(get(n, "metadata"))) {
    if (str(m, "key") != key) continue;
    const Node* v = get(m, "value");
    if (list) {
      for (const Node* i : items(v)) list->push_back(text(i));
      if (v && v->is_scalar()) list->push_back(text(v));
    }
    return text(v);
  }
  return "";
}

}  // namespace

void import_threat_composer(Context& cx, const Node* root, const Options&, ModelOut& m) {
  const Node* info = get(root, "applicationInfo");
  if (!info && !get(root, "threats")) {
    cx.invalid(root, "not a Threat Composer file: no applicationInfo or threats");
    return;
  }
  std::string app = str(info, "name");
  if (app.empty()) app = "Application";
  m.system.set("name", Yaml::str(app));
  std::string desc = trim(str(info, "description"));
  for (const char* k : {"architecture", "dataflow"}) {
    const Node* part = get(root, k);
    if (auto d = trim(str(part, "description")); !d.empty()) desc += "\n\n" + d;
    if (get(part, "image")) {
      cx.lost(get(part, "image"), std::string("the ") + k + " image is not imported");
    }
  }
  m.system.set_str("description", trim(desc));
  // A file threatwright exported names each threat's and control's threatwright id
  // (`custom:threatwright-id`): reserved before anything is named, and taken back.
  for (const char* list : {"threats", "mitigations"}) {
    for (const Node* t : items(get(root, list)))
      cx.kept().note(cx.ids(), meta(t, "custom:threatwright-id"));
  }
  int generated = 0;
  std::string target = cx.ids().make(app, "application");
  Yaml c = Yaml::map();
  c.set("id", Yaml::word(target));
  c.set("name", Yaml::str(app));
  c.set("type", Yaml::word("process"));
  c.comment("inferred: Threat Composer threats name no element; all target the application");
  m.components.add(std::move(c));
  cx.inferred(info ? info : root,
              "Threat Composer has no architecture: every threat targets the synthesised "
              "component '" +
                  target + "'",
              "model the components and flows, then retarget the threats");
  std::map<std::string, std::string> adversaries, assets, threat_ids;
  Yaml unmapped = Yaml::seq();
  for (const Node* t : items(get(root, "threats"))) {
    std::vector<std::string> letters;
    meta(t, "STRIDE", &letters);
    std::vector<std::string> stride;
    for (const auto& l : letters) {
      if (auto s = stride_word(l)) stride.push_back(*s);
    }
    bool from_goal = false;
    if (stride.empty()) {
      for (const Node* g : items(get(t, "impactedGoal"))) {
        if (auto s = cia_stride(text(g))) stride.push_back(*s);
      }
      from_goal = !stride.empty();
    }
    std::string statement = trim(str(t, "statement"));
    std::string num = str(t, "numericId");
    if (stride.empty()) {
      cx.lost(t, "threat " + num +
                     " has no STRIDE metadata and no impacted goal: kept under "
                     "x-tc-unmapped-threats");
      Yaml u = Yaml::map();
      u.set_str("numericId", num);
      u.set_str("statement", statement);
      unmapped.add(std::move(u));
      continue;
    }
    std::string tw_id = meta(t, "custom:threatwright-id");
    std::string id = cx.kept().take(tw_id);
    if (id.empty() && generated_threat_id(tw_id)) {
      // A threat threatwright's rules raised on an element: Threat Composer has no elements,
      // so it comes back as a hand-written threat, its rule's id kept beside it.
      id = cx.ids().make(tw_id, "threat");
      ++generated;
    }
    if (id.empty()) id = cx.ids().make("tc-" + num, "threat");
    threat_ids[str(t, "id")] = id;
    Yaml y = Yaml::map();
    y.set("id", Yaml::word(id));
    y.set("title", Yaml::str(statement.empty() ? "Threat " + num : statement));
    y.set("stride", Yaml::words(stride));
    if (from_goal) y.find("stride")->comment("inferred from the impacted goals");
    y.set("target", Yaml::word(target));
    if (auto src = trim(str(t, "threatSource")); !src.empty()) {
      auto it = adversaries.find(src);
      if (it == adversaries.end()) {
        std::string aid = cx.ids().make(src, "adversary");
        it = adversaries.emplace(src, aid).first;
        Yaml a = Yaml::map();
        a.set("id", Yaml::word(aid));
        a.set("name", Yaml::str(src));
        a.comment("a Threat Composer threat source: access and capability unknown");
        m.adversaries.add(std::move(a));
      }
      y.set("adversary", Yaml::word(it->second));
    }
    std::vector<std::string> refs;
    for (const Node* a : items(get(t, "impactedAssets"))) {
      std::string name = trim(text(a));
      if (name.empty()) continue;
      auto it = assets.find(name);
      if (it == assets.end()) {
        std::string aid = cx.ids().make(name, "asset");
        it = assets.emplace(name, aid).first;
        Yaml as = Yaml::map();
        as.set("id", Yaml::word(aid));
        as.set("name", Yaml::str(name));
        as.comment("named by a Threat Composer threat: value and impact unknown");
        m.assets.add(std::move(as));
      }
      refs.push_back(it->second);
    }
    if (!refs.empty()) y.set("assets", Yaml::words(refs));
    std::string vector;
    for (const char* k : {"prerequisites", "threatAction", "threatImpact"}) {
      if (auto v = trim(str(t, k)); !v.empty()) vector += (vector.empty() ? "" : "; ") + v;
    }
    y.set_str("vector", vector);
    std::string prio = meta(t, "Priority");
    int r = prio == "High" ? 4 : prio == "Medium" ? 3 : prio == "Low" ? 2 : 0;
    if (r) {
      y.set("likelihood", Yaml::number(r)).comment("inferred from Priority " + prio);
      y.set("impact", Yaml::number(r)).comment("inferred from Priority " + prio);
    }
    if (auto cm = meta(t, "Comments"); !cm.empty()) y.set("x-tc-comments", Yaml::str(cm));
    std::vector<std::string> tags;
    for (const Node* tg : items(get(t, "tags"))) tags.push_back(text(tg));
    if (!tags.empty()) y.set("x-tc-tags", Yaml::words(tags));
    y.set("x-tc-id", Yaml::str(str(t, "id")));
    if (id != tw_id && !tw_id.empty()) y.set("x-tc-threatwright-id", Yaml::str(tw_id));
    m.threats.add(std::move(y));
    std::string status = str(t, "status");
    std::string d = status == "threatResolved"            ? "mitigated"
                    : status == "threatResolvedNotUseful" ? "false-positive"
                                                          : "";
    if (!d.empty()) {
      Yaml dc = Yaml::map();
      dc.set("threat", Yaml::word(id));
      dc.set("status", Yaml::word(d)).comment("Threat Composer status " + status);
      dc.set("rationale", Yaml::str("Status " + status + " in Threat Composer."));
      m.decisions.add(std::move(dc));
    }
  }
  if (!unmapped.empty()) m.extensions.set("x-tc-unmapped-threats", unmapped);
  if (generated > 0) {
    cx.inferred(get(root, "threats"),
                std::to_string(generated) +
                    " threats were raised by threatwright's rules on elements Threat Composer "
                    "does not have: imported as hand-written threats on the application, the "
                    "rule's threat id kept as x-tc-threatwright-id");
  }
  std::map<std::string, std::vector<std::string>> mitigates;
  for (const Node* l : items(get(root, "mitigationLinks"))) {
    auto t = threat_ids.find(str(l, "linkedId"));
    if (t != threat_ids.end()) mitigates[str(l, "mitigationId")].push_back(t->second);
  }
  for (const Node* mi : items(get(root, "mitigations"))) {
    std::string content = trim(str(mi, "content"));
    Yaml y = Yaml::map();
    std::string cid = cx.kept().take(meta(mi, "custom:threatwright-id"));
    y.set("id",
          Yaml::word(cid.empty() ? cx.ids().make("tc-m-" + str(mi, "numericId"), "control") : cid));
    y.set("name", Yaml::str(first_line(content.empty() ? "Mitigation" : content, 200)));
    y.set_str("mechanism", content);
    auto mt = mitigates.find(str(mi, "id"));
    if (mt != mitigates.end()) y.set("mitigates", Yaml::words(mt->second));
    std::string status = str(mi, "status");
    y.set("status", Yaml::word(status == "mitigationResolved" ? "implemented" : "planned"));
    if (!status.empty()) y.set("x-tc-status", Yaml::str(status));
    if (auto cm = meta(mi, "Comments"); !cm.empty()) y.set("x-tc-comments", Yaml::str(cm));
    y.set("x-tc-id", Yaml::str(str(mi, "id")));
    m.controls.add(std::move(y));
  }
  Yaml assumptions = Yaml::seq();
  for (const Node* a : items(get(root, "assumptions")))
    assumptions.add(Yaml::str(trim(str(a, "content"))));
  if (!assumptions.empty()) {
    m.extensions.set("x-tc-assumptions", assumptions);
    cx.lost(get(root, "assumptions"), std::to_string(assumptions.size()) +
                                          " assumptions have no threatwright counterpart: kept as "
                                          "x-tc-assumptions");
  }
}

}  // namespace tw::import
