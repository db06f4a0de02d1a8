// Rule cross-site-scripting: Cross-site scripting in an internet-exposed web app.
// Metadata and logic; docs/rules/cross-site-scripting.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!kind_in(c, {"web-app", "admin-console"})) return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
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
          "An internet-exposed process of kind web-app or admin-console that does not "
          "encode output (`output_encoding` false; unknown counts with a lower likelihood).",
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
