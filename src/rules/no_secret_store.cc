// Rule no-secret-store: Credentials kept without a secret store.
// Metadata and logic; docs/rules/no-secret-store.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (ctx.has_secret_store()) return Verdict::clear();
  int f = find_flow_out(ctx, t.index, [](const Flow& fl, const Component&) {
    return fl.authentication == FlowAuthentication::Credentials ||
           fl.authentication == FlowAuthentication::Token ||
           fl.authentication == FlowAuthentication::ClientCertificate;
  });
  if (f < 0) return std::nullopt;
  return Finding{label(c) + " authenticates " + label(ctx.flow(f)) + " with a " +
                     std::string(name(*ctx.flow(f).authentication)) +
                     " it keeps, and the model has no secret store: the secret "
                     "sits in configuration, environment or code",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_no_secret_store() {
  static const Rule rule{
      .id = "no-secret-store",
      .title = "Credentials kept without a secret store",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {522, 798},
      .capec = {37},
      .detection =
          "A process that authenticates its own outgoing flows with a credential it keeps "
          "(flow `authentication` credentials, token or client-certificate) in a model "
          "with no component of kind secret-store, key-management or hsm: the secrets "
          "live in configuration, environment or code.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Keep credentials in a secret store or the platform's key management, inject "
          "them at run time with short lifetimes, rotate them, and audit who reads them; "
          "model the store as kind secret-store.",
      .false_positives =
          "Processes that authenticate only with identities the platform issues (workload "
          "identity, instance roles) and keep no secret; model the flow's method as "
          "externalized.",
      .references =
          {"https://cwe.mitre.org/data/definitions/522.html",
           "https://capec.mitre.org/data/definitions/37.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"},
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
