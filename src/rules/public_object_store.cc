// Rule public-object-store: Object store open to the internet.
// Metadata and logic; docs/rules/public-object-store.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.effective_kind() != "object-store") return std::nullopt;
  bool open = c.internet_facing.value_or(false) || c.authentication == Authentication::None;
  if (!open) return c.authentication ? Verdict::clear() : Verdict::undecided();
  auto secret = sensitive_assets(ctx.model, ctx.facts.assets_at[t.index], Cia::Confidentiality);
  if (secret.empty()) return Verdict::clear();
  return Finding{
      label(c) + " is reachable from the internet" +
          std::string(c.authentication == Authentication::None ? " without authentication" : "") +
          " and holds " + asset_list(ctx.model, secret),
      0,
      secret,
      {}};
}
}  // namespace

const Rule& rule_public_object_store() {
  static const Rule rule{
      .id = "public-object-store",
      .title = "Object store open to the internet",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {732},
      .capec = {150},
      .detection =
          "A data store of kind object-store that is internet-facing or requires no "
          "authentication, and holds assets of high confidentiality or valued high or "
          "critical.",
      .likelihood = 4,
      .impact = 5,
      .mitigation =
          "Block public access at the account level, serve public files through a CDN from "
          "a separate bucket, and hand out short-lived signed URLs for private ones.",
      .false_positives = "Buckets that serve only public assets (lower the asset values).",
      .references = {"https://cwe.mitre.org/data/definitions/732.html",
                     "https://capec.mitre.org/data/definitions/150.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
