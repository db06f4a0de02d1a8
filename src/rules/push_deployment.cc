// Rule push-deployment: Deployment pushed by the build pipeline into its targets.
// Metadata and logic; docs/rules/push-deployment.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  if (!ctx.valid_flow(t.index)) return std::nullopt;
  const Flow& f = ctx.flow(t.index);
  auto builder = [](const Component& c) {
    return kind_in(c, {"ci-pipeline", "build-server", "runner"});
  };
  if (!builder(ctx.from(t.index)) || builder(ctx.to(t.index))) return std::nullopt;
  if (kind_in(ctx.to(t.index), {"git-repository", "package-registry", "container-registry"})) {
    return std::nullopt;
  }
  if (process_local(f)) return std::nullopt;  // a build writing its own output, not a push
  if (f.read_only == true) return Verdict::clear();
  return Finding{label(ctx.from(t.index)) + " pushes into " + label(ctx.to(t.index)) + " over " +
                     label(f) +
                     ": the pipeline keeps credentials that change the running "
                     "system, so compromising it compromises the target",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_push_deployment() {
  static const Rule rule{
      .id = "push-deployment",
      .title = "Deployment pushed by the build pipeline into its targets",
      .stride = {Stride::ElevationOfPrivilege, Stride::Tampering},
      .applies_to = {AppliesTo::Flow},
      .cwe = {269},
      .capec = {187},
      .detection =
          "A network flow (not file, ipc or stdio) from a CI pipeline, build server or runner "
          "to a component that is not one, nor a repository or registry, that is not read-only "
          "(`read_only` not true): the pipeline holds "
          "credentials that write into the running system, so whoever takes the pipeline "
          "takes its targets.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Prefer pull-based deployment (the target or a GitOps agent fetches signed "
          "artifacts and verifies them); otherwise give the pipeline short-lived, "
          "narrowly scoped deployment credentials per environment, with approval for "
          "production.",
      .false_positives =
          "Pipelines that only publish to a registry the target pulls from; model that "
          "flow to the registry instead.",
      .references = {"https://cwe.mitre.org/data/definitions/269.html",
                     "https://capec.mitre.org/data/definitions/187.html",
                     "https://owasp.org/www-project-top-10-ci-cd-security-risks/"},
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
