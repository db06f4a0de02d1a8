// Rule deployment-without-checks: Code reaches production without review or checks.
// Metadata and logic; docs/rules/deployment-without-checks.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

bool is_builder(const Component& c) {
  return kind_in(c, {"ci-pipeline", "build-server", "runner"});
}
bool is_registry(const Component& c) {
  return kind_in(c, {"package-registry", "container-registry"});
}
/// Part of the delivery chain itself (not a target the chain delivers to).
bool in_chain(const Component& c) {
  return is_builder(c) || is_registry(c) || kind_in(c, {"git-repository"});
}

/// A component outside the chain reads from registry `r` (it pulls what was published).
bool pulled(const Context& ctx, int r) {
  return find_flow_in(ctx, r, [&](const Flow& f, const Component& from) {
           return !process_local(f) && !in_chain(from) && !is_external(from);
         }) >= 0;
}

/// The builder at `b` puts what it builds into a running system: a network flow that is not
/// read-only into a component outside the chain, or a publish into a registry a system pulls
/// from. Returns the flow, -1 if none.
int delivers(const Context& ctx, int b) {
  return find_flow_out(ctx, b, [&](const Flow& f, const Component& to) {
    if (process_local(f) || f.read_only == true || is_external(to)) return false;
    if (is_registry(to)) return pulled(ctx, f.to.index);
    return !in_chain(to);
  });
}

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!in_chain(c) || is_registry(c)) return std::nullopt;
  int via = -1;  // the flow by which what c holds or builds reaches production
  if (is_builder(c)) {
    via = delivers(ctx, t.index);
  } else {
    // A repository: a builder that delivers reads it (either direction of the flow).
    auto feeds = [&](const Component& other, int other_index) {
      return is_builder(other) && delivers(ctx, other_index) >= 0;
    };
    via = find_flow_in(ctx, t.index, [&](const Flow& f, const Component& from) {
      return feeds(from, f.from.index);
    });
    if (via < 0) {
      via = find_flow_out(
          ctx, t.index, [&](const Flow& f, const Component& to) { return feeds(to, f.to.index); });
    }
  }
  if (via < 0) return Verdict::clear();
  const Flow& f = ctx.flow(via);
  std::string path = is_builder(c) ? "deploys over " + label(f)
                                   : "feeds a pipeline that deploys (" + label(f) + ")";
  return weak_unless_true(
      c.deployment_checks, "deployment_checks",
      label(c) + " " + path +
          " with no stated review or checks in between: a change pushed by one careless or "
          "compromised account, or a test that was skipped, reaches production unchecked");
}
}  // namespace

const Rule& rule_deployment_without_checks() {
  static const Rule rule{
      .id = "deployment-without-checks",
      .title = "Code reaches production without review or checks",
      .stride = {Stride::Tampering, Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {1127, 693},
      .capec = {444, 438},
      .detection =
          "A CI pipeline, build server or runner that deploys (a network flow, not read-only, "
          "into a component outside the delivery chain, or a publish into a package or "
          "container registry that such a component pulls from), and a git repository such a "
          "pipeline builds from, that do not claim `deployment_checks: true` (protected "
          "branches with required review, required tests and security checks, approval for "
          "production; false is the weakness, unknown counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Protect the deployed branches: no direct pushes, at least one reviewer who is not "
          "the author, required status checks (tests, static analysis, dependency and secret "
          "scanning) that the pipeline cannot skip, and a manual approval or a protected "
          "environment before production; then record `deployment_checks: true`.",
      .false_positives =
          "Checks that run elsewhere (a merge queue, a separate release pipeline that gates "
          "the deploying one): claim them on the element, or model the gating step.",
      .references = {"https://cwe.mitre.org/data/definitions/1127.html",
                     "https://capec.mitre.org/data/definitions/444.html",
                     "https://owasp.org/www-project-top-10-ci-cd-security-risks/"
                     "CICD-SEC-01-Insufficient-Flow-Control-Mechanisms"},
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
