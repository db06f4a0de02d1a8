// Rule unverified-base-image: Container without a modelled, verified base image.
// Metadata and logic; docs/rules/unverified-base-image.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.machine != Machine::Container) return std::nullopt;
  for (int s : ctx.facts.supply_of[t.index]) {
    if (ctx.model.supply_chain[s].kind == SupplyKind::ContainerImage) return Verdict::clear();
  }
  return Finding{label(c) +
                     " runs in a container whose base image the model does not name: "
                     "a backdoored or outdated base layer would ship with it unseen",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_unverified_base_image() {
  static const Rule rule{
      .id = "unverified-base-image",
      .title = "Container without a modelled, verified base image",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {1357, 494},
      .capec = {538},
      .detection =
          "A process or data store that runs in a container (`machine: container`) with "
          "no container-image entry in `supply_chain` used by it: where its image comes "
          "from, whether it is pinned and verified, is unknown. Declared images are "
          "judged by mutable-container-image and unverified-container-image.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Build from minimal base images of a trusted publisher, pin them by digest, "
          "verify their signatures, scan them for known vulnerabilities and rebuild on "
          "updates; declare them under `supply_chain` with `used_by`.",
      .false_positives = "Containers built from scratch with no base layer.",
      .references =
          {"https://cwe.mitre.org/data/definitions/1357.html",
           "https://capec.mitre.org/data/definitions/538.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
      .root_cause = "",
      .skill = Capability::Low,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
