// Rule internet-facing-in-trusted-zone: Internet-facing process inside a trusted zone.
// Metadata and logic; docs/rules/internet-facing-in-trusted-zone.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!c.internet_facing) return Verdict::undecided();
  if (!*c.internet_facing || ctx.facts.trust[t.index] != Trust::Trusted) return Verdict::clear();
  return Finding{label(c) + " faces the internet from inside trusted zone '" + c.boundary.id +
                     "': one exploit lands next to the crown jewels",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_internet_facing_in_trusted_zone() {
  static const Rule rule{
      .id = "internet-facing-in-trusted-zone",
      .title = "Internet-facing process inside a trusted zone",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {653},
      .capec = {233},
      .detection =
          "A process with `internet_facing: true` whose zone is trusted: the internet "
          "reaches directly into the zone that holds the most valuable systems.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Move internet-facing services into a DMZ (semi-trusted zone) and let them reach "
          "the trusted zone only through authenticated, narrow flows.",
      .false_positives = "Zones that are trusted only by name; lower the zone's trust instead.",
      .references = {"https://cwe.mitre.org/data/definitions/653.html",
                     "https://capec.mitre.org/data/definitions/233.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
