// Rule secrets-in-repository: Secrets committed to a source repository.
// Metadata and logic; docs/rules/secrets-in-repository.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!kind_in(c, {"git-repository"}) || is_external(c)) return std::nullopt;
  return Finding{label(c) +
                     " keeps the full history of what developers commit: a "
                     "credential committed once stays readable to everyone who can "
                     "clone it",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_secrets_in_repository() {
  static const Rule rule{
      .id = "secrets-in-repository",
      .title = "Secrets committed to a source repository",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {540, 798},
      .capec = {191},
      .detection =
          "A component of kind git-repository: credentials, keys and tokens committed by "
          "mistake stay in its history and reach everyone who can clone it.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Scan every push for secrets (pre-commit hooks and server-side), keep secrets "
          "in a secret store injected at run time, and rotate any secret found in history "
          "(rewriting history does not recall clones).",
      .false_positives = "Repositories that hold no code or configuration (documentation only).",
      .references =
          {"https://cwe.mitre.org/data/definitions/540.html",
           "https://capec.mitre.org/data/definitions/191.html",
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
