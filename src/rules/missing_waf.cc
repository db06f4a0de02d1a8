// Rule missing-waf: Web application without a filtering layer in front.
// Metadata and logic; docs/rules/missing-waf.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  // Unguarded: a web flow in that neither comes from a WAF nor from a forwarder a WAF feeds.
  bool web = false, unguarded = false;
  for (int f : ctx.facts.flows_in[t.index]) {
    if (!ctx.valid_flow(f) || !web_protocol(ctx.flow(f))) continue;
    web = true;
    const Component& from = ctx.from(f);
    if (kind_in(from, {"waf"})) continue;
    bool fed = false;
    if (forwards_requests(from)) {
      for (int g : ctx.facts.flows_in[ctx.flow(f).from.index]) {
        if (ctx.valid_flow(g) && kind_in(ctx.from(g), {"waf"})) fed = true;
      }
    }
    if (!fed) unguarded = true;
  }
  if (!web) return std::nullopt;
  if (!ctx.exposed(t.index) && !ctx.entry_point(t.index)) return Verdict::clear();
  if (!unguarded) return Verdict::clear();
  return weak_unless_true(c.input_validation, "input_validation",
                          label(c) +
                              " takes web requests from a less trusted zone with no web "
                              "application firewall in front: attack traffic reaches it "
                              "unfiltered and unalerted");
}
}  // namespace

const Rule& rule_missing_waf() {
  static const Rule rule{
      .id = "missing-waf",
      .title = "Web application without a filtering layer in front",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Process},
      .cwe = {693},
      .capec = {152},
      .detection =
          "A process that serves requests over a web protocol and that requests from a "
          "less trusted zone reach (internet-exposed, through forwarders too, or an entry "
          "point), with no component of kind waf on the flows into it or one forwarder "
          "before. `input_validation: true` is a claim that the application filters its "
          "own input; unknown counts with a lower likelihood.",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Put a web application firewall (or a reverse proxy with a WAF module) in front "
          "of web applications reached from less trusted zones, in blocking mode with "
          "rules kept current; it is a second layer, not a substitute for validation in "
          "the application.",
      .false_positives =
          "Applications reached only through a gateway that filters requests like a WAF; "
          "model it as kind waf.",
      .references =
          {"https://cwe.mitre.org/data/definitions/693.html",
           "https://capec.mitre.org/data/definitions/152.html",
           "https://cheatsheetseries.owasp.org/cheatsheets/Virtual_Patching_Cheat_Sheet.html"},
      .root_cause = "input_validation",
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
