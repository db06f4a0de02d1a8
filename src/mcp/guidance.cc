#include "mcp/guidance.h"

#include <algorithm>

#include "model/enums.h"
#include "model/vocabulary.h"
#include "rules/rule_set.h"

namespace tw::mcp {

namespace {

struct Item {
  const char* id;
  const char* text;
  const char* fact;  // "" when no fact records it
  std::vector<const char*> rules;
};

// The element types' own checklists.
const std::vector<Item>& process_items() {
  static const std::vector<Item> v = {
      {"authenticate-callers",
       "Authenticate every caller that reaches it from a less trusted zone (OAuth/OIDC tokens, "
       "mTLS, password+MFA for people); never 'none' on an entry point.",
       "authentication",
       {"missing-authentication", "single-factor-authentication", "static-api-key",
        "unauthenticated-service-call"}},
      {"authorize-requests",
       "Authorize every request server-side, per object or per role (ownership, rbac, abac), "
       "deny by default.",
       "authorization",
       {"missing-authorization"}},
      {"validate-input",
       "Validate all input against an allow-list schema where it enters; use parameterised "
       "queries and safe parsers.",
       "input_validation",
       {"missing-input-validation", "sql-injection", "nosql-injection", "path-traversal",
        "unsafe-deserialization", "server-side-request-forgery"}},
      {"audit-log",
       "Record security-relevant actions (who, what, when, from where) in an append-only log; "
       "never log secrets or card data.",
       "audit_log",
       {"missing-audit-log", "sensitive-data-in-logs", "log-injection"}},
      {"rate-limit",
       "Rate limit requests per client and per account, with lockout that cannot be abused to "
       "lock users out.",
       "rate_limited",
       {"missing-rate-limit", "brute-force-login", "account-lockout-dos"}},
      {"least-privilege",
       "Run without root or administrator privileges, in a read-only "
       "filesystem where possible.",
       "runs_as_root",
       {"runs-as-root"}},
      {"fail-closed",
       "Fail closed when a dependency it needs for a security decision (identity provider, "
       "policy service) is down; analyse that failure as a failure mode.",
       "fail_mode",
       {"fail-open-component", "fail-open-failure-mode", "unmitigated-failure-mode",
        "dependency-without-failure-analysis"}},
      {"supply-chain",
       "Pin third-party dependencies and images and verify their integrity (supply_chain "
       "entries with pinned and integrity_checked).",
       "",
       {"unpinned-dependency", "unverified-dependency", "dependency-confusion",
        "mutable-container-image", "unverified-container-image"}},
      {"secrets",
       "Keep credentials in a secret store; rotate them; no static keys in code or the "
       "repository.",
       "secrets",
       {"static-api-key", "secrets-in-repository"}},
  };
  return v;
}

const std::vector<Item>& data_store_items() {
  static const std::vector<Item> v = {
      {"authenticate-connections",
       "Require authentication for every connection; no anonymous or shared default accounts.",
       "authentication",
       {"unauthenticated-data-store-access", "data-store-unauthorized-access"}},
      {"client-credentials",
       "Let clients in by workload identity (IAM, mTLS), or with short-lived credentials they "
       "read from a secret store; accept connections only from the clients' network.",
       "",
       {"data-store-credential-theft"}},
      {"encrypt-at-rest",
       "Encrypt data at rest, with keys managed outside the store.",
       "encrypted_at_rest",
       {"unencrypted-data-at-rest"}},
      {"backups",
       "Back it up, keep backups immutable and test restores.",
       "backups",
       {"missing-backups"}},
      {"not-internet-facing",
       "Keep it off the internet: reachable only from the services that need it, in a trusted "
       "zone.",
       "internet_facing",
       {"data-store-internet-exposed", "valuable-store-in-untrusted-zone",
        "dmz-direct-database-access"}},
      {"audit-access",
       "Log access to sensitive data and administrative changes.",
       "audit_log",
       {"data-store-without-audit"}},
      {"least-privilege-writers",
       "Give each service its own least-privilege account; writes only from trusted processes.",
       "",
       {"untrusted-data-store-write"}},
      {"capacity-limits",
       "Bound storage growth and connection counts per client.",
       "",
       {"data-store-exhaustion"}},
  };
  return v;
}

const std::vector<Item>& external_items() {
  static const std::vector<Item> v = {
      {"authenticate-entity",
       "Authenticate it where its flows enter (tokens, signatures, mTLS); do not trust its "
       "claimed identity.",
       "",
       {"spoofable-external-entity", "unauthenticated-entry-flow"}},
      {"untrusted-input",
       "Treat everything it sends as untrusted input and validate it.",
       "",
       {"missing-input-validation"}},
      {"share-minimum",
       "Send it only the data it needs; agree on how it protects what it receives.",
       "",
       {"third-party-data-sharing", "sensitive-data-to-untrusted-zone"}},
      {"plan-outage",
       "Plan for its outage or compromise (failure_modes, fallbacks).",
       "",
       {"third-party-outage"}},
  };
  return v;
}

const std::vector<Item>& flow_items() {
  static const std::vector<Item> v = {
      {"encrypt-in-transit",
       "Encrypt it in transit (TLS 1.2+; https, grpc-tls, sql-tls, amqps).",
       "encrypted",
       {"unencrypted-flow", "credentials-over-cleartext"}},
      {"authenticate-sender",
       "Authenticate the sender on the flow, above all on entry points from less trusted zones.",
       "authenticated",
       {"unauthenticated-entry-flow", "unauthenticated-service-call"}},
      {"mutual-tls",
       "Use mutual TLS between services across zones.",
       "mutual_tls",
       {"missing-mutual-tls"}},
      {"integrity",
       "Protect the integrity of what it carries (signatures, MACs, idempotency keys).",
       "",
       {"flow-integrity-unprotected", "unsigned-inbound-transactions"}},
      {"signed-messages",
       "Webhooks and callbacks from third parties: verify a signature over the body, refuse "
       "replays (timestamp window, event ids seen).",
       "signed",
       {"webhook-signature-missing", "webhook-replay"}},
      {"minimum-data",
       "Carry only the assets it needs (list them under 'data'); keep secrets out of URLs.",
       "",
       {"sensitive-data-to-untrusted-zone"}},
  };
  return v;
}

const std::vector<Item>& supply_items() {
  static const std::vector<Item> v = {
      {"pin",
       "Pin exact versions (lockfiles, image digests, action SHAs).",
       "pinned",
       {"unpinned-dependency", "mutable-container-image", "unpinned-ci-actions"}},
      {"verify",
       "Verify hashes or signatures of what is pulled in.",
       "integrity_checked",
       {"unverified-dependency", "unverified-container-image"}},
      {"private-namespaces",
       "Reserve internal package names; use scoped, private registries.",
       "",
       {"dependency-confusion"}},
  };
  return v;
}

struct KindInfo {
  const char* kind;
  const char* applies;  // element type
  std::vector<Item> extra;
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> v = {
      {"admin-console",
       "process",
       {{"not-internet-facing",
         "Keep it off the internet; reach it through a VPN or zero-trust "
         "proxy.",
         "internet_facing",
         {"admin-console-internet-exposed", "remote-admin-exposed"}},
        {"mfa",
         "Require MFA for every administrator.",
         "authentication",
         {"admin-console-without-mfa"}},
        {"log-admin-actions",
         "Log every administrative action with the administrator's identity.",
         "audit_log",
         {"admin-actions-not-logged"}}}},
      {"api",
       "process",
       {{"object-level-authorization",
         "Check object-level authorization on every endpoint (no IDOR/BOLA): load each object "
         "through a query scoped to the caller's owner or tenant id.",
         "object_authorization",
         {"missing-authorization", "insecure-direct-object-reference"}},
        {"uploads",
         "Allow-list uploaded file types by content, limit size, store outside the web root, "
         "scan.",
         "upload_validation",
         {"unrestricted-file-upload"}},
        {"schema-validation",
         "Validate request bodies against the API schema; reject unknown "
         "fields.",
         "input_validation",
         {"missing-input-validation"}},
        {"ssrf",
         "Never fetch URLs taken from requests without an allow-list.",
         "",
         {"server-side-request-forgery"}}}},
      {"browser",
       "external-entity",
       {{"no-sensitive-client-storage",
         "Keep tokens and personal data out of localStorage; use HttpOnly cookies.",
         "",
         {"client-side-sensitive-storage"}},
        {"csp", "Send a strict Content-Security-Policy.", "", {"cross-site-scripting"}}}},
      {"cache",
       "data-store",
       {{"no-unbounded-secrets",
         "Expire sessions and secrets; do not cache more than needed.",
         "",
         {}}}},
      {"ci-pipeline",
       "process",
       {{"untrusted-triggers",
         "Do not run untrusted pull requests with secrets or write access.",
         "",
         {"ci-pipeline-untrusted-trigger", "ci-secrets-exposed"}},
        {"pin-actions",
         "Pin third-party actions and build tools by digest.",
         "",
         {"unpinned-ci-actions"}},
        {"production-access",
         "Deploy with short-lived, narrowly scoped credentials; require review for production.",
         "",
         {"ci-pipeline-production-access", "ci-identity-reaches-production", "push-deployment"}},
        {"deployment-checks",
         "Let nothing reach production without required review by someone other than the "
         "author, required tests and security scans the pipeline cannot skip, and an approval "
         "or protected environment for production.",
         "deployment_checks",
         {"deployment-without-checks"}},
        {"signed-artifacts",
         "Sign every artefact it publishes or deploys with a key or identity the build steps "
         "cannot reach, attach provenance (commit, builder, inputs), and verify both where "
         "they are pulled or deployed (`signed: true` on the publishing flow).",
         "",
         {"unsigned-build-artifacts"}},
        {"audit",
         "Keep an audit trail of pipeline runs and changes.",
         "audit_log",
         {"ci-pipeline-without-audit"}}}},
      {"cloud-api",
       "external-entity",
       {{"least-privilege-iam",
         "Call it with least-privilege, short-lived credentials.",
         "",
         {"static-api-key"}}}},
      {"file-system",
       "data-store",
       {{"path-traversal",
         "Resolve and confine paths; never join user input into paths.",
         "",
         {"path-traversal"}}}},
      {"git-repository",
       "data-store",
       {{"protected-branches",
         "Protect the branches that ship: no direct pushes, required review by someone other "
         "than the author, required status checks, signed commits.",
         "deployment_checks",
         {"deployment-without-checks", "code-backdooring"}},
        {"no-secrets",
         "Keep secrets out of the repository and its history; scan every push.",
         "",
         {"secrets-in-repository"}},
        {"managed-access",
         "Reach it only from managed devices or through SSO with MFA; no anonymous write.",
         "",
         {"code-backdooring", "single-factor-authentication"}}}},
      {"identity-provider",
       "process",
       {{"mfa-and-lockout",
         "Offer MFA, lockout and breached-password checks.",
         "authentication",
         {"single-factor-authentication", "brute-force-login"}},
        {"fail-closed",
         "Make relying services fail closed when it is unreachable.",
         "fail_mode",
         {"fail-open-component"}}}},
      {"log-store",
       "data-store",
       {{"append-only",
         "Make it append-only; writable only by the log pipeline.",
         "",
         {"log-store-writable-by-exposed-process"}},
        {"no-secrets",
         "Keep secrets and personal data out of logs.",
         "",
         {"sensitive-data-in-logs"}}}},
      {"mobile-app",
       "external-entity",
       {{"no-sensitive-client-storage",
         "Store tokens only in the platform keystore.",
         "",
         {"client-side-sensitive-storage"}}}},
      {"nosql-database",
       "data-store",
       {{"injection",
         "Never build queries from raw input objects (operator injection).",
         "",
         {"nosql-injection"}}}},
      {"object-store",
       "data-store",
       {{"no-public-access",
         "Block public access; share through short-lived signed URLs.",
         "",
         {"public-object-store"}}}},
      {"payment-provider",
       "external-entity",
       {{"signed-webhooks",
         "Verify the signature of every callback and webhook over its raw body before acting; "
         "refuse messages outside a short time window and event ids already seen.",
         "",
         {"unsigned-inbound-transactions", "webhook-signature-missing", "webhook-replay"}}}},
      {"queue",
       "data-store",
       {{"bounded",
         "Bound queue depth and message size; authenticate producers.",
         "",
         {"queue-flooding"}},
        {"safe-messages",
         "Validate messages before acting on them; no unsafe deserialization.",
         "",
         {"unsafe-deserialization"}}}},
      {"secret-store",
       "data-store",
       {{"access-policies",
         "Scope access per service, audit every read, rotate secrets.",
         "audit_log",
         {}}}},
      {"sql-database",
       "data-store",
       {{"parameterised-queries",
         "Use parameterised queries only; no string-built SQL.",
         "",
         {"sql-injection"}},
        {"tls-connections", "Connect over TLS (sql-tls).", "", {"unencrypted-flow"}}}},
      {"user",
       "external-entity",
       {{"mfa",
         "Authenticate people with MFA where they reach sensitive functions.",
         "",
         {"single-factor-authentication"}}}},
      {"web-app",
       "process",
       {{"output-encoding",
         "Encode output for its context (HTML, JS, URL); use a templating "
         "engine that escapes by default.",
         "output_encoding",
         {"cross-site-scripting"}},
        {"sessions",
         "Reissue the session id at login; Secure, HttpOnly, SameSite, __Host- cookies; idle and "
         "absolute expiry; end sessions server-side at logout.",
         "",
         {"session-hijacking"}},
        {"csrf",
         "Require an anti-CSRF token (or SameSite cookies and an Origin check) on every "
         "state-changing request; never change state on GET.",
         "csrf_protection",
         {"cross-site-request-forgery"}},
        {"password-reset",
         "Reset tokens: 128+ random bits, single use, expiring within the hour, stored hashed; "
         "links from a configured base URL, never the Host header; the same answer whether the "
         "account exists or not; rate limited.",
         "",
         {"password-reset-abuse"}},
        {"object-level-authorization",
         "Check on every request that the caller may see the object it names (no IDOR).",
         "object_authorization",
         {"insecure-direct-object-reference"}},
        {"uploads",
         "Allow-list uploaded file types by content, limit size, store outside the web root, "
         "scan.",
         "upload_validation",
         {"unrestricted-file-upload"}},
        {"mfa",
         "Offer MFA for accounts; protect login against credential stuffing.",
         "authentication",
         {"single-factor-authentication", "brute-force-login"}}}},
      {"worker",
       "process",
       {{"safe-messages",
         "Validate every job or message; no unsafe deserialization.",
         "input_validation",
         {"unsafe-deserialization"}}}},
  };
  return v;
}

// Checklists for a change rather than an element kind: what to get right when adding a password
// reset, an upload, a webhook or an IAM role. Only their own items (no generic ones).
const std::vector<KindInfo>& topics() {
  static const std::vector<KindInfo> v = {
      {"file-upload",
       "process",
       {{"record-uploads",
         "Record the fact on the component that receives them: `accepts_uploads: true`.",
         "accepts_uploads",
         {"unrestricted-file-upload", "unvalidated-file-content"}},
        {"allow-list-types",
         "Allow-list file types by their content (magic bytes), not by extension or the "
         "Content-Type the client sends; reject everything else.",
         "upload_validation",
         {"unrestricted-file-upload"}},
        {"limit-size",
         "Limit size and count per request and per user; stream to storage, never into memory "
         "whole; refuse archives that expand beyond a bound (zip bombs).",
         "upload_validation",
         {"unrestricted-file-upload", "data-store-exhaustion"}},
        {"store-outside-web-root",
         "Store under a generated name outside the web root (an object store), never a "
         "client-chosen path; serve with Content-Disposition: attachment and nosniff, from a "
         "separate domain.",
         "upload_validation",
         {"unrestricted-file-upload", "path-traversal"}},
        {"scan-and-parse-safely",
         "Scan for malware before anyone else can fetch it; parse documents and images in an "
         "isolated, resource-limited worker with XML entities and macros disabled.",
         "data_formats",
         {"unvalidated-file-content", "xml-external-entity", "unsafe-deserialization"}},
        {"authorize-downloads",
         "Check on every download that the caller may see that file (no guessable ids; "
         "short-lived signed URLs).",
         "object_authorization",
         {"insecure-direct-object-reference", "public-object-store"}}}},
      {"iam-role",
       "iam",
       {{"least-privilege",
         "Grant only the actions and resources it needs: no `*` actions or resources, no "
         "iam:PassRole or policy-writing rights unless that is its job (`permissions`).",
         "permissions",
         {"iam-wildcard-permission", "iam-privilege-escalation"}},
        {"narrow-trust",
         "Say exactly who may assume it: a named component or principal (`assumable_by`), an "
         "OIDC subject pinned to repository and branch or environment, never `*` or a whole "
         "account (`trust`).",
         "trust",
         {"open-trust-policy"}},
        {"short-lived-credentials",
         "Use short-lived credentials from assuming the role (workload identity, OIDC "
         "federation); no static access keys (`long_lived_keys: false`).",
         "long_lived_keys",
         {"long-lived-keys", "static-api-key"}},
        {"separate-production",
         "Keep production rights on a role of their own that CI assumes only from a protected "
         "branch or environment, after review (`production`, `acts_on`).",
         "production",
         {"ci-identity-reaches-production", "ci-pipeline-production-access"}},
        {"not-on-exposed-components",
         "Do not give administrative rights to a component reachable from a less trusted zone "
         "(`runs_as`): whoever takes it over gets them.",
         "runs_as",
         {"admin-rights-on-exposed-component"}},
        {"audit-use",
         "Log every assumption and use of the role (CloudTrail or equivalent) and alert on "
         "use from unexpected places.",
         "",
         {}}}},
      {"password-reset",
       "process",
       {{"record-reset",
         "Record the fact on the component that offers it: `password_reset: true`.",
         "password_reset",
         {"password-reset-abuse"}},
        {"token-entropy",
         "Reset tokens: at least 128 bits from a CSPRNG, stored hashed, single use, bound to "
         "the account, expiring within an hour; invalidate them on use and on password change.",
         "",
         {"password-reset-abuse"}},
        {"no-enumeration",
         "Answer the same, in the same time, whether the account exists or not; rate limit "
         "requests per account and per client.",
         "rate_limited",
         {"password-reset-abuse", "missing-rate-limit", "brute-force-login"}},
        {"trusted-links",
         "Build the reset link from a configured base URL, never from the request's Host "
         "header; keep the token out of referrers and logs (POST it from the page).",
         "",
         {"password-reset-abuse", "sensitive-data-in-logs"}},
        {"after-reset",
         "End every session of the account after a reset, notify the owner, and keep the "
         "second factor required (a reset must not bypass MFA).",
         "",
         {"session-hijacking", "single-factor-authentication"}},
        {"authenticated-mail",
         "Send the reset mail from a domain with SPF, DKIM and an enforcing DMARC policy, so "
         "nobody can send a forged one in its name (`email_authentication: true`).",
         "email_authentication",
         {"email-spoofing"}}}},
      {"webhook",
       "flow",
       {{"verify-signature",
         "Verify the sender's signature (HMAC or asymmetric) over the raw body before parsing "
         "or acting, with a constant-time comparison and a secret per sender (`signed: "
         "true`).",
         "signed",
         {"webhook-signature-missing", "unauthenticated-entry-flow", "spoofable-external-entity"}},
        {"refuse-replays",
         "Refuse messages whose signed timestamp is outside a few minutes, and event ids "
         "already processed (`replay_protection: true`).",
         "replay_protection",
         {"webhook-replay"}},
        {"validate-and-confirm",
         "Validate the payload against the provider's schema; for money or state changes, "
         "fetch the object back from the provider's API instead of trusting the body.",
         "",
         {"missing-input-validation", "unsigned-inbound-transactions"}},
        {"respond-fast",
         "Acknowledge quickly and process from a queue; rate limit the endpoint so a flood "
         "cannot take the service down.",
         "",
         {"missing-rate-limit", "queue-flooding"}},
        {"no-ssrf",
         "Never fetch URLs the payload names without an allow-list.",
         "",
         {"server-side-request-forgery"}}}},
  };
  return v;
}

const std::vector<Item>& items_of(std::string_view applies) {
  if (applies == "data-store") return data_store_items();
  if (applies == "external-entity") return external_items();
  if (applies == "flow") return flow_items();
  if (applies == "supply-chain") return supply_items();
  return process_items();
}

ChecklistItem to_item(const Item& i, const rules::RuleSet& rs) {
  ChecklistItem out{i.id, i.text, i.fact, {}, {}, {}};
  for (const char* r : i.rules) {
    if (rs.find(r)) out.rules.push_back(r);
  }
  return out;
}

Guidance build(std::string_view kind, std::string_view applies, const rules::RuleSet& rs) {
  Guidance g{std::string(kind), std::string(applies), {}};
  for (const Item& i : items_of(applies)) g.items.push_back(to_item(i, rs));
  for (const KindInfo& k : kinds()) {
    if (k.kind != kind) continue;
    for (const Item& i : k.extra) {
      ChecklistItem ci = to_item(i, rs);
      // A kind's item with the id of a generic one replaces it.
      auto same = std::find_if(g.items.begin(), g.items.end(),
                               [&](const ChecklistItem& x) { return x.id == ci.id; });
      if (same != g.items.end()) {
        *same = std::move(ci);
      } else {
        g.items.push_back(std::move(ci));
      }
    }
  }
  return g;
}

std::string show(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : ""; }
template <class E>
std::string show(const std::optional<E>& e) {
  return e ? std::string(model::name(*e)) : "";
}

// "ok" / "missing" / "unknown" for one fact of a component.
void check(ChecklistItem& item, const model::Component& c) {
  using model::Authentication;
  const std::string& f = item.fact;
  auto set = [&](bool known, bool good, std::string value) {
    item.state = !known ? "unknown" : good ? "ok" : "missing";
    item.detail = known ? f + ": " + value : f + " is not stated";
  };
  if (f == "authentication") {
    bool good = c.authentication && *c.authentication != Authentication::None;
    if (item.id == "mfa" || item.id == "mfa-and-lockout") {
      good = c.authentication && (*c.authentication == Authentication::PasswordMfa ||
                                  *c.authentication == Authentication::Oauth ||
                                  *c.authentication == Authentication::Mtls ||
                                  *c.authentication == Authentication::ClientCertificate);
    }
    set(c.authentication.has_value(), good, show(c.authentication));
  } else if (f == "authorization") {
    set(c.authorization.has_value(),
        c.authorization && *c.authorization != model::Authorization::None, show(c.authorization));
  } else if (f == "input_validation") {
    set(c.input_validation.has_value(), c.input_validation.value_or(false),
        show(c.input_validation));
  } else if (f == "output_encoding") {
    set(c.output_encoding.has_value(), c.output_encoding.value_or(false), show(c.output_encoding));
  } else if (f == "audit_log") {
    set(c.audit_log.has_value(), c.audit_log.value_or(false), show(c.audit_log));
  } else if (f == "rate_limited") {
    set(c.rate_limited.has_value(), c.rate_limited.value_or(false), show(c.rate_limited));
  } else if (f == "runs_as_root") {
    set(c.runs_as_root.has_value(), !c.runs_as_root.value_or(true), show(c.runs_as_root));
  } else if (f == "fail_mode") {
    set(c.fail_mode.has_value(), c.fail_mode == model::FailMode::Closed, show(c.fail_mode));
  } else if (f == "encrypted_at_rest") {
    set(c.encrypted_at_rest.has_value(), c.encrypted_at_rest.value_or(false),
        show(c.encrypted_at_rest));
  } else if (f == "backups") {
    set(c.backups.has_value(), c.backups.value_or(false), show(c.backups));
  } else if (f == "csrf_protection") {
    set(c.csrf_protection.has_value(), c.csrf_protection.value_or(false), show(c.csrf_protection));
  } else if (f == "object_authorization") {
    bool ownership = c.authorization == model::Authorization::Ownership;
    set(c.object_authorization.has_value() || ownership, c.object_authorization.value_or(ownership),
        c.object_authorization ? show(c.object_authorization) : "(authorization: ownership)");
  } else if (f == "upload_validation") {
    // No uploads, nothing to validate.
    bool none = c.accepts_uploads == false;
    set(c.upload_validation.has_value() || none, none || c.upload_validation.value_or(false),
        none ? "(accepts_uploads: false)" : show(c.upload_validation));
  } else if (f == "secrets") {
    set(c.secrets.has_value(),
        c.secrets != model::SecretsAt::Repository && c.secrets != model::SecretsAt::Code,
        show(c.secrets));
  } else if (f == "deployment_checks") {
    set(c.deployment_checks.has_value(), c.deployment_checks.value_or(false),
        show(c.deployment_checks));
  } else if (f == "email_authentication") {
    set(c.email_authentication.has_value(), c.email_authentication.value_or(false),
        show(c.email_authentication));
  } else if (f == "internet_facing") {
    set(c.internet_facing.has_value(), !c.internet_facing.value_or(true), show(c.internet_facing));
  }
}

void check(ChecklistItem& item, const model::Flow& fl) {
  const std::string& f = item.fact;
  auto set = [&](const std::optional<bool>& b) {
    item.state = !b ? "unknown" : *b ? "ok" : "missing";
    item.detail = b ? f + ": " + show(b) : f + " is not stated";
  };
  if (f == "encrypted") set(fl.encrypted);
  if (f == "authenticated") set(fl.authenticated);
  if (f == "mutual_tls") set(fl.mutual_tls);
  if (f == "signed") set(fl.signed_messages);
}

// A built-in kind without a checklist of its own: its element type's.
std::optional<Guidance> guidance_for_type(std::string_view kind, const rules::RuleSet& rules) {
  const model::KindInfo* k = model::builtin_kind(kind);
  if (!k) return std::nullopt;
  std::string applies(model::name(k->type));
  Guidance g = build(applies, applies, rules);
  g.kind = std::string(kind);
  return g;
}

}  // namespace

std::vector<std::string> guidance_kinds() {
  std::vector<std::string> out = {"data-store", "external-entity", "flow", "process",
                                  "supply-chain"};
  for (const KindInfo& k : kinds()) out.push_back(k.kind);
  for (const KindInfo& k : topics()) out.push_back(k.kind);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Guidance> guidance_for(std::string_view kind,
                                     const rules::RuleSet& rules,
                                     const model::Model* m) {
  if (m) {  // a kind the model declares: its base's checklist, under its own name
    for (const model::CustomTerm& t : m->kinds) {
      if (t.id != kind || t.base == kind) continue;
      std::optional<Guidance> g = guidance_for(t.base, rules, nullptr);
      if (!g) g = guidance_for_type(t.base, rules);
      if (g) g->kind = std::string(kind) + " (base " + t.base + ")";
      return g;
    }
  }
  if (kind == "process" || kind == "data-store" || kind == "external-entity" || kind == "flow" ||
      kind == "supply-chain") {
    return build(kind, kind, rules);
  }
  for (const KindInfo& k : kinds()) {
    if (k.kind == kind) return build(kind, k.applies, rules);
  }
  // Other names agents use for the topics.
  if (kind == "upload") kind = "file-upload";
  if (kind == "service-account" || kind == "principal") kind = "iam-role";
  for (const KindInfo& k : topics()) {
    if (k.kind != kind) continue;
    Guidance g{std::string(kind), k.applies, {}, true};
    for (const Item& i : k.extra) g.items.push_back(to_item(i, rules));
    return g;
  }
  return std::nullopt;
}

std::optional<Guidance> guidance_for_element(const model::Model& m,
                                             const std::string& id,
                                             const rules::RuleSet& rules) {
  if (const model::Component* c = m.component(id)) {
    std::string applies(model::name(c->type));
    // A kind the model declares gets its base's checklist.
    const std::string& kind = c->effective_kind();
    bool known_kind = std::any_of(kinds().begin(), kinds().end(),
                                  [&](const KindInfo& k) { return k.kind == kind; });
    Guidance g =
        build(known_kind ? std::string_view(kind) : std::string_view(applies), applies, rules);
    g.kind = c->kind.empty() ? applies : c->kind;
    if (!c->base_kind.empty()) g.kind += " (base " + c->base_kind + ")";
    for (ChecklistItem& item : g.items) {
      if (!item.fact.empty()) check(item, *c);
    }
    return g;
  }
  if (const model::Flow* f = m.flow(id)) {
    Guidance g = build("flow", "flow", rules);
    for (ChecklistItem& item : g.items) {
      if (!item.fact.empty()) check(item, *f);
    }
    return g;
  }
  return std::nullopt;
}

}  // namespace tw::mcp
