// Rule credentials-over-cleartext: Credentials or session tokens sent in cleartext.
// Metadata and logic; docs/rules/credentials-over-cleartext.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& to = ctx.to(t.index);
  if (!is_process(to)) return std::nullopt;
  if (!to.authentication) return Verdict::undecided();
  switch (*to.authentication) {
    case Authentication::None:
    case Authentication::Mtls:
    case Authentication::ClientCertificate:
      return std::nullopt;
    default:
      break;
  }
  auto enc = flow_encrypted(ctx.flow(t.index));
  if (!enc) return Verdict::undecided();
  if (*enc) return Verdict::clear();
  return Finding{label(ctx.flow(t.index)) + " is unencrypted and " + label(to) +
                     " authenticates with " + std::string(name(*to.authentication)) +
                     ": anyone on the path can capture and replay the credentials",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_credentials_over_cleartext() {
  static const Rule rule{
      .id = "credentials-over-cleartext",
      .title = "Credentials or session tokens sent in cleartext",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Flow},
      .cwe = {523},
      .capec = {102},
      .detection =
          "A flow that is known to be unencrypted (`encrypted: false`, or a plaintext "
          "protocol such as http) into a process that authenticates its callers by "
          "password, token, OAuth or API key: the credential travels readable on the wire.",
      .likelihood = 4,
      .impact = 4,
      .mitigation =
          "Use TLS for every authenticated flow (HTTPS with HSTS, TLS on internal hops) and "
          "mark cookies Secure.",
      .false_positives =
          "Flows on a loopback or Unix socket inside one host; model them as in-process "
          "instead.",
      .references = {"https://cwe.mitre.org/data/definitions/523.html",
                     "https://capec.mitre.org/data/definitions/102.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
