#pragma once
// The typed, resolved threat model: what `load/` builds from YAML or JSON and every later
// layer reads. Plain data; derived facts live in model/facts.h.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/source.h"
#include "model/enums.h"

namespace tw::model {

using base::Date;
using base::Loc;

/// A reference to another element by id. `index` is its position in the model's vector of
/// that kind once resolved (-1 when dangling or not an element, e.g. a threat id).
struct Ref {
  std::string id;
  Loc loc;
  int32_t index = -1;
  bool resolved() const { return index >= 0; }
};

struct Review {
  std::optional<int> cadence_days;
  std::optional<Date> last_reviewed;
  std::vector<std::string> reviewers;
  Loc loc;
};

struct System {
  std::string name, description, owner;
  std::optional<Methodology> methodology;
  Review review;
  Loc loc;
};

struct Cia {
  std::optional<Level3> confidentiality, integrity, availability;
};

struct Asset {
  std::string id, name, description;
  std::optional<Value> value;
  std::string impact;  ///< blast radius
  Cia cia;
  std::optional<Quantity> quantity;  ///< how many records the system holds
  Loc loc;
};

struct Adversary {
  std::string id, name, motivation, description;
  std::optional<Access> access;
  std::optional<Capability> capability;
  Loc loc;
};

struct Boundary {
  std::string id, name, description;
  std::optional<Trust> trust;
  std::optional<BoundaryType> type;  ///< what separates the zone (unknown: not said)
  Ref parent;                        ///< empty id when top-level
  Loc loc;
};

struct Component {
  std::string id, name, description, kind, technology;
  /// Set by the loader when `kind` is one the model declares (`kinds:`): its built-in base.
  std::string base_kind;
  Loc kind_loc;
  ComponentType type = ComponentType::Process;
  Ref boundary;  ///< empty id: in no declared zone (untrusted)
  // Security facts. nullopt means "unknown", never false.
  std::optional<bool> internet_facing, input_validation, output_encoding, audit_log, rate_limited,
      runs_as_root, encrypted_at_rest, backups;
  std::optional<Authentication> authentication;
  std::optional<Authorization> authorization;
  std::optional<FailMode> fail_mode;
  /// People use it directly (a browser, a console); it runs several tenants' work; it has a
  /// standby; the team writes its code.
  std::optional<bool> used_by_humans, multi_tenant, redundant, custom_developed;
  std::vector<DataFormat> data_formats;  ///< formats it accepts (empty: unknown)
  std::optional<Machine> machine;
  /// How stored data is encrypted (data stores). When given and `encrypted_at_rest` is not,
  /// the loader sets `encrypted_at_rest` from it (none: false, else true).
  std::optional<Encryption> encryption;
  Ref runs_on;                    ///< component: the shared runtime, host or cluster it runs on
  std::vector<Ref> stores;        ///< assets at rest
  std::vector<std::string> code;  ///< source globs that implement it
  // ---- IAM (model/iam.h) ----
  Ref runs_as;  ///< the principal whose rights it acts with (empty id: unknown)
  // Web-application facts (docs/model-format.md, "Web-application facts"); nullopt: unknown.
  std::optional<Sessions> sessions;
  std::optional<bool> csrf_protection, object_authorization, password_reset, accepts_uploads,
      upload_validation;
  std::optional<SecretsAt> secrets;
  /// Delivery facts (docs/model-format.md, "Delivery and e-mail facts"); nullopt: unknown.
  /// No change reaches production from it without required review and passing checks; the
  /// mail it sends in the system's name passes SPF, DKIM and an enforcing DMARC policy.
  std::optional<bool> deployment_checks, email_authentication;
  Loc loc;
  /// The kind rules read: the base of a declared kind, else `kind` as written.
  const std::string& effective_kind() const { return base_kind.empty() ? kind : base_kind; }
};

/// A data flow. Its direction is the initiator's: `from` opens the connection or sends the
/// request, `to` serves it (docs/model-format.md, "flows"). `data` moves from -> to; `returns`
/// names what comes back in the responses (to -> from).
struct Flow {
  std::string id, name, description, protocol;
  Ref from, to;              ///< components: the initiator and the one that serves it
  std::vector<Ref> data;     ///< assets carried from -> to
  std::vector<Ref> returns;  ///< assets carried back to -> from, in the responses
  std::optional<bool> encrypted, authenticated, mutual_tls;
  /// The initiator's authentication method. When given and `authenticated` is not, the loader
  /// sets `authenticated` from it (none: false, else true).
  std::optional<FlowAuthentication> authentication;
  std::optional<FlowAuthorization> authorization;
  std::optional<bool> vpn, ip_filtered, read_only;
  std::optional<Usage> usage;
  std::optional<int> port;
  // Message facts (docs/model-format.md, "Web-application facts"); nullopt: unknown.
  std::optional<bool> signed_messages, replay_protection;  ///< keys `signed`, `replay_protection`
  /// Set by the loader when `protocol` is one the model declares (`protocols:`): its base.
  std::string base_protocol;
  Loc protocol_loc;
  Loc loc;
  /// The protocol rules read: the base of a declared protocol, else `protocol` as written.
  const std::string& effective_protocol() const {
    return base_protocol.empty() ? protocol : base_protocol;
  }
};

struct SupplyItem {
  std::string id, name, description, ecosystem, source, version;
  std::optional<SupplyKind> kind;
  std::vector<Ref> used_by;  ///< components
  std::optional<bool> pinned, integrity_checked;
  Loc loc, ecosystem_loc, source_loc;
};

struct Expectation {
  std::optional<int> exit_code;
  std::string stdout_matches;  ///< ECMAScript regex searched in stdout
};

struct Verification {
  std::string command;  ///< run by `verify --allow-exec`
  Expectation expect;
  std::optional<int> max_age_days;
  std::optional<int> timeout_seconds;
  std::string manual;  ///< a manual check's description
  std::string evidence;
  std::optional<Date> verified_on;
  Loc loc;
  bool automated() const { return !command.empty(); }
};

struct Control {
  std::string id, name, mechanism, owner, description;
  std::vector<Ref> mitigates;  ///< threat ids (checked after analysis)
  std::optional<ControlStatus> status;
  std::optional<Verification> verification;
  Loc loc;
};

struct Threat {  ///< hand-written
  std::string id, title, description, vector, mitigation;
  std::vector<Stride> stride;
  Ref target;     ///< component or flow
  Ref adversary;  ///< optional
  std::vector<Ref> assets;
  std::optional<int> likelihood, impact;  ///< 1..5
  std::vector<int> cwe;
  std::vector<int> capec;
  Loc loc;
};

struct Decision {
  Ref threat;  ///< threat id (checked after analysis)
  std::optional<ThreatStatus> status;
  std::string rationale, owner;
  std::optional<Date> review_by;
  std::optional<int> likelihood, impact;  ///< per-threat rating override (1..5)
  Loc loc;
};

struct FailureMode {
  std::string id, scenario, security_impact, description;
  Ref component;
  std::optional<Behaviour> behaviour;
  std::vector<Ref> mitigated_by;  ///< controls
  Loc loc;
};

struct NotApplicable {
  Ref target;  ///< component or flow
  std::vector<Stride> stride;
  std::string because;
  Loc loc;
};

struct Objective {
  std::string id, statement, impact_if_failed;
  std::vector<std::string> compliance;
  Loc loc;
};
struct OutOfScope {
  std::string item, because;
  Loc loc;
};
struct Intelligence {
  std::string id, source, summary;
  std::vector<Ref> relevant_to;  ///< components or flows
  std::vector<Ref> adversaries;
  Loc loc;
};
struct Vulnerability {
  std::string id, source, description;
  Ref target;  ///< component or flow
  std::vector<int> cwe;
  std::vector<std::string> cve;
  std::optional<VulnStatus> status;
  Loc loc;
};
struct Pasta {
  std::vector<Objective> objectives;
  std::vector<OutOfScope> out_of_scope;
  std::vector<std::string> in_scope;
  std::vector<Intelligence> threat_intelligence;
  std::vector<Vulnerability> vulnerabilities;
  Loc loc;
  bool present = false;
};

/// A node of an attack tree: a leaf step, or an inner `any` (OR) / `all` (AND) node.
struct AttackNode {
  enum class Op { Step, Any, All };
  Op op = Op::Step;
  std::string id, step, description;
  Ref target;  ///< component or flow, optional
  Ref threat;  ///< threat id, optional (checked after analysis)
  std::optional<Level3> cost, difficulty;
  std::vector<Ref> mitigated_by;  ///< controls
  std::vector<AttackNode> children;
  Loc loc;
};

struct AttackTree {
  std::string id, goal, description;
  Ref adversary;
  AttackNode root;
  Loc loc;
};

// ---- IAM: principals, what they may do, who may assume them (model/iam.h derives the rest) ----

/// One statement of a principal's policy: `effect` on `actions` over `resources`. Both lists
/// take wildcards (`*` any run of characters, `?` one), e.g. `s3:*`, `arn:aws:s3:::logs/*`.
struct Permission {
  Effect effect = Effect::Allow;
  std::vector<std::string> actions, resources;
  std::string description;
  Loc loc;
};

/// An identity outside the model that may assume a principal: an OIDC subject under an
/// issuer (`repo:acme/shop:environment:prod` at GitHub's issuer), an account, or `*` (anyone).
struct TrustEntry {
  std::string issuer, subject, description;
  Loc loc, subject_loc;
};

/// A role, service account, user, group or CI identity (the `iam.principals` section).
struct Principal {
  std::string id, name, description;
  std::optional<PrincipalKind> kind;
  /// Static credentials that do not expire (access keys, key files). nullopt: unknown.
  std::optional<bool> long_lived_keys;
  /// Its rights reach production. nullopt: unknown (then `acts_on` decides).
  std::optional<bool> production;
  /// Its policy; nullopt when the model does not say (unknown), empty when it has none.
  std::optional<std::vector<Permission>> permissions;
  std::vector<Ref> assumable_by;  ///< components or principals that may assume it
  std::vector<TrustEntry> trust;  ///< identities outside the model that may assume it
  std::vector<Ref> acts_on;       ///< components its rights reach (stores, clusters, ...)
  Loc loc;
};

/// A component kind or flow protocol the model declares for itself (`kinds:`, `protocols:`),
/// mapped to a built-in one that rules read (model/vocabulary.h).
struct CustomTerm {
  std::string id, base, description;
  Loc loc;       ///< its id
  Loc base_loc;  ///< its base
};

/// Where an id points.
struct IdEntry {
  Kind kind;
  int32_t index;
  Loc loc;
};

/// A custom rule-pack file named by `rules:` in the model (resolved, not yet parsed).
struct RuleFile {
  std::string path;  ///< as opened
  Loc loc;           ///< the `rules:` entry naming it
};

struct Model {
  int format_version = 1;
  System system;
  std::vector<Asset> assets;
  std::vector<Adversary> adversaries;
  std::vector<Boundary> boundaries;
  std::vector<Component> components;
  std::vector<Flow> flows;
  std::vector<SupplyItem> supply_chain;
  std::vector<Control> controls;
  std::vector<Threat> threats;
  std::vector<Decision> decisions;
  std::vector<FailureMode> failure_modes;
  std::vector<NotApplicable> not_applicable;
  Pasta pasta;
  std::vector<AttackTree> attack_trees;
  std::vector<RuleFile> rule_files;
  std::vector<CustomTerm> kinds;      ///< declared component kinds
  std::vector<CustomTerm> protocols;  ///< declared flow protocols
  std::vector<Principal> principals;  ///< IAM principals (`iam.principals`)
  bool has_supply_chain_section = false;

  /// Every id in the model.
  std::unordered_map<std::string, IdEntry> ids;

  /// The root model file and every included file, in load order; they own the text that
  /// every Loc above points into.
  std::vector<std::unique_ptr<base::SourceFile>> sources;
  std::string root_dir;   ///< canonical folder of the root model file
  std::string root_file;  ///< path of the root model file as given

  Model() = default;
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  const IdEntry* find(const std::string& id) const {
    auto it = ids.find(id);
    return it == ids.end() ? nullptr : &it->second;
  }
  const Component* component(const std::string& id) const;
  const Flow* flow(const std::string& id) const;
  const Asset* asset(const std::string& id) const;
  const Boundary* boundary(const std::string& id) const;
  const Control* control(const std::string& id) const;
  const Adversary* adversary(const std::string& id) const;
  const Principal* principal(const std::string& id) const;
};

}  // namespace tw::model
