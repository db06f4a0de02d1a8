// Rule data-store-credential-theft: A client's stolen credentials query the data store.
// Metadata and logic; docs/rules/data-store-credential-theft.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& s = ctx.component(t.index);
  if (!is_data_store(s)) return std::nullopt;
  // Without authentication there is nothing to steal (data-store-unauthorized-access).
  if (s.authentication == Authentication::None) return std::nullopt;
  // Clients, and the worst place any of them keeps its secrets (unknown wins over a store).
  const Component* worst = nullptr;
  const Component* unknown = nullptr;
  const Component* stored = nullptr;
  auto visit = [&](const Component& c) {
    if (!is_process(c)) return;
    if (!c.secrets) {
      if (!unknown) unknown = &c;
    } else if (*c.secrets == SecretsAt::SecretStore) {
      if (!stored) stored = &c;
    } else if (!worst || *c.secrets > *worst->secrets) {
      worst = &c;
    }
  };
  for (int f : ctx.facts.flows_in[t.index]) {
    if (ctx.valid_flow(f)) visit(ctx.from(f));
  }
  for (int f : ctx.facts.flows_out[t.index]) {
    if (ctx.valid_flow(f)) visit(ctx.to(f));
  }
  if (!worst && !unknown && !stored) return std::nullopt;
  if (s.authentication) {
    switch (*s.authentication) {
      case Authentication::Mtls:
      case Authentication::ClientCertificate:
      case Authentication::PasswordMfa:
        return Verdict::clear();  // no shared secret a client could leak and replay
      default:
        break;
    }
  }
  const auto& assets = ctx.facts.assets_at[t.index];
  if (!assets.empty() && !any_value_at_least(ctx.model, assets, Value::Medium))
    return Verdict::clear();
  std::string held = assets.empty() ? "what it holds" : asset_list(ctx.model, assets);
  std::string scheme =
      s.authentication
          ? "a shared credential (`authentication: " + std::string(name(*s.authentication)) + "`)"
          : "credentials";
  std::string what = label(s) + " lets clients in with " + scheme + "; ";
  std::string tail =
      ": whoever obtains them (a compromised host, a backup, a leaked image or "
      "log) queries " +
      held + " as that client";
  if (worst) {
    return Finding{
        what + label(*worst) + " keeps its secrets in " + std::string(name(*worst->secrets)) + tail,
        0,
        {},
        {}};
  }
  if (unknown) {
    std::string d = what + "where " + label(*unknown) +
                    " keeps them is not stated (`secrets` "
                    "is unknown)" +
                    tail;
    if (!s.authentication) d += " (`authentication` of the store is unknown too)";
    return Finding{d, -1, {}, {}};
  }
  return claimed(what + "its clients read them from a secret store" + tail,
                 "secrets: secret-store (on " + stored->id + ")");
}
}  // namespace

const Rule& rule_data_store_credential_theft() {
  static const Rule rule{
      .id = "data-store-credential-theft",
      .title = "A client's stolen credentials query the data store",
      .stride = {Stride::Spoofing, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {522, 256},
      .capec = {560},
      .detection =
          "A data store that processes query (a flow between them, either way), holding "
          "assets valued medium or more (or none named), that authenticates clients with a "
          "shared secret (any `authentication` but none, mtls, client-certificate and "
          "password+mfa; unknown too), where a client keeps its secrets outside a secret store "
          "(`secrets` other than secret-store; unknown counts with a lower likelihood; "
          "`secrets: secret-store` on every client is a claim).",
      .likelihood = 2,
      .impact = 4,
      .mitigation =
          "Authenticate clients by workload identity (IAM database authentication, mTLS) "
          "instead of passwords; otherwise keep the credentials in a secret store, issue "
          "short-lived ones per client, rotate them, and let the store accept connections "
          "only from its clients' addresses.",
      .false_positives =
          "Stores whose clients authenticate by workload identity the model does not state; "
          "record the store's `authentication: mtls` or `client-certificate`.",
      .references = {"https://cwe.mitre.org/data/definitions/522.html",
                     "https://capec.mitre.org/data/definitions/560.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Secrets_Management_Cheat_Sheet.html"},
      .vectors = kInsiderBit | kAdjacentNetworkBit | kInternetBit | kSupplyChainBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
