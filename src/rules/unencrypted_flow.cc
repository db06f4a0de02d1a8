// Rule unencrypted-flow: Sensitive data sent in cleartext.
// Metadata and logic; docs/rules/unencrypted-flow.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Flow& f = ctx.flow(t.index);
  auto enc = flow_encrypted(f);
  auto assets = ctx.facts.flow_assets(t.index);
  auto secret = sensitive_assets(ctx.model, assets, Cia::Confidentiality);
  if (secret.empty() && !ctx.facts.crosses(t.index)) return Verdict::clear();
  std::string what =
      secret.empty() ? "crosses a trust boundary" : "carries " + asset_list(ctx.model, secret);
  auto out = weak_unless_fact(
      enc, "encrypted",
      label(f) + " " + what + " without encryption: anyone on the network path can read it");
  if (out && !secret.empty()) out->assets = secret;
  return out;
}
}  // namespace

const Rule& rule_unencrypted_flow() {
  static const Rule rule{
      .id = "unencrypted-flow",
      .title = "Sensitive data sent in cleartext",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Flow},
      .cwe = {319},
      .capec = {157},
      .detection =
          "A flow that is not encrypted (`encrypted: false`, or a plaintext protocol such "
          "as http, sql, amqp; unknown when neither says, with a lower likelihood) that "
          "crosses a trust boundary or carries an asset of high confidentiality or valued "
          "high or critical.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Encrypt the flow with TLS 1.2+ (HTTPS, TLS-enabled database and broker "
          "connections, mTLS between services) and reject plaintext connections.",
      .false_positives =
          "Flows inside one host over loopback; flows that carry only public data (lower "
          "the asset values).",
      .references = {"https://cwe.mitre.org/data/definitions/319.html",
                     "https://capec.mitre.org/data/definitions/157.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Transport_Layer_Security_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
