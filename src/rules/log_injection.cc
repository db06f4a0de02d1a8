// Rule log-injection: Unvalidated input written to logs.
// Metadata and logic; docs/rules/log-injection.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  int f = find_flow_out(ctx, t.index, [](const Flow&, const Component& to) {
    return to.effective_kind() == "log-store";
  });
  if (f < 0) return Verdict::clear();
  return weak_unless_true(c.input_validation, "input_validation",
                          label(c) + " writes internet input to " + label(ctx.to(f)) +
                              " without validating it: forged log lines can hide or fake actions");
}
}  // namespace

const Rule& rule_log_injection() {
  static const Rule rule{
      .id = "log-injection",
      .title = "Unvalidated input written to logs",
      .stride = {Stride::Repudiation},
      .applies_to = {AppliesTo::Process},
      .cwe = {117},
      .capec = {93},
      .detection =
          "An internet-exposed process with a flow to a data store of kind log-store that "
          "does not validate input (`input_validation` false; unknown counts with a lower "
          "likelihood). Applies only to processes that serve requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Write structured logs (JSON fields, not concatenated lines), encode newlines and "
          "control characters, and never log raw request bodies.",
      .false_positives = "Log pipelines that only accept structured events with typed fields.",
      .references = {"https://cwe.mitre.org/data/definitions/117.html",
                     "https://capec.mitre.org/data/definitions/93.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html"},
      .root_cause = "input_validation",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
