// Rule code-backdooring: Source or build chain open to unmanaged or internet callers.
// Metadata and logic; docs/rules/code-backdooring.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!kind_in(c, {"git-repository", "ci-pipeline", "build-server", "runner", "package-registry",
                   "container-registry"})) {
    return std::nullopt;
  }
  if (c.internet_facing == true) {
    return Finding{label(c) +
                       " is on the internet: whoever gets in can change the code or "
                       "the artifacts that ship to production",
                   0,
                   {},
                   {}};
  }
  int f = find_flow_in(ctx, t.index, [&](const Flow& fl, const Component&) {
    return fl.vpn != true && ctx.facts.trust[fl.from.index] == Trust::Untrusted;
  });
  if (f < 0) return Verdict::clear();
  return Finding{label(c) + " takes " + label(ctx.flow(f)) + " from " + label(ctx.from(f)) +
                     " in an untrusted zone without a VPN: a compromised or "
                     "unmanaged client can change the code or the artifacts that "
                     "ship to production",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_code_backdooring() {
  static const Rule rule{
      .id = "code-backdooring",
      .title = "Source or build chain open to unmanaged or internet callers",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {506, 912},
      .capec = {444},
      .detection =
          "A git repository, CI pipeline, build server, runner or package or container "
          "registry that is internet-facing, or takes a flow not through a VPN (`vpn` not "
          "true) from a component in an untrusted zone: an attacker who gets in there "
          "changes the code or the artifacts that ship.",
      .likelihood = 2,
      .impact = 5,
      .mitigation =
          "Keep repositories and build infrastructure off the internet (VPN or zero-trust "
          "access with managed devices), require reviewed and signed commits, protect "
          "branches, build in isolated runners and sign artifacts with provenance.",
      .false_positives =
          "Hosted services (a managed git host) whose own hardening is accepted; record a "
          "decision.",
      .references = {"https://cwe.mitre.org/data/definitions/506.html",
                     "https://capec.mitre.org/data/definitions/444.html",
                     "https://slsa.dev/spec/v1.0/threats"},
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
