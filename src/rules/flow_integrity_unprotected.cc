// Rule flow-integrity-unprotected: Flow can be modified in transit.
// Metadata and logic; docs/rules/flow-integrity-unprotected.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Flow& f = ctx.flow(t.index);
  auto enc = flow_encrypted(f);
  auto assets = ctx.facts.flow_assets(t.index);
  bool integrity = max_cia(ctx.model, assets, Cia::Integrity) == Level3::High;
  if (!ctx.facts.crosses(t.index) && !integrity) return Verdict::clear();
  std::string why =
      ctx.facts.crosses(t.index) ? "crosses a trust boundary" : "carries high-integrity data";
  return weak_unless_fact(enc, "encrypted",
                          label(f) + " " + why +
                              " without transport protection: anyone on the path can alter what " +
                              label(ctx.to(t.index)) + " receives");
}
}  // namespace

const Rule& rule_flow_integrity_unprotected() {
  static const Rule rule{
      .id = "flow-integrity-unprotected",
      .title = "Flow can be modified in transit",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Flow},
      .cwe = {924},
      .capec = {94},
      .detection =
          "A flow that is not encrypted (`encrypted: false`, or a plaintext protocol; "
          "unknown when neither says, with a lower likelihood) and that either crosses a "
          "trust boundary or carries an asset whose integrity is high.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Protect the flow with TLS (or mTLS between services); where TLS ends early, sign "
          "the messages (HMAC, JWS) so the receiver can detect changes.",
      .false_positives =
          "Flows on a trusted link you control end to end (a dedicated cable); record a "
          "decision.",
      .references = {"https://cwe.mitre.org/data/definitions/924.html",
                     "https://capec.mitre.org/data/definitions/94.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
