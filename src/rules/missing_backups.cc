// Rule missing-backups: Valuable data store without backups.
// Metadata and logic; docs/rules/missing-backups.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (kind_in(c, {"cache", "queue"})) return std::nullopt;
  const auto& assets = ctx.facts.assets_at[t.index];
  bool valuable = any_value_at_least(ctx.model, assets, Value::Medium) ||
                  max_cia(ctx.model, assets, Cia::Integrity) == Level3::High ||
                  max_cia(ctx.model, assets, Cia::Availability) == Level3::High;
  if (!valuable) return Verdict::clear();
  return weak_unless_true(
      c.backups, "backups",
      label(c) + " holds " + asset_list(ctx.model, assets) +
          " without backups: ransomware, a bad migration or an operator error loses them for good");
}
}  // namespace

const Rule& rule_missing_backups() {
  static const Rule rule{
      .id = "missing-backups",
      .title = "Valuable data store without backups",
      .stride = {Stride::DenialOfService},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {693},
      .capec = {607},
      .detection =
          "A data store (not a cache or queue) holding assets valued medium or more, or of "
          "high integrity or availability, without backups (`backups` false; unknown counts "
          "with a lower likelihood).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Back up on a schedule to a separate account with immutable retention (object "
          "lock), encrypt the backups, and test restores regularly.",
      .false_positives =
          "Stores whose data is derived and can be rebuilt; record the rebuild procedure in "
          "a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/693.html",
                     "https://capec.mitre.org/data/definitions/607.html"},
      .vectors = kNetworkVectors | kNoAdversaryNeeded,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
