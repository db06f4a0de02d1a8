#include "model/enums.h"

#include <string_view>
#include <vector>

namespace tw::model {

using V = std::vector<std::string_view>;

template <>
const V& names<Stride>() {
  static const V v = {"spoofing",          "tampering",
                      "repudiation",       "information-disclosure",
                      "denial-of-service", "elevation-of-privilege"};
  return v;
}
template <>
const V& names<Methodology>() {
  static const V v = {"stride", "pasta"};
  return v;
}
template <>
const V& names<Value>() {
  static const V v = {"low", "medium", "high", "critical"};
  return v;
}
template <>
const V& names<Level3>() {
  static const V v = {"low", "medium", "high"};
  return v;
}
template <>
const V& names<Access>() {
  static const V v = {"internet",     "authenticated-user", "insider",
                      "supply-chain", "physical",           "adjacent-network"};
  return v;
}
template <>
const V& names<Capability>() {
  static const V v = {"low", "medium", "high", "nation-state"};
  return v;
}
template <>
const V& names<Trust>() {
  static const V v = {"untrusted", "semi-trusted", "trusted"};
  return v;
}
template <>
const V& names<ComponentType>() {
  static const V v = {"external-entity", "process", "data-store"};
  return v;
}
template <>
const V& names<Authentication>() {
  static const V v = {"none",  "password", "password+mfa", "token",
                      "oauth", "mtls",     "api-key",      "client-certificate"};
  return v;
}
template <>
const V& names<Authorization>() {
  static const V v = {"none", "rbac", "abac", "ownership"};
  return v;
}
template <>
const V& names<FailMode>() {
  static const V v = {"closed", "open"};
  return v;
}
template <>
const V& names<Sessions>() {
  static const V v = {"none", "cookie", "token"};
  return v;
}
template <>
const V& names<SecretsAt>() {
  static const V v = {"secret-store", "ci-variables", "environment", "file", "repository", "code"};
  return v;
}
template <>
const V& names<Behaviour>() {
  static const V v = {"fail-closed", "fail-open", "degraded"};
  return v;
}
template <>
const V& names<SupplyKind>() {
  static const V v = {"library",   "ci-pipeline", "container-image",
                      "cloud-api", "saas",        "build-tool"};
  return v;
}
template <>
const V& names<ControlStatus>() {
  static const V v = {"implemented", "planned"};
  return v;
}
template <>
const V& names<ThreatStatus>() {
  static const V v = {"open",           "mitigated", "accepted",      "transferred",
                      "false-positive", "claimed",   "not-applicable"};
  return v;
}
template <>
const V& names<VulnStatus>() {
  static const V v = {"open", "fixed", "accepted"};
  return v;
}

template <>
const V& names<PrincipalKind>() {
  static const V v = {"role",  "service-account", "user",
                      "group", "ci-identity",     "workload-identity"};
  return v;
}
template <>
const V& names<Effect>() {
  static const V v = {"allow", "deny"};
  return v;
}
template <>
const V& names<BoundaryType>() {
  static const V v = {"network",   "cloud-provider",        "security-group", "vlan",
                      "namespace", "execution-environment", "other"};
  return v;
}
template <>
const V& names<DataFormat>() {
  static const V v = {"json", "xml", "serialization", "file", "csv", "yaml", "protobuf", "other"};
  return v;
}
template <>
const V& names<Machine>() {
  static const V v = {"physical", "virtual", "container", "serverless"};
  return v;
}
template <>
const V& names<Encryption>() {
  static const V v = {"none", "transparent", "shared-key", "per-user-key"};
  return v;
}
template <>
const V& names<FlowAuthentication>() {
  static const V v = {"none",       "credentials", "session", "token", "client-certificate",
                      "two-factor", "externalized"};
  return v;
}
template <>
const V& names<FlowAuthorization>() {
  static const V v = {"none", "technical-user", "end-user-identity"};
  return v;
}
template <>
const V& names<Usage>() {
  static const V v = {"business", "devops"};
  return v;
}
template <>
const V& names<Quantity>() {
  static const V v = {"few", "many", "very-many"};
  return v;
}

std::string_view kind_label(Kind k) {
  static const V v = {"asset",
                      "adversary",
                      "boundary",
                      "component",
                      "data flow",
                      "supply-chain entry",
                      "control",
                      "threat",
                      "failure mode",
                      "objective",
                      "threat intelligence entry",
                      "vulnerability",
                      "attack tree",
                      "attack step",
                      "principal"};
  return v[static_cast<size_t>(k)];
}

char stride_letter(Stride s) { return "STRIDE"[static_cast<int>(s)]; }

bool stride_applies(ComponentType t, Stride s) {
  switch (t) {
    case ComponentType::ExternalEntity:
      return s == Stride::Spoofing || s == Stride::Repudiation;
    case ComponentType::Process:
      return true;
    case ComponentType::DataStore:
      return s == Stride::Tampering || s == Stride::Repudiation ||
             s == Stride::InformationDisclosure || s == Stride::DenialOfService;
  }
  return false;
}

bool stride_applies_to_flow(Stride s) {
  return s == Stride::Tampering || s == Stride::InformationDisclosure ||
         s == Stride::DenialOfService;
}

}  // namespace tw::model
