// Rule long-lived-keys: Principal with long-lived keys.
// Metadata and logic; docs/rules/long-lived-keys.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const std::vector<int>& ps = ctx.iam.of_component(t.index);
  if (ps.empty()) return std::nullopt;
  std::string present, unknown;
  for (int p : ps) {
    const Principal& pr = ctx.model.principals[p];
    if (pr.kind == PrincipalKind::Group) continue;  // a group holds no credentials
    if (pr.long_lived_keys == true) {
      present += (present.empty() ? "" : "; ") + holds(ctx, t.index, p);
    } else if (!pr.long_lived_keys) {
      unknown += (unknown.empty() ? "" : "; ") + holds(ctx, t.index, p);
    }
  }
  const Component& c = ctx.component(t.index);
  if (!present.empty()) {
    return Finding{label(c) + " " + present +
                       ", whose static keys do not expire: a key copied from a laptop, a CI "
                       "variable or a log works until someone notices and rotates it",
                   0,
                   iam_assets(ctx, t.index, ps),
                   {}};
  }
  if (!unknown.empty()) {
    return Finding{label(c) + " " + unknown +
                       ", and whether it has long-lived keys is not set (long_lived_keys): "
                       "static keys would work for whoever copies them",
                   -1,
                   iam_assets(ctx, t.index, ps),
                   {}};
  }
  return Verdict::clear();
}
}  // namespace

const Rule& rule_long_lived_keys() {
  static const Rule rule{
      .id = "long-lived-keys",
      .title = "Principal with long-lived keys",
      .stride = {Stride::Spoofing},
      .applies_to = {AppliesTo::ExternalEntity, AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {522, 262},
      .capec = {560, 555},
      .detection =
          "A component that runs as, or may assume, a principal (not a group) with "
          "`long_lived_keys: true`: access keys, service-account key files or tokens that do "
          "not expire. Unknown (`long_lived_keys` not set) counts with a lower likelihood.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Replace static keys with short-lived credentials: instance or workload identity, "
          "OIDC federation for CI, SSO for people. Where a key must remain, store it in a "
          "secret manager, rotate it automatically and alert on use from unknown places.",
      .false_positives =
          "Keys that are rotated automatically within hours; state `long_lived_keys: false` "
          "for them.",
      .references = {"https://cwe.mitre.org/data/definitions/522.html",
                     "https://cwe.mitre.org/data/definitions/262.html",
                     "https://capec.mitre.org/data/definitions/560.html",
                     "https://capec.mitre.org/data/definitions/555.html"},
      .root_cause = {},
      .vectors = kAllVectors,
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
