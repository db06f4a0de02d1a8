// Rule missing-identity-propagation: End user's identity not passed to the service that acts.
// Metadata and logic; docs/rules/missing-identity-propagation.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (!ctx.valid_flow(t.index)) return std::nullopt;
  const Flow& f = ctx.flow(t.index);
  const Component& from = ctx.from(t.index);
  const Component& to = ctx.to(t.index);
  if (!is_process(from) || !serves_requests(to) || f.usage == Usage::Devops) return std::nullopt;
  if (f.authenticated == false) return std::nullopt;
  if (!any_value_at_least(ctx.model, ctx.facts.assets_at[f.to.index], Value::High)) {
    return std::nullopt;
  }
  if (!f.authorization) return Verdict::undecided();
  if (*f.authorization == FlowAuthorization::EndUserIdentity) return Verdict::clear();
  return Finding{label(to) + " authorises " + label(f) + " as " + label(from) +
                     (*f.authorization == FlowAuthorization::None ? " without any check"
                                                                  : "'s technical user") +
                     ", not as the end user it acts for: whoever controls " + label(from) +
                     " reads and changes every user's data",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_missing_identity_propagation() {
  static const Rule rule{
      .id = "missing-identity-propagation",
      .title = "End user's identity not passed to the service that acts",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Flow},
      .cwe = {441, 285},
      .capec = {122},
      .detection =
          "An authenticated business flow (`usage` not devops, `authentication` not none) "
          "from a process to a process that serves requests and holds an asset valued "
          "high or more, whose `authorization` is technical-user or none: the server "
          "authorises the calling service, not the end user it acts for. "
          "End-user-identity clears it; unknown leaves the rule undecided.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Propagate the end user's identity (a signed token such as a JWT, or token "
          "exchange) on every call made on a user's behalf, and authorise each request in "
          "the backend against it, not against the calling service's account.",
      .false_positives =
          "Backends that serve no per-user data, or calls that act for the system itself "
          "(batch, reporting); mark those flows `usage: devops` or record a decision.",
      .references =
          {"https://cwe.mitre.org/data/definitions/441.html",
           "https://capec.mitre.org/data/definitions/122.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html"},
      .root_cause = "",
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
