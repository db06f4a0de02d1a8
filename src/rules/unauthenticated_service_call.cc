// Rule unauthenticated-service-call: Service-to-service call across zones without caller
// authentication. Metadata and logic; docs/rules/unauthenticated-service-call.md is generated from
// this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Flow& f = ctx.flow(t.index);
  if (!is_process(ctx.from(t.index)) || !is_process(ctx.to(t.index))) return std::nullopt;
  if (!ctx.facts.crosses(t.index) || ctx.facts.trust[f.from.index] == Trust::Untrusted)
    return Verdict::clear();
  if (mtls_authenticated(f)) return Verdict::clear();
  if (!any_value_at_least(ctx.model, ctx.facts.flow_assets(t.index), Value::High))
    return Verdict::clear();
  std::string what = label(f) + " from " + label(ctx.from(t.index)) + " to " +
                     label(ctx.to(t.index)) + " crosses zones";
  if (f.authenticated.value_or(false))
    return claimed(what + "; a compromised neighbour could impersonate the calling service",
                   "authenticated: true");
  Finding out{what +
                  " without authenticating the calling service: a compromised neighbour can "
                  "impersonate it",
              0,
              {},
              {}};
  if (!f.authenticated && !f.mutual_tls) {
    out.description += " (`authenticated` and `mutual_tls` are unknown)";
    out.likelihood_delta = -1;
  }
  return out;
}
}  // namespace

const Rule& rule_unauthenticated_service_call() {
  static const Rule rule{
      .id = "unauthenticated-service-call",
      .title = "Service-to-service call across zones without caller authentication",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::Flow},
      .cwe = {287},
      .capec = {151, 94},
      .detection =
          "A flow between two processes that crosses a trust boundary (the source is not in "
          "an untrusted zone; entries from untrusted zones are covered by "
          "unauthenticated-entry-flow), carries assets valued high or critical, and neither "
          "authenticates the caller nor uses mutual TLS.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Authenticate service identities on every cross-zone call: mutual TLS with "
          "per-service certificates (a service mesh), or signed short-lived service tokens.",
      .false_positives =
          "Calls already authenticated by a network control you trust completely (rare); "
          "record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/287.html",
                     "https://capec.mitre.org/data/definitions/151.html",
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
