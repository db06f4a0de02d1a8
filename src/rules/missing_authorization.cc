// Rule missing-authorization: Authenticated callers are not authorised per action.
// Metadata and logic; docs/rules/missing-authorization.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!c.authentication) return Verdict::undecided();
  if (*c.authentication == Authentication::None) return std::nullopt;
  if (!any_value_at_least(ctx.model, ctx.facts.assets_at[t.index], Value::High))
    return Verdict::clear();
  if (c.authorization && *c.authorization != Authorization::None)
    return claimed(label(c) +
                       " authenticates callers; without working authorisation any user "
                       "could reach other users' data",
                   "authorization: " + std::string(name(*c.authorization)));
  Finding f = !c.authorization
                  ? Finding{label(c) +
                                " authenticates callers but its `authorization` is unknown: any "
                                "user may reach other users' data",
                            -1,
                            {},
                            {}}
                  : Finding{label(c) +
                                " authenticates callers but does not authorise their actions: any "
                                "user can act on other users' data or on admin functions",
                            0,
                            {},
                            {}};
  // Several tenants on one instance: any tenant's user is an authenticated caller.
  if (c.multi_tenant == true) {
    f.description += " (multi-tenant: every tenant's users can reach every other tenant's data)";
    f.likelihood_delta += 1;
  }
  return f;
}
}  // namespace

const Rule& rule_missing_authorization() {
  static const Rule rule{
      .id = "missing-authorization",
      .title = "Authenticated callers are not authorised per action",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {862},
      .capec = {122},
      .detection =
          "A process that authenticates callers (authentication other than none) but has no "
          "authorization model (`authorization: none`; unknown counts with a lower "
          "likelihood) while handling assets valued high or critical. A multi-tenant "
          "component (`multi_tenant: true`) counts with a higher likelihood: every tenant's "
          "users are authenticated callers.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Check on every request that the authenticated caller may perform this action on "
          "this object (RBAC/ABAC/ownership checks in one shared layer); deny by default.",
      .false_positives =
          "Single-user or single-tenant services where every authenticated caller may do "
          "everything; record a decision.",
      .references =
          {"https://cwe.mitre.org/data/definitions/862.html",
           "https://capec.mitre.org/data/definitions/122.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
