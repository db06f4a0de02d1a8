// Rule client-side-sensitive-storage: Sensitive data stored on the client.
// Metadata and logic; docs/rules/client-side-sensitive-storage.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!kind_in(c, {"browser", "mobile-app"}) &&
      c.effective_kind().find("device") == std::string::npos)
    return std::nullopt;
  std::vector<int> stored;
  for (const Ref& a : c.stores)
    if (a.resolved()) stored.push_back(a.index);
  auto secret = sensitive_assets(ctx.model, stored, Cia::Confidentiality);
  if (secret.empty()) return Verdict::clear();
  return Finding{label(c) + " keeps " + asset_list(ctx.model, secret) +
                     " on a client the system does not control: malware, shared devices and "
                     "backups disclose them",
                 0,
                 secret,
                 {}};
}
}  // namespace

const Rule& rule_client_side_sensitive_storage() {
  static const Rule rule{
      .id = "client-side-sensitive-storage",
      .title = "Sensitive data stored on the client",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::ExternalEntity},
      .cwe = {922},
      .capec = {37},
      .detection =
          "An external entity of kind browser, mobile-app or a device that stores assets of "
          "high confidentiality or valued high or critical.",
      .likelihood = 2,
      .impact = 3,
      .mitigation =
          "Keep secrets on the server; on the client, store only short-lived tokens in the "
          "platform's protected storage (Keychain, Keystore, HttpOnly cookies).",
      .false_positives =
          "Data that belongs to the device's owner and is protected by the OS; record a "
          "decision.",
      .references = {"https://cwe.mitre.org/data/definitions/922.html",
                     "https://capec.mitre.org/data/definitions/37.html"},
      .vectors = kPhysicalBit | kInsiderBit | kInternetBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
