// Rule unencrypted-data-at-rest: Sensitive data stored unencrypted.
// Metadata and logic; docs/rules/unencrypted-data-at-rest.md is generated from this metadata.

#include <algorithm>

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  std::vector<int> held;  // a process is judged by what it keeps (`stores`), not what it handles
  if (c.type == ComponentType::Process) {
    if (c.stores.empty()) return std::nullopt;
    for (const Ref& r : c.stores) {
      if (r.resolved()) held.push_back(r.index);
    }
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
  }
  auto secret = sensitive_assets(
      ctx.model, c.type == ComponentType::Process ? held : ctx.facts.assets_at[t.index],
      Cia::Confidentiality);
  if (secret.empty()) return Verdict::clear();
  // Transparent or shared-key encryption leaves the data readable to whoever runs queries as
  // the service: the most valuable assets need per-user keys.
  if ((c.encryption == Encryption::Transparent || c.encryption == Encryption::SharedKey) &&
      any_value_at_least(ctx.model, secret, Value::Critical)) {
    Finding f{label(c) + " encrypts " + asset_list(ctx.model, secret) + " with " +
                  (c.encryption == Encryption::Transparent ? "transparent storage encryption"
                                                           : "one key the service holds") +
                  ": whoever takes over the service, or its queries, reads every record",
              -1,
              secret,
              {}};
    return f;
  }
  auto out = weak_unless_true(c.encrypted_at_rest, "encrypted_at_rest",
                              label(c) + " stores " + asset_list(ctx.model, secret) +
                                  " unencrypted: stolen disks, snapshots or backups disclose them");
  if (out) out->assets = secret;
  return out;
}
}  // namespace

const Rule& rule_unencrypted_data_at_rest() {
  static const Rule rule{
      .id = "unencrypted-data-at-rest",
      .title = "Sensitive data stored unencrypted",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::DataStore, AppliesTo::Process},
      .cwe = {311},
      .capec = {37},
      .detection =
          "A data store holding assets of high confidentiality or valued high or critical "
          "that is not encrypted at rest (`encrypted_at_rest` false; unknown counts with a "
          "lower likelihood). A process is judged by the assets it `stores`. Data valued "
          "critical under `encryption: transparent` or `shared-key` is a finding too, one "
          "likelihood lower: those keys open every record to whoever runs the service.",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Enable storage encryption with keys in a KMS, restrict who can use the keys, and "
          "encrypt backups and snapshots too; field-level encryption for the most sensitive "
          "columns.",
      .false_positives = "Stores holding only public data (lower the asset values).",
      .references = {"https://cwe.mitre.org/data/definitions/311.html",
                     "https://capec.mitre.org/data/definitions/37.html"},
      .vectors = kInsiderBit | kPhysicalBit | kAdjacentNetworkBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
