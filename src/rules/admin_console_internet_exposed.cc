// Rule admin-console-internet-exposed: Administrative console reachable from the internet.
// Metadata and logic; docs/rules/admin-console-internet-exposed.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "admin-console") return std::nullopt;
  if (!ctx.exposed(t.index)) return Verdict::clear();
  return Finding{label(c) +
                     " exposes administrator functions to the internet: every credential or bug in "
                     "it is one step from full control",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_admin_console_internet_exposed() {
  static const Rule rule{
      .id = "admin-console-internet-exposed",
      .title = "Administrative console reachable from the internet",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {668, 284},
      .capec = {1},
      .detection = "A process of kind admin-console that is internet-exposed.",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Put administrative interfaces on a private network behind a VPN or "
          "identity-aware proxy, and allow-list administrator devices.",
      .false_positives =
          "Consoles behind an identity-aware proxy that you model as the internet-facing "
          "element.",
      .references = {"https://cwe.mitre.org/data/definitions/668.html",
                     "https://cwe.mitre.org/data/definitions/284.html",
                     "https://capec.mitre.org/data/definitions/1.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
