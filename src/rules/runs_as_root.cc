// Rule runs-as-root: Process runs with root privileges.
// Metadata and logic; docs/rules/runs-as-root.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!c.runs_as_root) return Verdict::undecided();
  if (!*c.runs_as_root) return Verdict::clear();
  return Finding{
      label(c) + " runs as root: any code execution in it owns the host or container", 0, {}, {}};
}
}  // namespace

const Rule& rule_runs_as_root() {
  static const Rule rule{
      .id = "runs-as-root",
      .title = "Process runs with root privileges",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {250},
      .capec = {69},
      .detection =
          "A process or data store with `runs_as_root: true`. Exposure to the internet "
          "raises the rated likelihood.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Run as an unprivileged user with a read-only root file system and dropped "
          "capabilities; in containers set runAsNonRoot and disallow privilege escalation.",
      .false_positives =
          "Components that must bind privileged ports or manage the host (agents); document "
          "the need in a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/250.html",
                     "https://capec.mitre.org/data/definitions/69.html"},
      .vectors = kNetworkVectors | kSupplyChainBit,
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
