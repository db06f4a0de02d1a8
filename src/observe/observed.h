#pragma once
// The observed system: what infrastructure files say is deployed, in one shape for every
// source (Terraform, CloudFormation, Kubernetes, compose, GitHub Actions, OpenAPI). Every
// observation keeps the file, line and column it was read from. Unknown is kept apart from
// false: an optional without a value means the files do not say.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tw::observe {

struct Where {
  std::string file;  ///< as found under the scanned folder
  uint32_t line = 0, col = 0;
  std::string str() const;  ///< "file:line:col"
};

/// Which reader produced an observation.
enum class Source : uint8_t {
  TerraformPlan,
  TerraformHcl,
  CloudFormation,
  Kubernetes,
  Compose,
  GithubActions,
  OpenApi,
  Lockfile
};
const char* source_name(Source s);

struct ObservedComponent {
  std::string id;       ///< stable: resource address, service or workload name
  std::string name;     ///< short name, used to match model elements
  std::string kind;     ///< a kind from model/vocabulary.cc ("service", "sql-database", ...)
  std::string runtime;  ///< "aws_db_instance", "Deployment", "compose service", image, ...
  std::string system;   ///< the folder group it came from (for discover)
  Source source = Source::Kubernetes;
  std::optional<bool> internet_facing;    ///< reachable from the internet
  std::optional<bool> encrypted_at_rest;  ///< data stores
  std::optional<bool> runs_as_root;       ///< privileged containers
  std::vector<int> ports;
  Where encryption_at, root_at;      ///< where encrypted_at_rest / runs_as_root were read
  std::vector<std::string> aliases;  ///< other names that refer to it (bucket name, DNS name)
  std::vector<std::pair<std::string, std::string>> labels;  ///< Kubernetes pod labels
  /// Values that may name another component ("postgresdb", "cartservice:7070"): turned
  /// into flows by finish() when they do.
  std::vector<std::pair<std::string, Where>> endpoints;
  std::vector<std::string> config_refs;  ///< ConfigMaps whose values are endpoints too
  Where where;
};

struct ObservedFlow {
  std::string from, to;  ///< ObservedComponent ids
  std::string protocol;  ///< vocabulary protocol ("http", "grpc", "sql", ...) or ""
  std::optional<int> port;
  std::optional<bool> tls;
  std::string evidence;  ///< "env var X", "depends_on", "network policy", ...
  Where where;
};

/// An exposure: something reachable from a wider surface than its own network.
struct Exposure {
  std::string component;  ///< ObservedComponent id ("" when the rule stands alone)
  std::string surface;    ///< "internet", "host", "cluster"
  std::string via;        ///< "sg-rule", "load-balancer", "published-port", "public-acl", ...
  std::optional<int> port;
  std::string detail;
  Where where;
};

/// A grant: who may do what on which resource.
struct Grant {
  std::string principal;  ///< role, policy or service account
  std::vector<std::string> actions, resources;
  bool wildcard_action = false, wildcard_resource = false, admin = false;
  std::string detail;
  Where where;
};

/// A CI workflow and what it does.
struct Pipeline {
  std::string id;  ///< workflow file name without extension
  std::string name;
  std::vector<std::string> triggers;
  bool privileged_trigger = false;  ///< pull_request_target or workflow_run
  std::string permissions;          ///< "default", "read-all", "write-all", "{}", "scoped"
  std::vector<std::string> secrets;
  bool oidc = false;  ///< id-token: write
  Where where;
};

/// Something the files show that weakens security, stated as one observation. Drift reports
/// each unless the model accounts for it.
struct Weakness {
  std::string code;       ///< "public-bucket", "world-open-rule", ...
  std::string component;  ///< ObservedComponent id, or a pipeline id, or ""
  std::string message;
  Where where;
};

/// A third-party dependency pulled in by the files (actions, images, modules, packages).
struct Dependency {
  std::string name;        ///< "actions/checkout", "redis", "git::ssh://...", "lodash"
  std::string version;     ///< tag, digest, sha or package version
  std::string kind;        ///< "ci-action", "container-image", "terraform-module", "package"
  bool pinned = false;     ///< by digest, full commit sha, or an exact locked version
  std::string used_by;     ///< component or pipeline id
  std::string ecosystem;   ///< packages: "npm", "pypi", "go", "cargo"
  bool integrity = false;  ///< packages: the lockfile records a hash of it
  /// packages: where it comes from: "public" (the ecosystem's registry), "private" (another
  /// registry or index), "git", "path" (local or workspace), "url" (a direct download).
  std::string registry;
  Where where;
};

/// A lockfile or pinned requirements file and what it says about its packages as a whole.
struct Lockfile {
  std::string ecosystem;  ///< "npm", "pypi", "go", "cargo"
  std::string format;     ///< "package-lock.json v3", "requirements.txt", "go.sum", ...
  std::string dir;        ///< the folder holding it ("src/cartservice"): ties it to a workload
  size_t packages = 0, pinned = 0, hashed = 0, non_registry = 0;
  size_t dropped = 0;                ///< packages beyond the reader's bound, counted and not kept
  std::vector<std::string> indexes;  ///< extra or private package indexes it names
  Where where;
};

/// A value the reader could not resolve statically (`var.x`, `!ImportValue`, `${VAR}`).
struct Unresolved {
  std::string what;
  Where where;
};

/// A file that could not be read or parsed (the scan goes on with the others).
struct FileProblem {
  std::string message;
  Where where;
};

/// A Kubernetes Service or Ingress backend, tied to the workloads it selects by finish().
struct ServiceRecord {
  std::string name;
  std::vector<std::pair<std::string, std::string>> selector;
  std::string type;  ///< ClusterIP, NodePort, LoadBalancer
  std::vector<int> ports;
  std::vector<std::string> port_names;
  Where where;
};

struct ConfigValue {
  std::string map, key, value;
  Where where;
};

struct ObservedSystem {
  std::vector<ObservedComponent> components;
  std::vector<ObservedFlow> flows;
  std::vector<Exposure> exposures;
  std::vector<Grant> grants;
  std::vector<Pipeline> pipelines;
  std::vector<Weakness> weaknesses;
  std::vector<Dependency> dependencies;
  std::vector<Lockfile> lockfiles;
  std::vector<Unresolved> unresolved;
  std::vector<FileProblem> problems;
  std::vector<std::string> files;  ///< every file read, with the reader that read it
  std::vector<ServiceRecord> services;
  std::vector<ConfigValue> config_values;

  ObservedComponent* component(const std::string& id);
  const ObservedComponent* component(const std::string& id) const;
  /// Rewrites references by alias to component ids, drops duplicates and sorts every list
  /// for deterministic output. Called once after all files are read.
  void finish();
};

}  // namespace tw::observe
