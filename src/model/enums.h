#pragma once
// The closed vocabularies of the model format, with their spellings.

#include <optional>
#include <string_view>
#include <vector>

namespace tw::model {

enum class Stride {
  Spoofing,
  Tampering,
  Repudiation,
  InformationDisclosure,
  DenialOfService,
  ElevationOfPrivilege
};
inline constexpr Stride kAllStride[] = {Stride::Spoofing,        Stride::Tampering,
                                        Stride::Repudiation,     Stride::InformationDisclosure,
                                        Stride::DenialOfService, Stride::ElevationOfPrivilege};

enum class Methodology { Stride, Pasta };
enum class Value { Low, Medium, High, Critical };  ///< asset value
enum class Level3 { Low, Medium, High };           ///< CIA levels, cost, difficulty
enum class Access { Internet, AuthenticatedUser, Insider, SupplyChain, Physical, AdjacentNetwork };
enum class Capability { Low, Medium, High, NationState };
enum class Trust { Untrusted, SemiTrusted, Trusted };
enum class ComponentType { ExternalEntity, Process, DataStore };
enum class Authentication {
  None,
  Password,
  PasswordMfa,
  Token,
  Oauth,
  Mtls,
  ApiKey,
  ClientCertificate
};
enum class Authorization { None, Rbac, Abac, Ownership };
enum class FailMode { Closed, Open };
// Web-application facts (sessions, secrets): docs/model-format.md, "Web-application facts".
/// How a web app or API keeps a user's session between requests.
enum class Sessions { None, Cookie, Token };
/// Where a component's secrets live (the least protected place when there are several).
enum class SecretsAt { SecretStore, CiVariables, Environment, File, Repository, Code };
enum class Behaviour { FailClosed, FailOpen, Degraded };
enum class SupplyKind { Library, CiPipeline, ContainerImage, CloudApi, Saas, BuildTool };
enum class ControlStatus { Implemented, Planned };
/// What holds a threat back (docs/risk.md, "Statuses"). `Claimed` and `NotApplicable` are set
/// by the analysis (a safe fact or an unverified control; a not_applicable entry), never by a
/// decision's own `claimed`.
enum class ThreatStatus {
  Open,
  Mitigated,
  Accepted,
  Transferred,
  FalsePositive,
  Claimed,
  NotApplicable
};
enum class VulnStatus { Open, Fixed, Accepted };
// ---- IAM (model/iam.h) ----
/// What an IAM principal is.
enum class PrincipalKind { Role, ServiceAccount, User, Group, CiIdentity, WorkloadIdentity };
/// Whether a permission statement grants or refuses.
enum class Effect { Allow, Deny };
/// What separates a boundary's zone from the rest (boundary `type`).
enum class BoundaryType {
  Network,
  CloudProvider,
  SecurityGroup,
  Vlan,
  Namespace,
  ExecutionEnvironment,
  Other
};
/// A data format a component accepts (component `data_formats`).
enum class DataFormat { Json, Xml, Serialization, File, Csv, Yaml, Protobuf, Other };
/// What a component runs on (component `machine`).
enum class Machine { Physical, Virtual, Container, Serverless };
/// How a data store encrypts what it holds (component `encryption`).
enum class Encryption { None, Transparent, SharedKey, PerUserKey };
/// How the initiator of a flow authenticates (flow `authentication`).
enum class FlowAuthentication {
  None,
  Credentials,
  Session,
  Token,
  ClientCertificate,
  TwoFactor,
  Externalized
};
/// Whose identity the server of a flow authorises (flow `authorization`).
enum class FlowAuthorization { None, TechnicalUser, EndUserIdentity };
/// What a flow is for (flow `usage`).
enum class Usage { Business, Devops };
/// How many records of an asset the system holds (asset `quantity`).
enum class Quantity { Few, Many, VeryMany };

/// The spelling of each value of an enum, in declaration order.
template <class E>
const std::vector<std::string_view>& names();

template <class E>
std::string_view name(E e) {
  return names<E>()[static_cast<size_t>(e)];
}

template <class E>
std::optional<E> parse(std::string_view s) {
  const auto& n = names<E>();
  for (size_t i = 0; i < n.size(); ++i) {
    if (n[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// The element kinds an id can name, for reference checking and messages.
enum class Kind {
  Asset,
  Adversary,
  Boundary,
  Component,
  Flow,
  SupplyChain,
  Control,
  Threat,
  FailureMode,
  Objective,
  Intelligence,
  Vulnerability,
  AttackTree,
  AttackStep,
  Principal  ///< an IAM principal (iam.principals)
};

/// "asset", "data flow", ... as used in messages.
std::string_view kind_label(Kind k);

/// Letter codes S, T, R, I, D, E.
char stride_letter(Stride s);

/// The classic STRIDE-per-element chart: which categories apply to which DFD element.
bool stride_applies(ComponentType t, Stride s);
bool stride_applies_to_flow(Stride s);

}  // namespace tw::model
