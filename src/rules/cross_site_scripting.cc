// Rule cross-site-scripting: Cross-site scripting in an internet-exposed web app.
// Metadata and logic; docs/rules/cross-site-scripting.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  bool app = kind_in(c, {"web-app", "admin-console"}) ||
             (kind_in(c, {"web-server"}) && c.custom_developed == true);
  if (!app) return std::nullopt;
  bool people = false;
  for_each_human_web_flow(ctx, t.index, [&](int) { people = true; });
  if (!ctx.exposed(t.index) && !people) return Verdict::clear();
  return weak_unless_true(c.output_encoding, "output_encoding",
                          label(c) +
                              " renders pages for internet users without output encoding: injected "
                              "script runs in other users' browsers");
}
}  // namespace

const Rule& rule_cross_site_scripting() {
  static const Rule rule{
      .id = "cross-site-scripting",
      .title = "Cross-site scripting in an internet-exposed web app",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Process},
      .cwe = {79},
      .capec = {63},
      .detection =
          "A process of kind web-app or admin-console (or web-server with "
          "`custom_developed: true`) that is internet-exposed or that people reach with their "
          "own client (`used_by_humans`, or a browser), and does not encode output "
          "(`output_encoding` false; unknown counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 3,
      .mitigation =
          "Use a templating engine that escapes by context, add a strict "
          "Content-Security-Policy, and sanitise any HTML users may submit.",
      .false_positives =
          "Services that return only JSON with a correct Content-Type; model them as kind "
          "`api`.",
      .references = {"https://cwe.mitre.org/data/definitions/79.html",
                     "https://capec.mitre.org/data/definitions/63.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Cross_Site_Scripting_Prevention_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
