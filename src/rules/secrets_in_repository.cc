// Rule secrets-in-repository: Secrets kept in source code or the repository.
// Metadata and logic; docs/rules/secrets-in-repository.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  // A repository the team runs keeps every secret ever committed in its history.
  if (kind_in(c, {"git-repository"})) {
    if (is_external(c)) return std::nullopt;
    return Finding{label(c) +
                       " keeps the full history of what developers commit: a credential "
                       "committed once stays readable to everyone who can clone it",
                   0,
                   {},
                   {}};
  }
  if (!is_process(c)) return std::nullopt;
  if (!c.secrets) return Verdict::undecided();
  if (*c.secrets != SecretsAt::Repository && *c.secrets != SecretsAt::Code) return Verdict::clear();
  std::string where =
      *c.secrets == SecretsAt::Code ? "in its source code" : "in the source repository";
  return Finding{label(c) + " keeps its secrets " + where +
                     ": everyone who can read the repository, its history, forks, build "
                     "artefacts or CI logs holds them, and deleting them later does not take "
                     "them back",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_secrets_in_repository() {
  static const Rule rule{
      .id = "secrets-in-repository",
      .title = "Secrets kept in source code or the repository",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {798, 540},
      .capec = {191},
      .detection =
          "A process whose secrets (passwords, keys, tokens) live in its code or in the source "
          "repository (`secrets: code` or `secrets: repository`; encrypted files in the "
          "repository count too). Unknown `secrets` leaves the rule undecided. Also every "
          "component of kind git-repository the team runs (not an external entity): what is "
          "committed once stays in its history.",
      .likelihood = 4,
      .impact = 4,
      .mitigation =
          "Move the secrets to a secret store (Vault, a cloud secret manager, sealed secrets) "
          "read at run time, rotate every secret that was ever committed, and scan commits "
          "for secrets in a pre-commit hook and in CI (gitleaks, trufflehog).",
      .false_positives =
          "Test fixtures and examples with throw-away values; record a decision naming them.",
      .references = {"https://cwe.mitre.org/data/definitions/798.html",
                     "https://capec.mitre.org/data/definitions/191.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Secrets_Management_Cheat_Sheet.html"},
      .vectors = kInsiderBit | kSupplyChainBit | kInternetBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
