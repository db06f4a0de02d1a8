// Rule dependency-confusion: Private package name can be taken on a public registry.
// Metadata and logic; docs/rules/dependency-confusion.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const SupplyItem& s = ctx.model.supply_chain[t.index];
  if (s.kind != SupplyKind::Library && s.kind != SupplyKind::BuildTool) return std::nullopt;
  if (s.source.empty()) return Verdict::undecided();
  if (s.source == "public-registry") return Verdict::clear();
  for (const Ref& u : s.used_by) {
    if (!u.resolved()) continue;
    for (int o : ctx.facts.supply_of[u.index]) {
      const SupplyItem& other = ctx.model.supply_chain[o];
      if (o == t.index || other.source != "public-registry" || other.ecosystem != s.ecosystem)
        continue;
      std::string what = "private " + s.ecosystem + " entry '" + s.id +
                         "' is resolved next to public-registry entry '" + other.id + "' in " +
                         u.id + ": a public package with the same name can be installed instead";
      if (s.pinned.value_or(false) && s.integrity_checked.value_or(false))
        return claimed(std::move(what), "pinned: true, integrity_checked: true");
      return Finding{std::move(what), 0, {}, {}};
    }
  }
  return Verdict::clear();
}
}  // namespace

const Rule& rule_dependency_confusion() {
  static const Rule rule{
      .id = "dependency-confusion",
      .title = "Private package name can be taken on a public registry",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::SupplyChain},
      .cwe = {427},
      .capec = {471, 538},
      .detection =
          "A library or build-tool entry from a private source whose users also pull "
          "packages of the same ecosystem from a public registry, and that is not both "
          "pinned and integrity-checked: the resolver may prefer a public package of the "
          "same name.",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Scope private packages (@org/ names), configure the resolver to take them only "
          "from the private registry, reserve the names publicly, and install from a "
          "lockfile with hashes.",
      .false_positives =
          "Ecosystems whose resolver never mixes sources for one name (Go modules with "
          "GOPRIVATE, Cargo registries).",
      .references = {"https://cwe.mitre.org/data/definitions/427.html",
                     "https://capec.mitre.org/data/definitions/471.html",
                     "https://capec.mitre.org/data/definitions/538.html",
                     "https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610"},
      .vectors = kSupplyChainBit | kInsiderBit,
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
