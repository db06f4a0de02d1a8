// Rule admin-rights-on-exposed-component: Exposed component with administrative IAM rights.
// Metadata and logic; docs/rules/admin-rights-on-exposed-component.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

// Adversaries from less trusted zones: over the internet, as users, from an adjacent network.
constexpr uint8_t kFromOutside = kInternetBit | kAuthenticatedUserBit | kAdjacentNetworkBit;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& ps = ctx.iam.of_component(t.index);
  if (ps.empty()) return std::nullopt;
  uint8_t reach = ctx.reach_mask(t.index) & kFromOutside;
  if (!reach && !ctx.exposed(t.index)) return std::nullopt;
  std::string found;
  bool unknown = false;
  for (int p : ps) {
    if (ctx.iam.principals[p].administrative) {
      found += (found.empty() ? "" : "; ") + holds(ctx, t.index, p) + ", which " +
               (ctx.iam.admin_reason(p).rfind("may", 0) == 0 ? "" : "is ") +
               ctx.iam.admin_reason(p);
    } else if (!ctx.model.principals[p].permissions) {
      unknown = true;
    }
  }
  if (found.empty()) return unknown ? Verdict::undecided() : Verdict::clear();
  std::string path;
  for (int k = 0; k < kAccessCount && path.empty(); ++k) {
    if (reach & (1u << k)) path = ctx.reach_path(k, t);
  }
  return Finding{label(ctx.component(t.index)) + " is reachable by adversaries" +
                     (path.empty() ? std::string(" (exposed)") : " (" + path + ")") + " and " +
                     found +
                     ": one code-execution, SSRF or credential-leak flaw there hands over the "
                     "whole account",
                 0,
                 iam_assets(ctx, t.index, ps),
                 {}};
}
}  // namespace

const Rule& rule_admin_rights_on_exposed_component() {
  static const Rule rule{
      .id = "admin-rights-on-exposed-component",
      .title = "Exposed component with administrative IAM rights",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {250, 269},
      .capec = {122, 233},
      .detection =
          "A component that adversaries from a less trusted zone reach over the data-flow graph "
          "(internet, authenticated users, adjacent network; or exposed) and that runs as, or "
          "may assume, an administrative principal: one allowed every action on every "
          "resource, allowed an IAM-write action that escalates privilege, or able to assume "
          "such a principal in turn.",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Give the exposed component a role of its own with only the actions and resources "
          "it uses; move administration to a separate, unexposed identity behind a reviewed "
          "path; block the instance metadata service from request handlers (IMDSv2, hop limit "
          "1) so SSRF cannot take its credentials.",
      .false_positives =
          "Principals whose administrative rights are fenced by a permissions boundary or "
          "organisation policy the model does not express.",
      .references = {"https://cwe.mitre.org/data/definitions/250.html",
                     "https://cwe.mitre.org/data/definitions/269.html",
                     "https://capec.mitre.org/data/definitions/122.html",
                     "https://capec.mitre.org/data/definitions/233.html"},
      .root_cause = {},
      .vectors = kInternetBit | kAuthenticatedUserBit | kAdjacentNetworkBit,
      .skill = Capability::Medium,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
