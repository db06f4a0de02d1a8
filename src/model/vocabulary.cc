#include "model/vocabulary.h"

#include <algorithm>

namespace tw::model {

namespace {

using T = ComponentType;

template <class V>
auto find_sorted(const std::vector<V>& v, std::string_view id) -> const V* {
  auto it = std::lower_bound(v.begin(), v.end(), id,
                             [](const V& x, std::string_view k) { return x.id < k; });
  return it != v.end() && it->id == id ? &*it : nullptr;
}

const Synonym* find_word(const std::vector<Synonym>& v, std::string_view word) {
  auto it = std::lower_bound(v.begin(), v.end(), word,
                             [](const Synonym& x, std::string_view k) { return x.word < k; });
  return it != v.end() && it->word == word ? &*it : nullptr;
}

}  // namespace

const std::vector<KindInfo>& builtin_kinds() {
  static const std::vector<KindInfo> v = {
      {"admin-console", T::Process, "administration UI or API for operators"},
      {"ai-agent", T::Process, "an AI agent that acts with the system's permissions"},
      {"api", T::Process, "an HTTP, gRPC or GraphQL API that serves requests"},
      {"api-gateway", T::Process, "routes, authenticates and rate-limits API calls"},
      {"auth-service", T::Process, "the system's own authentication service"},
      {"authorization-service", T::Process, "a policy decision service"},
      {"bastion", T::Process, "a jump host for operator access"},
      {"batch", T::Process, "a batch job (runs on its own, serves no requests)"},
      {"browser", T::ExternalEntity, "a user's web browser"},
      {"build-server", T::Process, "builds artefacts (serves no requests)"},
      {"cache", T::DataStore, "an in-memory cache (Redis, Memcached)"},
      {"cdn", T::Process, "a content delivery network (forwards requests)"},
      {"ci-pipeline", T::Process, "a CI/CD pipeline (CI rules apply)"},
      {"cli", T::Process, "a command-line tool"},
      {"cloud-api", T::ExternalEntity, "a cloud provider's API"},
      {"consumer", T::Process, "consumes messages from a queue or stream"},
      {"container-registry", T::DataStore, "stores container images"},
      {"cron", T::Process, "a scheduled job"},
      {"daemon", T::Process, "a background process (serves no requests)"},
      {"data-warehouse", T::DataStore, "an analytics store"},
      {"desktop-app", T::ExternalEntity, "an application on a user's computer"},
      {"device", T::ExternalEntity, "a physical device (physical access applies)"},
      {"directory", T::DataStore, "a directory of identities (LDAP, Active Directory)"},
      {"edge", T::Process, "an edge proxy (forwards requests)"},
      {"event-bus", T::DataStore, "passes events to subscribers"},
      {"external-api", T::ExternalEntity, "a third party's API"},
      {"file-system", T::DataStore, "files on disk or a network share"},
      {"firewall", T::Process, "filters traffic (forwards requests)"},
      {"gateway", T::Process, "forwards requests to the services behind it"},
      {"git-repository", T::DataStore, "source code under version control"},
      {"hsm", T::Process, "a hardware security module"},
      {"identity-provider", T::Process, "issues identities and tokens (OIDC, SAML)"},
      {"ingress", T::Process, "a cluster's entry point (forwards requests)"},
      {"ingress-controller", T::Process, "a Kubernetes ingress controller (forwards requests)"},
      {"iot-device", T::ExternalEntity, "a device in the field (physical access applies)"},
      {"job", T::Process, "a one-off or scheduled job"},
      {"key-management", T::Process, "a key management service (KMS)"},
      {"kiosk", T::ExternalEntity, "a public terminal (physical access applies)"},
      {"load-balancer", T::Process, "spreads requests over servers (forwards requests)"},
      {"log-store", T::DataStore, "where logs are collected"},
      {"message-broker", T::DataStore, "passes messages to consumers"},
      {"mobile-app", T::ExternalEntity, "an app on a user's phone"},
      {"nosql-database", T::DataStore, "a document or key-value database"},
      {"object-store", T::DataStore, "a bucket store (S3, GCS, Azure Blob)"},
      {"package-registry", T::DataStore, "a package registry (npm, PyPI, ...)"},
      {"partner", T::ExternalEntity, "a partner organisation's system"},
      {"payment-provider", T::ExternalEntity, "a payment service provider"},
      {"policy-engine", T::Process, "evaluates authorization policies"},
      {"pos-terminal", T::ExternalEntity, "a point-of-sale terminal (physical access applies)"},
      {"proxy", T::Process, "a forward or reverse proxy (forwards requests)"},
      {"queue", T::DataStore, "a message queue"},
      {"reverse-proxy", T::Process, "a reverse proxy (forwards requests)"},
      {"runner", T::Process, "a CI runner (serves no requests)"},
      {"runtime", T::Process, "a shared runtime others run on: hypervisor, cluster, host"},
      {"saas", T::ExternalEntity, "a software-as-a-service product"},
      {"scheduler", T::Process, "starts jobs on a schedule"},
      {"search-index", T::DataStore, "a search engine's index"},
      {"secret-store", T::DataStore, "holds secrets and credentials"},
      {"service", T::Process, "an internal service that serves requests"},
      {"service-mesh", T::Process, "a service mesh's proxies (forwards requests)"},
      {"sql-database", T::DataStore, "a relational database"},
      {"stream", T::DataStore, "an event stream (Kafka, Kinesis)"},
      {"stream-processor", T::Process, "processes a stream (serves no requests)"},
      {"topic", T::DataStore, "a publish-subscribe topic"},
      {"user", T::ExternalEntity, "a person"},
      {"waf", T::Process, "a web application firewall (forwards requests)"},
      {"web-app", T::Process, "a web application that serves pages"},
      {"web-server", T::Process, "serves static content or hosts applications"},
      {"worker", T::Process, "processes jobs or messages (serves no requests)"},
  };
  return v;
}

const KindInfo* builtin_kind(std::string_view id) { return find_sorted(builtin_kinds(), id); }

const std::vector<ProtocolInfo>& builtin_protocols() {
  static const std::vector<ProtocolInfo> v = {
      {"amqp", false, "AMQP (RabbitMQ) in cleartext"},
      {"amqps", true, "AMQP over TLS"},
      {"dns", false, "DNS"},
      {"file", std::nullopt, "files on a shared disk"},
      {"ftp", false, "FTP"},
      {"ftps", true, "FTP over TLS"},
      {"git", false, "the git protocol"},
      {"grpc", false, "gRPC in cleartext"},
      {"grpc-tls", true, "gRPC over TLS"},
      {"h2", true, "HTTP/2 over TLS"},
      {"http", false, "HTTP in cleartext"},
      {"https", true, "HTTP over TLS"},
      {"imap", false, "IMAP"},
      {"imaps", true, "IMAP over TLS"},
      {"ipc", std::nullopt, "inter-process communication on one host"},
      {"ipsec", true, "an IPsec tunnel"},
      {"kafka", false, "the Kafka protocol in cleartext"},
      {"kafka-tls", true, "the Kafka protocol over TLS"},
      {"ldap", false, "LDAP"},
      {"ldaps", true, "LDAP over TLS"},
      {"memcached", false, "the Memcached protocol"},
      {"mqtt", false, "MQTT in cleartext"},
      {"mqtts", true, "MQTT over TLS"},
      {"nfs", false, "NFS"},
      {"ntp", false, "NTP"},
      {"rdp", std::nullopt, "Remote Desktop (remote administration)"},
      {"redis", false, "the Redis protocol in cleartext"},
      {"redis-tls", true, "the Redis protocol over TLS"},
      {"rsync", false, "rsync's own protocol"},
      {"scp", true, "scp over SSH"},
      {"sftp", true, "SFTP over SSH"},
      {"smb", false, "SMB file sharing"},
      {"smtp", false, "SMTP"},
      {"smtps", true, "SMTP over TLS"},
      {"snmp", false, "SNMP"},
      {"sql", false, "a database protocol in cleartext"},
      {"sql-tls", true, "a database protocol over TLS"},
      {"ssh", true, "SSH (remote administration)"},
      {"stdio", std::nullopt, "standard input and output of a child process"},
      {"syslog", false, "syslog"},
      {"tcp", false, "raw TCP"},
      {"telnet", false, "telnet (remote administration)"},
      {"tls", true, "TLS"},
      {"udp", false, "raw UDP"},
      {"vnc", false, "VNC (remote administration)"},
      {"winrm", std::nullopt, "Windows Remote Management (remote administration)"},
      {"wireguard", true, "a WireGuard tunnel"},
      {"ws", false, "WebSocket in cleartext"},
      {"wss", true, "WebSocket over TLS"},
  };
  return v;
}

const ProtocolInfo* builtin_protocol(std::string_view id) {
  return find_sorted(builtin_protocols(), id);
}

const std::vector<std::string_view>& builtin_ecosystems() {
  static const std::vector<std::string_view> v = {
      "alpine",    "apt",       "bitbucket-pipelines",
      "cargo",     "cocoapods", "composer",
      "conan",     "conda",     "cran",
      "debian",    "docker",    "github-actions",
      "gitlab-ci", "go",        "gradle",
      "hackage",   "helm",      "hex",
      "homebrew",  "maven",     "npm",
      "nuget",     "oci",       "packagist",
      "pub",       "pypi",      "rpm",
      "rubygems",  "swift",     "terraform",
      "vcpkg",     "yarn",
  };
  return v;
}

const std::vector<std::string_view>& builtin_sources() {
  static const std::vector<std::string_view> v = {"private-registry", "public-registry",
                                                  "vendored"};
  return v;
}

const std::vector<Synonym>& kind_synonyms() {
  static const std::vector<Synonym> v = [] {
    std::vector<Synonym> s = {
        {"activemq", "queue", true},
        {"admin", "admin-console", false},
        {"admin-dashboard", "admin-console", false},
        {"admin-panel", "admin-console", false},
        {"admin-ui", "admin-console", false},
        {"akamai", "cdn", true},
        {"alb", "load-balancer", true},
        {"aurora", "sql-database", true},
        {"auth0", "identity-provider", true},
        {"back-office", "admin-console", false},
        {"backend", "api", false},
        {"backoffice", "admin-console", false},
        {"bucket", "object-store", false},
        {"caddy", "reverse-proxy", true},
        {"cassandra", "nosql-database", true},
        {"circleci", "ci-pipeline", true},
        {"cloudflare", "cdn", true},
        {"cloudfront", "cdn", true},
        {"cockroachdb", "sql-database", true},
        {"cognito", "identity-provider", true},
        {"cosmosdb", "nosql-database", true},
        {"couchdb", "nosql-database", true},
        {"database", "sql-database", false},
        {"db", "sql-database", false},
        {"dynamodb", "nosql-database", true},
        {"elasticsearch", "search-index", true},
        {"elb", "load-balancer", true},
        {"envoy", "reverse-proxy", true},
        {"fastly", "cdn", true},
        {"firestore", "nosql-database", true},
        {"frontend", "web-app", false},
        {"gcs", "object-store", true},
        {"github-actions", "ci-pipeline", true},
        {"gitlab-ci", "ci-pipeline", true},
        {"haproxy", "load-balancer", true},
        {"idp", "identity-provider", false},
        {"jenkins", "ci-pipeline", true},
        {"kafka", "stream", true},
        {"keycloak", "identity-provider", true},
        {"kinesis", "stream", true},
        {"kms", "key-management", true},
        {"mariadb", "sql-database", true},
        {"memcached", "cache", true},
        {"microservice", "service", false},
        {"minio", "object-store", true},
        {"mongo", "nosql-database", true},
        {"mongodb", "nosql-database", true},
        {"mssql", "sql-database", true},
        {"mysql", "sql-database", true},
        {"nats", "queue", true},
        {"nginx", "reverse-proxy", true},
        {"okta", "identity-provider", true},
        {"opensearch", "search-index", true},
        {"oracle", "sql-database", true},
        {"postgres", "sql-database", true},
        {"postgresql", "sql-database", true},
        {"rabbitmq", "message-broker", true},
        {"rdbms", "sql-database", false},
        {"redis", "cache", true},
        {"rest-api", "api", false},
        {"s3", "object-store", true},
        {"sftp-server", "file-system", false},
        {"spa", "web-app", false},
        {"splunk", "log-store", true},
        {"stripe", "payment-provider", true},
        {"paypal", "payment-provider", true},
        {"adyen", "payment-provider", true},
        {"sqlite", "sql-database", true},
        {"sqlserver", "sql-database", true},
        {"sqs", "queue", true},
        {"traefik", "reverse-proxy", true},
        {"vault", "secret-store", true},
        {"website", "web-app", false},
    };
    std::sort(s.begin(), s.end(),
              [](const Synonym& a, const Synonym& b) { return a.word < b.word; });
    return s;
  }();
  return v;
}

const std::vector<Synonym>& protocol_synonyms() {
  static const std::vector<Synonym> v = [] {
    std::vector<Synonym> s = {
        {"amqp-tls", "amqps", false}, {"graphql", "https", false}, {"grpcs", "grpc-tls", false},
        {"http2", "h2", false},       {"jdbc", "sql", true},       {"mqtt-tls", "mqtts", false},
        {"mtls", "tls", false},       {"mysql", "sql", true},      {"postgres", "sql", true},
        {"postgresql", "sql", true},  {"rest", "https", false},    {"s3", "https", true},
        {"ssl", "tls", false},        {"websocket", "wss", false}, {"websockets", "wss", false},
    };
    std::sort(s.begin(), s.end(),
              [](const Synonym& a, const Synonym& b) { return a.word < b.word; });
    return s;
  }();
  return v;
}

const Synonym* kind_synonym(std::string_view word) { return find_word(kind_synonyms(), word); }

const Synonym* protocol_synonym(std::string_view word) {
  return find_word(protocol_synonyms(), word);
}

}  // namespace tw::model
