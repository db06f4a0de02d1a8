#include "load/format.h"

#include "model/enums.h"

namespace tw::load {

using model::names;

const FieldSpec* MapSpec::field(std::string_view key) const {
  for (const FieldSpec& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

namespace {

using T = FieldType;

constexpr FieldSpec F(std::string_view key, FieldType type, std::string_view description) {
  return FieldSpec{.key = key, .type = type, .description = description};
}
constexpr FieldSpec required(FieldSpec f) {
  f.required = true;
  return f;
}
constexpr FieldSpec E(std::string_view key,
                      const std::vector<std::string_view>& (*values)(),
                      std::string_view description) {
  return FieldSpec{.key = key, .type = T::Enum, .description = description, .values = values};
}
constexpr FieldSpec ES(std::string_view key,
                       const std::vector<std::string_view>& (*values)(),
                       std::string_view description) {
  return FieldSpec{.key = key, .type = T::Enums, .description = description, .values = values};
}
constexpr FieldSpec I(std::string_view key, int min, int max, std::string_view description) {
  return FieldSpec{
      .key = key, .type = T::Integer, .description = description, .min = min, .max = max};
}
constexpr FieldSpec M(std::string_view key, const MapSpec& item, std::string_view description) {
  return FieldSpec{.key = key, .type = T::Map, .description = description, .item = &item};
}
constexpr FieldSpec L(std::string_view key, const MapSpec& item, std::string_view description) {
  return FieldSpec{.key = key, .type = T::List, .description = description, .item = &item};
}
constexpr FieldSpec V(FieldSpec f, Vocab vocab, bool closed = false) {
  f.vocab = vocab;
  f.closed_vocab = closed;
  return f;
}

constexpr std::string_view kId = "Unique id across the whole model: [a-z0-9][a-z0-9._-]*.";
constexpr std::string_view kName = "Human-readable name.";
constexpr std::string_view kDescription = "Free-text description.";

constexpr FieldSpec kModelFile[] = {
    F("threatwright", T::Version, "Format version; 1. Required in the root model file."),
    F("include",
      T::Texts,
      "Paths or globs (relative to this file) of more model files merged into this model."),
    F("rules", T::Texts, "Paths or globs of custom rule packs (docs/rule-packs.md)."),
    M("system", format::system, "The system under analysis; given in one file only."),
    L("assets", format::asset, "What the system protects; a model lists at least one."),
    L("adversaries", format::adversary, "Who attacks, with which access and capability."),
    L("boundaries", format::boundary, "Trust zones components sit in."),
    L("components", format::component, "Processes, data stores and external entities."),
    L("flows", format::flow, "Data flows between components, from the initiator to the server."),
    L("supply_chain", format::supply_chain, "Libraries, images, pipelines and services used."),
    L("controls", format::control, "Security controls, what they mitigate, how they are verified."),
    L("threats", format::threat, "Hand-written threats, beside those rules raise."),
    L("decisions", format::decision, "How threats are decided: accepted, transferred, ..."),
    L("failure_modes", format::failure_mode, "What a component does when it fails."),
    L("not_applicable",
      format::not_applicable,
      "Why a STRIDE category no rule raised does not apply to an element."),
    M("pasta", format::pasta, "PASTA stages, when system.methodology is pasta."),
    L("attack_trees", format::attack_tree, "Attack trees: goals broken into any/all steps."),
    L("kinds", format::kind, "The model's own component kinds, each mapped to a built-in base."),
    L("protocols",
      format::protocol,
      "The model's own flow protocols, each mapped to a built-in base."),
    // IAM
    M("iam", format::iam, "Identities: principals, their permissions and who may assume them."),
};

constexpr FieldSpec kSystem[] = {
    required(F("name", T::Text, "Name of the system.")),
    F("description", T::Text, kDescription),
    F("owner", T::Text, "Who owns the system and its threat model."),
    E("methodology", names<model::Methodology>, "stride (default) or pasta."),
    M("review", format::review, "Review cadence of the threat model."),
};

constexpr FieldSpec kReview[] = {
    I("cadence_days", 1, 3650, "Re-review at least this often (days)."),
    F("last_reviewed", T::Date, "Date of the last review."),
    F("reviewers", T::Texts, "Who reviews the model."),
};

constexpr FieldSpec kAsset[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    E("value", names<model::Value>, "How valuable the asset is; drives impact."),
    F("impact", T::Text, "Blast radius: what its compromise means."),
    M("cia", format::cia, "Confidentiality, integrity and availability needs."),
    E("quantity", names<model::Quantity>, "How many records of it the system holds."),
};

constexpr FieldSpec kCia[] = {
    E("confidentiality", names<model::Level3>, "Need for confidentiality."),
    E("integrity", names<model::Level3>, "Need for integrity."),
    E("availability", names<model::Level3>, "Need for availability."),
};

constexpr FieldSpec kAdversary[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    E("access", names<model::Access>, "Where the adversary starts; decides what it reaches."),
    E("capability", names<model::Capability>, "How capable the adversary is."),
    F("motivation", T::Text, "What the adversary wants."),
};

constexpr FieldSpec kBoundary[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    required(E("trust", names<model::Trust>, "How far the zone is trusted.")),
    E("type",
      names<model::BoundaryType>,
      "What separates the zone: a network, a cloud account, ..."),
    F("parent", T::Ref, "Boundary id this one nests in."),
};

constexpr FieldSpec kComponent[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    required(E("type", names<model::ComponentType>, "Data-flow diagram element type.")),
    V(F("kind",
        T::Text,
        "What rules know it as: a built-in kind, or one declared under kinds:. An unknown kind "
        "is a warning."),
      Vocab::Kind),
    F("boundary", T::Ref, "Boundary id the component sits in (none: untrusted)."),
    F("technology", T::Text, "Products and versions, e.g. nginx + node 20."),
    F("internet_facing", T::Bool, "Reachable from the internet."),
    E("authentication", names<model::Authentication>, "How callers authenticate."),
    E("authorization", names<model::Authorization>, "How access is authorised."),
    F("input_validation", T::Bool, "Input is validated (a claim until a control proves it)."),
    F("output_encoding", T::Bool, "Output is encoded for its context (a claim)."),
    F("audit_log", T::Bool, "Security-relevant actions are logged (a claim)."),
    F("rate_limited", T::Bool, "Requests are rate limited (a claim)."),
    F("runs_as_root", T::Bool, "Runs with root or administrator privileges."),
    E("fail_mode", names<model::FailMode>, "What it does when a dependency it needs is down."),
    F("used_by_humans", T::Bool, "People use it directly, e.g. a browser or a console."),
    F("multi_tenant", T::Bool, "It serves several tenants (customers) from one instance."),
    F("redundant", T::Bool, "A standby or second instance takes over when it fails."),
    F("custom_developed", T::Bool, "The team writes its code."),
    ES("data_formats", names<model::DataFormat>, "Data formats it accepts from its callers."),
    E("machine", names<model::Machine>, "What it runs on."),
    F("runs_on", T::Ref, "Component id of the shared runtime, host or cluster it runs on."),
    F("stores", T::Refs, "Asset ids held at rest (data stores)."),
    F("encrypted_at_rest", T::Bool, "Stored data is encrypted (data stores)."),
    E("encryption",
      names<model::Encryption>,
      "How stored data is encrypted (data stores); sets encrypted_at_rest when that is unset."),
    F("backups", T::Bool, "Stored data is backed up (data stores)."),
    F("code", T::Texts, "Source globs that implement it (diff --base)."),
    // IAM
    F("runs_as", T::Ref, "Principal id whose rights it acts with (iam.principals)."),
    // Web-application facts (docs/model-format.md, "Web-application facts").
    E("sessions", names<model::Sessions>, "How it keeps a user's session: none, cookie, token."),
    F("csrf_protection",
      T::Bool,
      "State-changing requests need an anti-CSRF token or SameSite cookies (a claim)."),
    F("object_authorization",
      T::Bool,
      "Every object access checks that the caller may see that object (a claim)."),
    F("password_reset", T::Bool, "Offers a self-service password reset or recovery flow."),
    F("accepts_uploads", T::Bool, "Accepts files uploaded by its users."),
    F("upload_validation",
      T::Bool,
      "Uploads are checked (type, size, content), stored outside the web root, scanned (a claim)."),
    E("secrets",
      names<model::SecretsAt>,
      "Where its secrets live; the least protected place when there are several."),
    // Delivery and e-mail facts (docs/model-format.md, "Delivery and e-mail facts").
    F("deployment_checks",
      T::Bool,
      "No change reaches production from it without required review and passing checks (a "
      "claim)."),
    F("email_authentication",
      T::Bool,
      "Mail it sends in the system's name passes SPF, DKIM and an enforcing DMARC policy (a "
      "claim)."),
};

constexpr FieldSpec kFlow[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    required(F("from", T::Ref, "Component id that starts the exchange.")),
    required(F("to", T::Ref, "Component id that serves it.")),
    V(F("protocol",
        T::Text,
        "A built-in protocol, or one declared under protocols:. An unknown protocol is a "
        "warning."),
      Vocab::Protocol),
    F("data", T::Refs, "Asset ids carried from -> to."),
    F("returns", T::Refs, "Asset ids carried back to -> from, in the responses."),
    F("encrypted", T::Bool, "Encrypted in transit."),
    F("authenticated", T::Bool, "The sender is authenticated on this flow."),
    F("mutual_tls", T::Bool, "Both ends authenticate with TLS certificates."),
    E("authentication",
      names<model::FlowAuthentication>,
      "How the initiator authenticates; sets authenticated when that is unset."),
    E("authorization",
      names<model::FlowAuthorization>,
      "Whose identity the server authorises: none, a technical user, the end user's."),
    F("vpn", T::Bool, "The flow runs through a VPN."),
    F("ip_filtered", T::Bool, "The server accepts it only from listed addresses."),
    F("read_only", T::Bool, "The initiator only reads; it changes nothing on the server."),
    E("usage", names<model::Usage>, "business (the system's purpose) or devops (operating it)."),
    I("port", 0, 65535, "Port number."),
    // Message facts (docs/model-format.md, "Web-application facts").
    F("signed", T::Bool, "Messages carry a signature the receiver verifies, e.g. HMAC (a claim)."),
    F("replay_protection",
      T::Bool,
      "The receiver refuses replayed messages: timestamp window, nonce or id (a claim)."),
};

constexpr FieldSpec kSupply[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    required(E("kind", names<model::SupplyKind>, "What kind of supply-chain entry it is.")),
    V(F("ecosystem", T::Text, "Package ecosystem, e.g. npm, pypi, docker."), Vocab::Ecosystem),
    F("used_by", T::Refs, "Component ids that use it."),
    F("pinned", T::Bool, "Exact versions, lockfile or digest."),
    F("integrity_checked", T::Bool, "Hashes or signatures are verified."),
    V(F("source", T::Text, "Where it comes from, e.g. public-registry."), Vocab::Source),
    F("version", T::Text, "Version in use."),
};

constexpr FieldSpec kControl[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    F("mechanism", T::Text, "How the control works."),
    F("mitigates", T::Refs, "Threat ids it mitigates (generated rule@element or hand-written)."),
    F("owner", T::Text, "Who owns the control."),
    E("status", names<model::ControlStatus>, "implemented or planned."),
    M("verification", format::verification, "How the control is proven: a command or manual."),
};

constexpr FieldSpec kVerification[] = {
    F("command", T::Text, "Command run by `threatwright verify --allow-exec`."),
    M("expect", format::expect, "What the command must produce."),
    I("max_age_days", 1, 3650, "Evidence older than this is stale."),
    I("timeout_seconds", 1, 86400, "verify kills the command after this (default 300)."),
    F("manual", T::Text, "A manual verification, e.g. Quarterly pen test."),
    F("evidence", T::Text, "Where the manual evidence is."),
    F("verified_on", T::Date, "When the manual verification was done."),
};

constexpr FieldSpec kExpect[] = {
    I("exit_code", 0, 255, "Expected exit code."),
    F("stdout_matches", T::Text, "RE2 regular expression standard output must match."),
};

constexpr FieldSpec kThreat[] = {
    required(F("id", T::Id, kId)),
    required(F("title", T::Text, "Short title.")),
    F("description", T::Text, kDescription),
    required(F("stride", T::Strides, "STRIDE category, or a list of them.")),
    required(F("target", T::Ref, "Component or flow id.")),
    F("adversary", T::Ref, "Adversary id."),
    F("assets", T::Refs, "Asset ids at stake."),
    F("vector", T::Text, "How the attack works."),
    F("likelihood", T::Rating, "very-low..very-high, or 1..5."),
    F("impact", T::Rating, "very-low..very-high, or 1..5."),
    F("mitigation", T::Text, "How to mitigate it."),
    F("cwe", T::Numbers, "CWE numbers, e.g. 307 or CWE-307."),
    F("capec", T::Numbers, "CAPEC numbers."),
};

constexpr FieldSpec kDecision[] = {
    required(F("threat", T::Ref, "Threat id decided.")),
    required(FieldSpec{.key = "status",
                       .type = T::Enum,
                       .description = "The decision (claimed is set by the analysis only).",
                       .values = names<model::ThreatStatus>,
                       .except = "claimed"}),
    F("rationale", T::Text, "Why."),
    F("owner", T::Text, "Who decided and owns the risk."),
    F("review_by", T::Date, "Past this date an acceptance has expired."),
    F("likelihood", T::Rating, "Rating override: very-low..very-high, or 1..5."),
    F("impact", T::Rating, "Rating override: very-low..very-high, or 1..5."),
};

constexpr FieldSpec kFailureMode[] = {
    required(F("id", T::Id, kId)),
    required(F("component", T::Ref, "Component id that fails.")),
    required(F("scenario", T::Text, "What fails.")),
    required(E("behaviour", names<model::Behaviour>, "What the component does then.")),
    F("security_impact", T::Text, "What that means for security."),
    F("description", T::Text, kDescription),
    F("mitigated_by", T::Refs, "Control ids."),
};

constexpr FieldSpec kNotApplicable[] = {
    required(F("target", T::Ref, "Component or flow id.")),
    required(F("stride", T::Strides, "STRIDE category, or a list of them.")),
    required(F("because", T::Text, "Why the categories do not apply.")),
};

constexpr FieldSpec kPasta[] = {
    L("objectives", format::objective, "Stage 1: business objectives."),
    M("scope", format::scope, "Stage 2: technical scope."),
    L("threat_intelligence", format::intelligence, "Stage 4: threat intelligence."),
    L("vulnerabilities", format::vulnerability, "Stage 5: known vulnerabilities."),
};

constexpr FieldSpec kObjective[] = {
    required(F("id", T::Id, kId)),
    required(F("statement", T::Text, "The objective.")),
    F("compliance", T::Texts, "Compliance regimes, e.g. PCI-DSS 4.0."),
    F("impact_if_failed", T::Text, "What failing it costs."),
};

constexpr FieldSpec kScope[] = {
    L("out_of_scope", format::out_of_scope, "What is left out, and why."),
    F("in_scope", T::Texts, "What is in scope."),
};

constexpr FieldSpec kOutOfScope[] = {
    required(F("item", T::Text, "What is out of scope.")),
    required(F("because", T::Text, "Why.")),
};

constexpr FieldSpec kIntelligence[] = {
    required(F("id", T::Id, kId)),
    F("source", T::Text, "Where the intelligence comes from."),
    required(F("summary", T::Text, "What it says.")),
    F("relevant_to", T::Refs, "Element ids it concerns."),
    F("adversaries", T::Refs, "Adversary ids."),
};

constexpr FieldSpec kVulnerability[] = {
    required(F("id", T::Id, kId)),
    required(F("target", T::Ref, "Element id.")),
    F("cwe", T::Numbers, "CWE numbers."),
    F("cve", T::Texts, "CVE ids."),
    F("source", T::Text, "Where it was found."),
    E("status", names<model::VulnStatus>, "open, fixed or accepted."),
    F("description", T::Text, kDescription),
};

constexpr FieldSpec kAttackTree[] = {
    required(F("id", T::Id, kId)),
    required(F("goal", T::Text, "What the attacker wants.")),
    F("adversary", T::Ref, "Adversary id."),
    required(M("root", format::attack_node, "The root node.")),
    F("description", T::Text, kDescription),
};

constexpr FieldSpec kAttackNode[] = {
    F("id", T::Id, "Optional step id (shares the model's id space)."),
    FieldSpec{.key = "step",
              .type = T::Text,
              .description = "What the attacker does; required on a leaf.",
              .required = true,
              .unless = {"any", "all"}},
    F("description", T::Text, kDescription),
    F("target", T::Ref, "Element id attacked."),
    F("threat", T::Ref, "Threat id the step realises."),
    E("cost", names<model::Level3>, "Cost to the attacker."),
    E("difficulty", names<model::Level3>, "Difficulty for the attacker."),
    F("mitigated_by", T::Refs, "Control ids."),
    FieldSpec{.key = "any",
              .type = T::List,
              .description = "OR: any of these steps achieves the node.",
              .min = 1,
              .item = &format::attack_node},
    FieldSpec{.key = "all",
              .type = T::List,
              .description = "AND: all of these steps are needed.",
              .min = 1,
              .item = &format::attack_node},
};

constexpr FieldSpec kKind[] = {
    required(F("id", T::Id, "The kind's name, used in components' kind:.")),
    required(V(F("base", T::Text, "The built-in kind rules treat it as."), Vocab::Kind, true)),
    F("description", T::Text, kDescription),
};

constexpr FieldSpec kProtocol[] = {
    required(F("id", T::Id, "The protocol's name, used in flows' protocol:.")),
    required(
        V(F("base", T::Text, "The built-in protocol rules treat it as."), Vocab::Protocol, true)),
    F("description", T::Text, kDescription),
};

// ---- IAM ----

constexpr FieldSpec kIam[] = {
    L("principals", format::principal, "Roles, service accounts, users, groups, CI identities."),
};

constexpr FieldSpec kPrincipal[] = {
    required(F("id", T::Id, kId)),
    F("name", T::Text, kName),
    F("description", T::Text, kDescription),
    E("kind", names<model::PrincipalKind>, "What the principal is."),
    F("long_lived_keys",
      T::Bool,
      "It has static credentials that do not expire (access keys, key files)."),
    F("production", T::Bool, "Its rights reach production (unset: its acts_on decide)."),
    L("permissions",
      format::permission,
      "Its policy: allow and deny statements (unset: unknown; [] : none)."),
    F("assumable_by", T::Refs, "Component or principal ids that may assume it."),
    L("trust",
      format::trust,
      "Identities outside the model that may assume it (OIDC subjects, accounts)."),
    F("acts_on", T::Refs, "Component ids its rights reach (stores, clusters, ...)."),
};

constexpr FieldSpec kPermission[] = {
    E("effect", names<model::Effect>, "allow (default) or deny; a deny subtracts from allows."),
    required(F("actions", T::Texts, "Actions, wildcards allowed: s3:GetObject, s3:*, *.")),
    required(F("resources", T::Texts, "Resources, wildcards allowed: arn:aws:s3:::logs/*, *.")),
    F("description", T::Text, kDescription),
};

constexpr FieldSpec kTrust[] = {
    required(F("subject",
               T::Text,
               "Who may assume it: an OIDC subject (repo:acme/shop:ref:refs/heads/main), an "
               "account or principal ARN, or * for any; wildcards allowed.")),
    F("issuer", T::Text, "The identity provider vouching for the subject (an OIDC issuer URL)."),
    F("description", T::Text, kDescription),
};

}  // namespace

namespace format {

const MapSpec model_file{"model", "the model", "A threatwright model file (format version 1).",
                         kModelFile};
const MapSpec system{"system", "system", "The system under analysis.", kSystem};
const MapSpec review{"review", "system.review", "Review cadence of the threat model.", kReview};
const MapSpec asset{"asset", "asset", "Something the system protects.", kAsset};
const MapSpec cia{"cia", "cia", "Confidentiality, integrity and availability needs.", kCia};
const MapSpec adversary{"adversary", "adversary", "An attacker profile.", kAdversary};
const MapSpec boundary{"boundary", "boundary", "A trust zone.", kBoundary};
const MapSpec component{"component", "component", "A data-flow diagram element.", kComponent};
const MapSpec flow{"flow", "flow", "A data flow between two components.", kFlow};
const MapSpec supply_chain{"supply_chain", "supply-chain entry",
                           "A dependency, image, pipeline or service the system uses.", kSupply};
const MapSpec control{"control", "control", "A security control.", kControl};
const MapSpec verification{"verification",
                           "verification",
                           "How a control is proven: a command or a manual check, not both.",
                           kVerification,
                           {"command", "manual"}};
const MapSpec expect{"expect", "verification.expect", "What a verification command must produce.",
                     kExpect};
const MapSpec threat{"threat", "threat", "A hand-written threat.", kThreat};
const MapSpec decision{"decision", "decision", "A decision about a threat.", kDecision};
const MapSpec failure_mode{"failure_mode", "failure mode", "How a component fails.", kFailureMode};
const MapSpec not_applicable{"not_applicable", "not_applicable entry",
                             "Why STRIDE categories do not apply to an element.", kNotApplicable};
const MapSpec pasta{"pasta", "pasta", "PASTA stages.", kPasta};
const MapSpec objective{"objective", "objective", "A business objective (PASTA stage 1).",
                        kObjective};
const MapSpec scope{"scope", "pasta.scope", "Technical scope (PASTA stage 2).", kScope};
const MapSpec out_of_scope{"out_of_scope", "out-of-scope entry", "Something left out of scope.",
                           kOutOfScope};
const MapSpec intelligence{"threat_intelligence", "threat intelligence entry",
                           "Threat intelligence (PASTA stage 4).", kIntelligence};
const MapSpec vulnerability{"vulnerability", "vulnerability",
                            "A known vulnerability (PASTA stage 5).", kVulnerability};
const MapSpec attack_tree{"attack_tree", "attack tree", "An attack tree.", kAttackTree};
const MapSpec attack_node{"attack_node",
                          "attack tree node",
                          "A step (leaf) or an any/all node with at least one child.",
                          kAttackNode,
                          {"any", "all"}};
const MapSpec kind{"kind", "kind", "A component kind of this model, mapped to a built-in one.",
                   kKind};
const MapSpec protocol{"protocol", "protocol",
                       "A flow protocol of this model, mapped to a built-in one.", kProtocol};
// IAM
const MapSpec iam{"iam", "iam", "Identities and access management.", kIam};
const MapSpec principal{"principal", "principal",
                        "A role, service account, user, group or CI identity.", kPrincipal};
const MapSpec permission{"permission", "permission", "One statement of a principal's policy.",
                         kPermission};
const MapSpec trust{"trust", "trust entry", "An identity outside the model that may assume one.",
                    kTrust};

std::span<const MapSpec* const> all() {
  static const MapSpec* const kAll[] = {
      &model_file,   &system,         &review,        &asset,       &cia,
      &adversary,    &boundary,       &component,     &flow,        &supply_chain,
      &control,      &verification,   &expect,        &threat,      &decision,
      &failure_mode, &not_applicable, &pasta,         &objective,   &scope,
      &out_of_scope, &intelligence,   &vulnerability, &attack_tree, &attack_node,
      &kind,         &protocol,       &iam,           &principal,   &permission,
      &trust};
  return kAll;
}

}  // namespace format
}  // namespace tw::load
