// Rule missing-hardening: High-value component without hardening.
// Metadata and logic; docs/rules/missing-hardening.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  bool high = any_value_at_least(ctx.model, ctx.facts.assets_at[t.index], Value::High) ||
              kind_in(c, {"identity-provider", "directory", "secret-store", "key-management",
                          "ci-pipeline", "git-repository"});
  if (!high) return std::nullopt;
  if (!c.machine) return Verdict::undecided();
  if (*c.machine == Machine::Serverless) return Verdict::clear();
  return Finding{label(c) + " is a high-value target on a " + std::string(name(*c.machine)) +
                     " machine the team operates: default settings, open ports and "
                     "unused services give attackers an easier way in",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_missing_hardening() {
  static const Rule rule{
      .id = "missing-hardening",
      .title = "High-value component without hardening",
      .stride = {Stride::Tampering, Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {1188},
      .capec = {176},
      .detection =
          "A process or data store that runs on a machine the team operates (`machine` "
          "physical, virtual or container; serverless is the provider's to harden) and is "
          "a high-value target: it holds or handles an asset valued high or more, or is "
          "an identity provider, directory, secret store, key management, CI pipeline or "
          "repository. Unknown `machine` leaves the rule undecided.",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Harden the host, image and product to a benchmark (CIS, vendor guides, DevSec "
          "hardening framework): remove what is not used, close ports, change defaults, "
          "patch on a schedule, and check the result automatically in CI or by a "
          "configuration scanner.",
      .false_positives =
          "Components hardened to a benchmark with an automated check; record it as a "
          "control with a verification and the threat counts as mitigated.",
      .references = {"https://cwe.mitre.org/data/definitions/1188.html",
                     "https://capec.mitre.org/data/definitions/176.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Attack_Surface_Analysis_Cheat_Sheet.html"},
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
