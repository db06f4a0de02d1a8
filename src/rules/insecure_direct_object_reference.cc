// Rule insecure-direct-object-reference: A user reaches another user's objects by changing an id.
// Metadata and logic; docs/rules/insecure-direct-object-reference.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c) || forwards_requests(c)) return std::nullopt;
  // No authentication or no authorisation at all: missing-authentication and
  // missing-authorization raise the broader threat.
  if (c.authentication == Authentication::None || c.authorization == Authorization::None)
    return std::nullopt;
  const auto& assets = ctx.facts.assets_at[t.index];
  if (!any_value_at_least(ctx.model, assets, Value::Medium)) return Verdict::clear();
  if (!reachable_from_outside(ctx, t.index)) return Verdict::clear();
  std::string what = label(c) + " serves " + asset_list(ctx.model, assets) +
                     " to authenticated callers who name the object in the request (an id in "
                     "the path, query or body): ";
  if (c.authorization == Authorization::Ownership && c.object_authorization != false) {
    return claimed(what + "one user could read or change another's objects by changing the id",
                   "authorization: ownership");
  }
  Verdict v = weak_unless_true(
      c.object_authorization, "object_authorization",
      what +
          "role checks alone let one user read or change another's objects (or another "
          "tenant's) by changing the id");
  // One instance serving several tenants: every other tenant's ids are valid targets, and a
  // tenant is a customer who signs up on purpose.
  if (v.weakness() && c.multi_tenant == true) {
    v->description += " (multi-tenant: a changed id crosses into another customer's data)";
    v->likelihood_delta += 1;
  }
  return v;
}
}  // namespace

const Rule& rule_insecure_direct_object_reference() {
  static const Rule rule{
      .id = "insecure-direct-object-reference",
      .title = "A user reaches another user's objects by changing an id",
      .stride = {Stride::ElevationOfPrivilege, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {639},
      .capec = {1},
      .detection =
          "A process that serves requests, reachable from a less trusted zone (directly or "
          "through forwarders), authenticates and authorises callers (neither is `none`, "
          "where missing-authentication or missing-authorization applies instead), handles "
          "assets valued medium or more, and does not check per object that the caller may "
          "reach it (`object_authorization` false; unknown counts with a lower likelihood; "
          "`authorization: ownership` or `object_authorization: true` are claims). A "
          "multi-tenant component (`multi_tenant: true`) counts with a higher likelihood: "
          "every other tenant's ids are targets.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Load every object through a query scoped to the caller (owner or tenant id from the "
          "session, never from the request), deny by default in one shared data-access layer, "
          "prefer unguessable ids as defence in depth, and test with two users that each "
          "endpoint refuses the other's ids.",
      .false_positives =
          "Services whose objects are all public to every authenticated caller, or "
          "single-user services; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/639.html",
                     "https://capec.mitre.org/data/definitions/1.html",
                     "https://owasp.org/API-Security/editions/2023/en/"
                     "0xa1-broken-object-level-authorization/",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html"},
      .vectors = kAuthenticatedUserBit | kInsiderBit | kInternetBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
