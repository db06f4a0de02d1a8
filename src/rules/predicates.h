#pragma once
// Predicates shared by the built-in rules. Each is O(1) or linear in the flows of one element,
// so a rule stays linear in the model.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "rules/context.h"

namespace tw::rules {

/// The component's kind is one of `kinds`.
bool kind_in(const model::Component& c, std::initializer_list<std::string_view> kinds);
bool is_database(const model::Component& c);  ///< sql-database, nosql-database, cache
bool is_process(const model::Component& c);
bool is_data_store(const model::Component& c);
bool is_external(const model::Component& c);

/// Whether a protocol name is known to be encrypted (true), known to be plaintext (false), or
/// unknown (nullopt).
std::optional<bool> protocol_encrypted(std::string_view protocol);
/// Whether the flow is encrypted: its `encrypted` fact, else what its protocol implies.
std::optional<bool> flow_encrypted(const model::Flow& f);

/// The flow authenticates its sender by mutual TLS (a fact that checks itself), unless it
/// says `authenticated: false` (a contradiction the loader warns about).
bool mtls_authenticated(const model::Flow& f);

/// Highest value among assets (nullopt when none is valued).
std::optional<model::Value> max_value(const model::Model& m, const std::vector<int>& assets);
/// Highest confidentiality / integrity / availability among assets (nullopt when none set).
enum class Cia { Confidentiality, Integrity, Availability };
std::optional<model::Level3> max_cia(const model::Model& m, const std::vector<int>& assets, Cia d);
/// Assets whose value is at least `v` or whose `d` level is high.
std::vector<int> sensitive_assets(const model::Model& m,
                                  const std::vector<int>& assets,
                                  Cia d,
                                  model::Value v = model::Value::High);
/// At least one asset in `assets` is valued `v` or more.
bool any_value_at_least(const model::Model& m, const std::vector<int>& assets, model::Value v);

/// "unknown" phrases for descriptions: "is not set" / "is false".
std::string fact_state(const std::optional<bool>& v, std::string_view name);

/// Comma-separated ids of the given assets: "cards, tokens".
std::string asset_list(const model::Model& m, const std::vector<int>& assets);

/// The verdict on a protective fact that is a *claim* (docs/risk.md, "Claims and facts"): false
/// is the weakness, unknown a suspected weakness (likelihood one lower, and the description says
/// so), true a claimed finding: still a threat, rated lower, with status `claimed` until a
/// verified control backs it.
Verdict weak_unless_true(const std::optional<bool>& value,
                         std::string_view fact,
                         std::string description);
/// The same for a fact that checks itself (flow encryption): true rules the weakness out (Clear).
Verdict weak_unless_fact(const std::optional<bool>& value,
                         std::string_view fact,
                         std::string description);
/// A claimed finding: `claim` names the stated fact(s) that counter the weakness.
Finding claimed(std::string description, std::string claim);

/// The component serves requests that others initiate (web apps, APIs, gateways, consoles, ...):
/// a process that is not a pipeline, worker, job or pure forwarder (load balancer, CDN, proxy,
/// WAF) by kind (docs/rules/README.md, applicability).
/// Web rules (input handling, rate limits, SSRF) apply only to these.
bool serves_requests(const model::Component& c);
/// The component only forwards requests (load balancer, reverse proxy, API gateway, CDN, WAF,
/// ...): adversaries who reach it reach what it forwards to (docs/risk.md, "Reach").
bool forwards_requests(const model::Component& c);

/// The component's authentication is strong (mfa, mtls, client certificate).
bool strong_authentication(const model::Component& c);
/// The component logs users in with a password (with or without a second factor).
bool password_login(const model::Component& c);

/// An exposed process or entry point that queries a component of kind `store_kind` without
/// validating its input (known or suspected); the injection rules differ only in that kind.
Verdict unvalidated_query(const Context& ctx, const Target& t, std::string_view store_kind);

/// Out-flow of `c` whose destination matches `pred`; -1 if none.
template <class Pred>
int find_flow_out(const Context& ctx, int c, Pred pred) {
  for (int f : ctx.facts.flows_out[c]) {
    if (pred(ctx.flow(f), ctx.to(f))) return f;
  }
  return -1;
}
/// In-flow of `c` whose source matches `pred`; -1 if none.
template <class Pred>
int find_flow_in(const Context& ctx, int c, Pred pred) {
  for (int f : ctx.facts.flows_in[c]) {
    if (pred(ctx.flow(f), ctx.from(f))) return f;
  }
  return -1;
}

/// The flow stays on one machine: files on a local disk, a pipe or a socket pair (protocol
/// file, ipc or stdio).
bool process_local(const model::Flow& f);
/// The flow speaks a web protocol (http, https, h2, ws, wss).
bool web_protocol(const model::Flow& f);
/// The component accepts data format `f` (its `data_formats`).
bool accepts(const model::Component& c, model::DataFormat f);
/// People use the component directly: `used_by_humans: true`, or a browser or user by kind
/// when the fact is unset.
bool used_by_people(const model::Component& c);
/// Calls `fn(flow)` for each web flow a person's client starts towards `c`: directly, or into
/// a forwarder that has a flow to `c` (one forwarder in between).
template <class Fn>
void for_each_human_web_flow(const Context& ctx, int c, Fn fn) {
  for (int f : ctx.facts.flows_in[c]) {
    if (!ctx.valid_flow(f) || !web_protocol(ctx.flow(f))) continue;
    const model::Component& from = ctx.from(f);
    if (used_by_people(from)) {
      fn(f);
    } else if (forwards_requests(from)) {
      for (int g : ctx.facts.flows_in[ctx.flow(f).from.index]) {
        if (ctx.valid_flow(g) && web_protocol(ctx.flow(g)) && used_by_people(ctx.from(g))) fn(g);
      }
    }
  }
}
// ---- Web-application facts (sessions, uploads, webhooks, secrets) ----

/// A web app or API a browser or client reaches from a less trusted zone: exposed (graph reach,
/// through forwarders) or an entry point.
bool reachable_from_outside(const Context& ctx, int c);
/// A webhook: a flow over HTTP(S) (or an unnamed protocol) into a process, sent by a third
/// party's service (external entity of kind saas, payment-provider, partner, external-api or
/// cloud-api).
bool is_webhook(const Context& ctx, int f);
/// A process that serves pages to browsers by kind (web-app, admin-console, web-server): where
/// a session cookie is the usual way to stay logged in.
bool browser_facing(const model::Component& c);

/// `name (id)` of a component for descriptions.
std::string label(const model::Component& c);
std::string label(const model::Flow& f);

// ---- IAM (model/iam.h) ----

/// `name ('id')` of a principal for descriptions.
std::string principal_label(const model::Principal& p);
/// How component `c` holds principal `p`: "runs as 'app-role'" or "may assume 'deploy'".
std::string holds(const Context& ctx, int c, int p);
/// The target's assets and those at every component the principals `ps` act on (sorted).
std::vector<int> iam_assets(const Context& ctx, int c, const std::vector<int>& ps);

}  // namespace tw::rules
