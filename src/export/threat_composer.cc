// AWS Threat Composer (.tc.json, schema 1): every analysed threat as a threat statement built
// from its parts (source, prerequisites, action, impact, assets), STRIDE and Priority metadata
// and its threatwright id as `custom:threatwright-id`; controls as mitigations linked to their
// threats; not_applicable reasons and accepted risks as assumptions. Threat Composer has no
// architecture structure, so components, boundaries and flows become Markdown tables in the
// architecture and data-flow descriptions (docs/interop.md, "threat-composer").
//
// Threat Composer renders descriptions as Markdown: model text there goes through
// base::md_escape. Its field limits (maxLength, counted in code points) are kept by cutting
// the text and ending it with an ellipsis.

#include <algorithm>

#include "base/escape.h"
#include "export/common.h"
#include "export/export.h"
#include "model/enums.h"

namespace tw::exports {

namespace {

using model::name;

/// At most `n` code points of clean text (the last one an ellipsis when cut).
std::string fit(std::string_view s, size_t n) {
  std::string c = base::clean_utf8(s);
  size_t count = 0, i = 0;
  for (; i < c.size(); ++i) {
    if ((static_cast<unsigned char>(c[i]) & 0xC0) != 0x80) {
      if (count == n) break;
      ++count;
    }
  }
  if (i >= c.size()) return c;
  // Cut before the code point that starts the last allowed slot, then add the ellipsis.
  size_t keep = 0, seen = 0;
  for (size_t j = 0; j < c.size(); ++j) {
    if ((static_cast<unsigned char>(c[j]) & 0xC0) != 0x80) {
      if (seen == n - 1) {
        keep = j;
        break;
      }
      ++seen;
    }
  }
  return c.substr(0, keep) + "\u2026";
}

std::string md(std::string_view s) { return base::md_escape(s, true); }

std::string prerequisite(const model::Adversary* a) {
  if (!a || !a->access) return "";
  switch (*a->access) {
    case model::Access::Internet:
      return "with access to the internet";
    case model::Access::AuthenticatedUser:
      return "who is an authenticated user";
    case model::Access::Insider:
      return "with insider access";
    case model::Access::SupplyChain:
      return "with access to a dependency or its build";
    case model::Access::Physical:
      return "with physical access to a device";
    case model::Access::AdjacentNetwork:
      return "on an adjacent network";
  }
  return "";
}

std::string goal(model::Stride s) {
  switch (s) {
    case model::Stride::InformationDisclosure:
      return "confidentiality";
    case model::Stride::DenialOfService:
      return "availability";
    default:
      return "integrity";
  }
}

std::string status_of(model::ThreatStatus s) {
  switch (s) {
    case model::ThreatStatus::Mitigated:
      return "threatResolved";
    case model::ThreatStatus::FalsePositive:
    case model::ThreatStatus::NotApplicable:
      return "threatResolvedNotUseful";
    default:
      return "threatIdentified";
  }
}

std::string priority(engine::Severity s) {
  if (s >= engine::Severity::High) return "High";
  if (s == engine::Severity::Medium) return "Medium";
  return "Low";
}

}  // namespace

std::string write_threat_composer(const model::Model& m,
                                  const engine::Analysis& a,
                                  const Options& o) {
  Json d = Json::object();
  d["schema"] = 1;
  std::string app_desc = base::md_paragraphs(m.system.description);
  if (!m.system.owner.empty()) app_desc += "\n\nOwner: " + md(m.system.owner);
  app_desc += "\n\nExported by threatwright " + md(o.tool_version) + ".";
  d["applicationInfo"] = {{"name", fit(m.system.name, 200)}, {"description", app_desc}};

  // Architecture and data flow as Markdown tables (Threat Composer has no elements).
  std::string arch = "| Boundary | Trust | Inside |\n|---|---|---|\n";
  for (const auto& b : m.boundaries) {
    arch += "| " + md(b.name.empty() ? b.id : b.name) + " (" + base::md_code(b.id, true) + ") | " +
            (b.trust ? std::string(name(*b.trust)) : "") + " | " +
            (b.parent.id.empty() ? "" : base::md_code(b.parent.id, true)) + " |\n";
  }
  arch += "\n| Component | Type | Kind | Boundary | Description |\n|---|---|---|---|---|\n";
  for (const auto& c : m.components) {
    arch += "| " + md(c.name.empty() ? c.id : c.name) + " (" + base::md_code(c.id, true) + ") | " +
            std::string(name(c.type)) + " | " + md(c.kind) + " | " +
            (c.boundary.id.empty() ? "" : base::md_code(c.boundary.id, true)) + " | " +
            md(c.description) + " |\n";
  }
  d["architecture"] = {{"description", arch}};
  std::string flows =
      "| Flow | From | To | Protocol | Data | Returns |\n|---|---|---|---|---|---|\n";
  auto ids = [](const std::vector<model::Ref>& refs) {
    std::string s;
    for (const auto& r : refs) s += (s.empty() ? "" : ", ") + base::md_code(r.id, true);
    return s;
  };
  for (const auto& f : m.flows) {
    flows += "| " + md(f.name.empty() ? f.id : f.name) + " (" + base::md_code(f.id, true) + ") | " +
             base::md_code(f.from.id, true) + " | " + base::md_code(f.to.id, true) + " | " +
             md(f.protocol) + " | " + ids(f.data) + " | " + ids(f.returns) + " |\n";
  }
  d["dataflow"] = {{"description", flows}};

  // Threats.
  Json threats = Json::array();
  int n = 0;
  for (const auto& t : a.threats) {
    ++n;
    const model::Adversary* adv =
        t.adversaries().empty() ? nullptr : m.adversary(t.adversaries()[0]);
    std::string source = adv ? (adv->name.empty() ? adv->id : adv->name) : "threat actor";
    std::string pre = prerequisite(adv);
    std::string action = "exploit \"" + t.title() + "\"";
    const model::Component* tc = m.component(t.target);
    const model::Flow* tf = m.flow(t.target);
    std::string on = tc && !tc->name.empty()   ? tc->name
                     : tf && !tf->name.empty() ? tf->name
                                               : t.target;
    // The impact: the first asset's blast radius as written (quoted in the statement), else the
    // compromise of the element.
    std::string impact, said;
    Json assets = Json::array();
    for (const auto& id : t.assets()) {
      const auto* as = m.asset(id);
      if (impact.empty() && as && !as->impact.empty()) impact = as->impact;
      assets.push_back(fit(as && !as->name.empty() ? as->name : id, 200));
    }
    while (!impact.empty() && (impact.back() == '.' || impact.back() == ' ')) impact.pop_back();
    if (impact.empty()) {
      impact = "compromise of " + on;
      said = impact;
    } else {
      said = "\"" + impact + "\"";
    }
    Json goals = Json::array();
    Json letters = Json::array();
    for (auto s : t.stride) {
      std::string g = goal(s);
      if (std::find(goals.begin(), goals.end(), g) == goals.end()) goals.push_back(g);
      letters.push_back(std::string(1, model::stride_letter(s)));
    }
    bool vowel = !source.empty() && std::string("AEIOUaeiou").find(source[0]) != std::string::npos;
    std::string statement = (vowel ? "An " : "A ") + source + (pre.empty() ? "" : " " + pre) +
                            " can " + action + " (on " + on + "), which leads to " + said;
    if (!assets.empty()) {
      std::string as;
      for (const auto& x : assets) as += (as.empty() ? "" : ", ") + x.get<std::string>();
      statement += ", negatively impacting " + as;
    }
    statement += ".";
    std::string comments = "threatwright id: " + t.id + ". Status: " + std::string(name(t.status)) +
                           (t.status_reason.empty() ? "" : " (" + t.status_reason + ")") +
                           ". Score " + std::to_string(t.score) + " (likelihood " +
                           std::to_string(t.likelihood) + ", impact " + std::to_string(t.impact) +
                           ", " + std::string(engine::severity_name(t.severity)) + ").";
    if (!t.owner.empty()) comments += " Owner: " + t.owner + ".";
    if (t.review_by) comments += " Review by " + t.review_by->str() + ".";
    if (!t.mitigation().empty()) comments += " Suggested mitigation: " + t.mitigation();
    Json meta = Json::array({{{"key", "STRIDE"}, {"value", std::move(letters)}},
                             {{"key", "Priority"}, {"value", priority(t.severity)}},
                             {{"key", "Comments"}, {"value", fit(comments, 1000)}},
                             {{"key", "custom:threatwright-id"}, {"value", t.id}}});
    if (!t.rule_id().empty())
      meta.push_back({{"key", "custom:threatwright-rule"}, {"value", t.rule_id()}});
    Json tags = Json::array();
    for (int c : t.cwe()) tags.push_back("CWE-" + std::to_string(c));
    for (int c : t.capec()) tags.push_back("CAPEC-" + std::to_string(c));
    Json j = {{"id", stable_uuid("threat", t.id)},
              {"numericId", n},
              {"displayOrder", n},
              {"metadata", std::move(meta)},
              {"tags", std::move(tags)},
              {"threatSource", fit(source, 200)}};
    if (!pre.empty()) j["prerequisites"] = pre;
    j["threatAction"] = fit(action + " (on " + on + ")", 200);
    j["threatImpact"] = fit(impact, 200);
    j["impactedGoal"] = std::move(goals);
    j["impactedAssets"] = std::move(assets);
    j["statement"] = fit(statement, 1400);
    j["status"] = status_of(t.status);
    threats.push_back(std::move(j));
  }
  d["threats"] = std::move(threats);

  Json mits = Json::array(), links = Json::array();
  n = 0;
  for (const auto& c : m.controls) {
    ++n;
    std::string uuid = stable_uuid("control", c.id);
    std::string content = c.name.empty() ? c.id : c.name;
    if (!c.mechanism.empty()) content += ": " + c.mechanism;
    std::string comments = "threatwright id: " + c.id + ".";
    if (!c.owner.empty()) comments += " Owner: " + c.owner + ".";
    if (c.verification) {
      const auto& v = *c.verification;
      comments += v.automated() ? " Verified by a command run by threatwright verify."
                                : " Verified manually: " + v.manual;
    }
    Json j = {{"id", uuid},
              {"numericId", n},
              {"displayOrder", n},
              {"metadata", Json::array({{{"key", "Comments"}, {"value", fit(comments, 1000)}},
                                        {{"key", "custom:threatwright-id"}, {"value", c.id}}})},
              {"content", fit(content, 1000)}};
    j["status"] = c.status == model::ControlStatus::Implemented ? "mitigationResolved"
                                                                : "mitigationIdentified";
    mits.push_back(std::move(j));
    for (const auto& r : c.mitigates) {
      if (a.find(r.id))
        links.push_back({{"mitigationId", uuid}, {"linkedId", stable_uuid("threat", r.id)}});
    }
  }
  d["mitigations"] = std::move(mits);
  d["mitigationLinks"] = std::move(links);

  Json assumptions = Json::array(), alinks = Json::array();
  auto by_target = threats_by_target(a);
  n = 0;
  auto assume = [&](const std::string& key, const std::string& text) {
    ++n;
    std::string uuid = stable_uuid("assumption", key);
    assumptions.push_back(
        {{"id", uuid}, {"numericId", n}, {"displayOrder", n}, {"content", fit(text, 1000)}});
    return uuid;
  };
  for (size_t i = 0; i < m.not_applicable.size(); ++i) {
    const auto& na = m.not_applicable[i];
    std::string cats;
    for (auto s : na.stride) cats += (cats.empty() ? "" : ", ") + std::string(name(s));
    std::string uuid = assume("not-applicable:" + std::to_string(i),
                              cats + " does not apply to " + na.target.id + ": " + na.because);
    auto [lo, hi] = by_target.equal_range(na.target.id);
    for (auto it = lo; it != hi; ++it) {
      const auto& t = *it->second;
      if (t.status == model::ThreatStatus::NotApplicable)
        alinks.push_back({{"type", "Threat"},
                          {"assumptionId", uuid},
                          {"linkedId", stable_uuid("threat", t.id)}});
    }
  }
  for (const auto& x : m.decisions) {
    if (x.status != model::ThreatStatus::Accepted || !a.find(x.threat.id)) continue;
    std::string text = "Accepted risk " + x.threat.id +
                       (x.owner.empty() ? "" : " (owner " + x.owner + ")") +
                       (x.review_by ? ", review by " + x.review_by->str() : "") +
                       (x.rationale.empty() ? "" : ": " + x.rationale);
    std::string uuid = assume("accepted:" + x.threat.id, text);
    alinks.push_back({{"type", "Threat"},
                      {"assumptionId", uuid},
                      {"linkedId", stable_uuid("threat", x.threat.id)}});
  }
  d["assumptions"] = std::move(assumptions);
  d["assumptionLinks"] = std::move(alinks);
  return render(std::move(d));
}

}  // namespace tw::exports
