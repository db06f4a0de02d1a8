// Rule unsigned-build-artifacts: Build artefacts shipped without signature or provenance.
// Metadata and logic; docs/rules/unsigned-build-artifacts.md is generated from this metadata.

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
  if (!kind_in(from, {"ci-pipeline", "build-server", "runner"})) return std::nullopt;
  if (process_local(f) || f.read_only == true) return std::nullopt;
  bool publish = kind_in(to, {"package-registry", "container-registry", "object-store"});
  // A deploy: into a running system, not back into the chain nor to a service it only uses
  // (secrets, keys, logs, identities).
  bool deploy =
      !is_external(to) &&
      !kind_in(to, {"ci-pipeline", "build-server", "runner", "git-repository", "secret-store",
                    "key-management", "hsm", "identity-provider", "log-store"});
  if (!publish && !deploy) return std::nullopt;
  return weak_unless_true(
      f.signed_messages, "signed",
      label(from) + (publish ? " publishes to " : " deploys to ") + label(to) + " over " +
          label(f) +
          " without signing what it built or recording its provenance: nothing downstream can "
          "tell its artefacts from ones a compromised runner, registry or account put there");
}
}  // namespace

const Rule& rule_unsigned_build_artifacts() {
  static const Rule rule{
      .id = "unsigned-build-artifacts",
      .title = "Build artefacts shipped without signature or provenance",
      .stride = {Stride::Tampering, Stride::Spoofing},
      .applies_to = {AppliesTo::Flow},
      .cwe = {494, 345},
      .capec = {439},
      .detection =
          "A network flow (not file, ipc or stdio), not read-only, from a CI pipeline, build "
          "server or runner that publishes (to a package or container registry or an object "
          "store) or deploys (into a component of the model outside the delivery chain that "
          "is not a secret store, key management, HSM, identity provider or log store), "
          "whose artefacts are not signed with provenance the consumer verifies (flow `signed` "
          "false; unknown counts with a lower likelihood).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Sign every artefact the pipeline builds (Sigstore cosign, GPG, in-toto) with a key "
          "or identity the build steps cannot reach, attach SLSA provenance (source commit, "
          "builder, inputs), and verify signature and provenance where it is deployed or "
          "pulled (admission policy, package manager verification); then record `signed: "
          "true` on the flow.",
      .false_positives =
          "Flows that carry no artefact (a trigger, a status callback): model them read-only "
          "or record a not-applicable entry.",
      .references = {"https://cwe.mitre.org/data/definitions/494.html",
                     "https://capec.mitre.org/data/definitions/439.html",
                     "https://slsa.dev/spec/v1.0/requirements"},
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
