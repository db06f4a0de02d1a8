// Rule spoofable-external-entity: External entity whose identity is never verified.
// Metadata and logic; docs/rules/spoofable-external-entity.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

std::optional<Finding> check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  bool any = false, unknown = false;
  for (int f : ctx.facts.flows_out[t.index]) {
    if (ctx.facts.trust[ctx.flow(f).to.index] == Trust::Untrusted) continue;
    const auto& a = ctx.flow(f).authenticated;
    if (a.value_or(false)) return std::nullopt;
    any = true;
    unknown = unknown || !a;
  }
  if (!any) return std::nullopt;
  Finding f{label(c) +
                " sends data into the system but none of its flows authenticates it: another party "
                "can pose as it",
            0,
            {}};
  if (unknown) {
    f.description += " (some flows' `authenticated` is unknown)";
    f.likelihood_delta = -1;
  }
  return f;
}
}  // namespace

const Rule& rule_spoofable_external_entity() {
  static const Rule rule{
      .id = "spoofable-external-entity",
      .title = "External entity whose identity is never verified",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::ExternalEntity},
      .cwe = {290},
      .capec = {151},
      .detection =
          "An external entity that sends flows into zones other than untrusted ones, where "
          "none of those flows authenticates the sender (`authenticated` false; unknown "
          "counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Give the entity an identity the system checks on every flow: user login, signed "
          "webhooks (HMAC with a per-partner secret), or mTLS for partners.",
      .false_positives =
          "Anonymous visitors of public content; record not_applicable for spoofing on that "
          "entity.",
      .references = {"https://cwe.mitre.org/data/definitions/290.html",
                     "https://capec.mitre.org/data/definitions/151.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
