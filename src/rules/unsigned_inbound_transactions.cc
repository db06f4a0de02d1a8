// Rule unsigned-inbound-transactions: Partner or user transactions without a trail on the receiving
// side. Metadata and logic; docs/rules/unsigned-inbound-transactions.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  const Component* logged = nullptr;
  for (int f : ctx.facts.flows_out[t.index]) {
    const Component& to = ctx.to(f);
    if (!is_process(to)) continue;
    if (max_cia(ctx.model, ctx.facts.flow_assets(f), Cia::Integrity) != Level3::High) continue;
    if (to.audit_log.value_or(false)) {
      logged = &to;
      continue;
    }
    Finding out{label(c) + " sends high-integrity data to " + label(to) +
                    ", which keeps no audit log: the sender can deny the transaction",
                0,
                {},
                {}};
    if (!to.audit_log) {
      out.description += " (`audit_log` of the receiver is unknown)";
      out.likelihood_delta = -1;
    }
    return out;
  }
  if (!logged) return Verdict::clear();
  return claimed(label(c) + " sends high-integrity data to " + label(*logged) +
                     "; without a trail there the sender could deny the transaction",
                 "audit_log: true (on " + logged->id + ")");
}
}  // namespace

const Rule& rule_unsigned_inbound_transactions() {
  static const Rule rule{
      .id = "unsigned-inbound-transactions",
      .title = "Partner or user transactions without a trail on the receiving side",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::ExternalEntity},
      .cwe = {778},
      .capec = {268},
      .detection =
          "An external entity that sends assets of high integrity into a process that keeps "
          "no audit log (`audit_log` false; unknown counts with a lower likelihood): the "
          "entity can later deny what it sent.",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Record every inbound transaction with the authenticated sender, a timestamp and "
          "a hash of the content (or require signed requests) at the receiving process.",
      .false_positives =
          "Entities whose transactions are recorded by an upstream gateway you model "
          "separately.",
      .references = {"https://cwe.mitre.org/data/definitions/778.html",
                     "https://capec.mitre.org/data/definitions/268.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
