// Rule data-store-unauthorized-access: Anyone who reaches the data store can query it.
// Metadata and logic; docs/rules/data-store-unauthorized-access.md is generated from this
// metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

/// A process that queries the store (a flow either way: imported diagrams often draw the
/// results as a flow of their own).
int first_client(const Context& ctx, int s) {
  for (int f : ctx.facts.flows_in[s]) {
    if (ctx.valid_flow(f) && is_process(ctx.from(f))) return ctx.flow(f).from.index;
  }
  for (int f : ctx.facts.flows_out[s]) {
    if (ctx.valid_flow(f) && is_process(ctx.to(f))) return ctx.flow(f).to.index;
  }
  return -1;
}

Verdict check(const Context& ctx, const Target& t) {
  const Component& s = ctx.component(t.index);
  if (!is_data_store(s)) return std::nullopt;
  int client = first_client(ctx, t.index);
  if (client < 0) return std::nullopt;
  // What a reader gains: assets whose confidentiality is medium or more (their value when the
  // confidentiality is not stated). With no asset named, what it holds is unknown and counts.
  const auto& all = ctx.facts.assets_at[t.index];
  std::vector<int> assets;
  for (int a : all) {
    const Asset& x = ctx.model.assets[a];
    bool secret = x.cia.confidentiality ? *x.cia.confidentiality >= Level3::Medium
                                        : x.value && *x.value >= Value::Medium;
    if (secret) assets.push_back(a);
  }
  if (!all.empty() && assets.empty()) return Verdict::clear();
  std::string held = assets.empty() ? "what it holds" : asset_list(ctx.model, assets);
  std::string what = label(s) + ", queried by " + label(ctx.component(client)) + ", ";
  if (s.authentication && *s.authentication != Authentication::None) {
    return claimed(what +
                       "answers only authenticated clients; otherwise whoever reaches it on "
                       "the network could read " +
                       held,
                   "authentication: " + std::string(name(*s.authentication)));
  }
  Finding f{what +
                "accepts queries without authenticating the client: whoever reaches it on "
                "the network (an insider, a compromised neighbour, a misrouted port) reads " +
                held,
            0,
            {},
            {}};
  if (!s.authentication) {
    f.description += " (`authentication` of the store is unknown: set it to record the fact)";
    f.likelihood_delta = -1;
  }
  return f;
}
}  // namespace

const Rule& rule_data_store_unauthorized_access() {
  static const Rule rule{
      .id = "data-store-unauthorized-access",
      .title = "Anyone who reaches the data store can query it",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::DataStore},
      .cwe = {306, 284},
      .capec = {116},
      .detection =
          "A data store that a process queries (a flow between them, either way), holding "
          "assets whose confidentiality is medium or more (their value, when it is not stated; "
          "or no asset named), whose own `authentication` is `none` "
          "(unknown counts with a lower likelihood; any other scheme is a claim). The store's "
          "view of access; unauthenticated-data-store-access asks the same of each client's "
          "flow.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Require authentication for every connection (per-service users or IAM "
          "authentication, mTLS), disable anonymous and default accounts, grant each client "
          "only the tables and operations it needs, and reach the store only from its "
          "clients' network.",
      .false_positives =
          "Embedded stores reachable only inside one process; model them as part of the "
          "process instead.",
      .references = {"https://cwe.mitre.org/data/definitions/306.html",
                     "https://capec.mitre.org/data/definitions/116.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "Database_Security_Cheat_Sheet.html"},
      .vectors = kInsiderBit | kAdjacentNetworkBit | kInternetBit,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
