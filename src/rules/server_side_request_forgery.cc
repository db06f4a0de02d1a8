// Rule server-side-request-forgery: Server-side request forgery towards internal or cloud APIs.
// Metadata and logic; docs/rules/server-side-request-forgery.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  int f = -1;
  for (int o : ctx.facts.flows_out[t.index]) {
    if (kind_in(ctx.to(o), {"cloud-api", "secret-store", "identity-provider"}) ||
        ctx.facts.entry_point(o)) {
      f = o;
      break;
    }
  }
  if (f < 0) return Verdict::clear();
  return weak_unless_true(
      c.input_validation, "input_validation",
      label(c) + " takes internet input and calls " + label(ctx.to(f)) +
          ": unvalidated input can steer its requests to internal services and cloud credentials");
}
}  // namespace

const Rule& rule_server_side_request_forgery() {
  static const Rule rule{
      .id = "server-side-request-forgery",
      .title = "Server-side request forgery towards internal or cloud APIs",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {918},
      .capec = {664},
      .detection =
          "An internet-exposed process that does not validate input (`input_validation` "
          "false; unknown counts with a lower likelihood) and has a flow to a cloud-api, "
          "secret-store or identity-provider component, or into a more trusted zone. Applies only "
          "to processes that serve requests, not to pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Allow-list the destinations the process may call, block link-local and metadata "
          "addresses (IMDSv2), and never fetch URLs taken from user input without "
          "validation.",
      .false_positives = "Processes whose outbound calls use fixed destinations only.",
      .references = {"https://cwe.mitre.org/data/definitions/918.html",
                     "https://capec.mitre.org/data/definitions/664.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html"},
      .root_cause = "input_validation",
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
