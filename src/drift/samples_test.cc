// Drift and discover on the real infrastructure samples in ../shared/infra/samples (read in
// place, never copied). Skips (exit 77) with a message when ../shared is absent.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "drift/discover.h"
#include "drift/drift.h"
#include "load/loader.h"
#include "observe/scan.h"

namespace tw::drift {
namespace {

const std::string kSamples = std::string(TW_SOURCE_DIR) + "/../shared/infra/samples/";

const char* kEmptyModel = R"(threatwright: 1
system: {name: Empty, methodology: stride}
assets:
  - {id: a, name: A, value: low, impact: none}
components:
  - {id: app, type: process, kind: service}
)";

std::vector<Finding> drift_of(const std::vector<std::string>& rel,
                              const char* model_text = kEmptyModel,
                              const Mapping& map = {}) {
  std::vector<std::string> dirs;
  for (auto& r : rel) dirs.push_back(kSamples + r);
  static std::vector<load::LoadResult> keep;  // findings point into the model's sources
  keep.push_back(load::load_model_text("model.yaml", model_text));
  EXPECT_TRUE(keep.back().ok());
  return find_drift(*keep.back().model, observe::scan(dirs), map);
}

/// Findings with `code` whose file ends with `file` and whose message has `text`.
size_t count(const std::vector<Finding>& fs,
             const std::string& code,
             const std::string& file,
             const std::string& text = "") {
  size_t n = 0;
  for (const auto& f : fs) {
    const std::string& p = f.observed_at.file;
    if (f.code == code && p.size() >= file.size() &&
        p.compare(p.size() - file.size(), file.size(), file) == 0 &&
        f.message.find(text) != std::string::npos && f.observed_at.line > 0 &&
        f.observed_at.col > 0)
      ++n;
  }
  return n;
}

TEST(Samples, TerraGoat) {
  auto fs =
      drift_of({"terraform-hcl/bridgecrewio__terragoat",
                "terraform-plan/bridgecrewio__checkov/tests/terraform/runner/resources/plan"});
  EXPECT_EQ(count(fs, "public-bucket", "plan/tfplan.json", "aws_s3_bucket.data"), 1u);
  EXPECT_EQ(count(fs, "public-bucket", "gcp/gcs.tf", "allUsers"), 1u);
  EXPECT_EQ(count(fs, "public-database", "aws/db-app.tf", "aws_db_instance.default"), 1u);
  EXPECT_EQ(count(fs, "public-database", "plan/tfplan.json", "aws_db_instance.default"), 1u);
  EXPECT_EQ(count(fs, "unencrypted-database", "aws/db-app.tf", "aws_db_instance.default"), 1u);
  EXPECT_EQ(count(fs, "world-open-rule", "aws/ec2.tf", "port 22 (SSH)"), 1u);
  EXPECT_EQ(count(fs, "world-open-rule", "aws/ec2.tf", "port 80 (HTTP)"), 1u);
  EXPECT_EQ(count(fs, "world-open-rule", "plan/tfplan.json", "port 22 (SSH)"), 1u);
  EXPECT_EQ(count(fs, "world-open-rule", "gcp/networks.tf"), 1u);
  EXPECT_EQ(count(fs, "wildcard-iam", "aws/iam.tf", "s3:*"), 1u);
  EXPECT_EQ(count(fs, "wildcard-iam", "aws/db-app.tf", "on every resource"), 1u);
  EXPECT_EQ(count(fs, "wildcard-iam", "azure/roles.tf", "(*)"), 1u);
  // The position is the attribute's: db-app.tf line 22 is `publicly_accessible = true`.
  for (const auto& f : fs)
    if (f.code == "public-database" && f.observed_at.file.find("db-app.tf") != std::string::npos) {
      EXPECT_EQ(f.observed_at.line, 22u);
    }
}

TEST(Samples, CrapiMailUiIsPublic) {
  auto fs = drift_of({"kubernetes/OWASP__crAPI"});
  EXPECT_EQ(count(fs, "exposure-not-in-model", "mailhog/ingress.yaml", "mailhog"), 1u);
  // A model that states the exposure is not contradicted by it.
  auto known = drift_of({"kubernetes/OWASP__crAPI"}, R"(threatwright: 1
system: {name: crAPI, methodology: stride}
assets:
  - {id: a, name: A, value: low, impact: none}
components:
  - {id: mailhog, type: process, kind: service, internet_facing: true}
  - {id: web, type: process, kind: web-app, internet_facing: false}
)",
                        Mapping{{{"crapi-web", "web"}}});
  EXPECT_EQ(count(known, "exposure-not-in-model", "mailhog/ingress.yaml"), 0u);
  // Mapped by --map, the web front end's exposure contradicts the model's `false`.
  ASSERT_EQ(count(known, "exposure-not-in-model", "web/ingress.yaml"), 1u);
  for (const auto& f : known)
    if (f.code == "exposure-not-in-model") {
      EXPECT_EQ(f.element, "web");
      EXPECT_TRUE(f.model_at.valid());
      EXPECT_EQ(f.model_says, "internet_facing: false");
    }
}

TEST(Samples, KubernetesGoat) {
  auto fs = drift_of({"kubernetes/madhuakula__kubernetes-goat"});
  EXPECT_EQ(count(fs, "cluster-admin-binding", "insecure-rbac/setup.yaml", "cluster-admin"), 1u);
  EXPECT_GE(count(fs, "privileged-container", "health-check/deployment.yaml"), 1u);
  EXPECT_GE(count(fs, "privileged-container", "system-monitor/deployment.yaml"), 1u);
}

TEST(Samples, Workflows) {
  auto fs = drift_of({"github-actions"});
  EXPECT_EQ(count(fs, "untrusted-checkout", "toc-tou.yml", "pull_request_target"), 2u);
  EXPECT_EQ(count(fs, "untrusted-checkout", "deploy-pr.yaml", "workflow_run"), 1u);
  EXPECT_EQ(count(fs, "unpinned-action", "terragoat/.github/workflows/build.yaml",
                  "bridgecrewio/yor-action@main"),
            1u);
  EXPECT_EQ(count(fs, "unpinned-action", "tj-actions-changed-files-incident.yaml",
                  "tj-actions/changed-files@v35"),
            1u);
  // The safe pull_request_target (no checkout of PR code) is not an untrusted checkout.
  EXPECT_EQ(count(fs, "untrusted-checkout", "cleanup.yaml"), 0u);
  EXPECT_EQ(count(fs, "untrusted-checkout", "pr-compliance.yml"), 0u);
}

TEST(Samples, OpenApiOperationsWithoutSecurity) {
  auto fs = drift_of({"openapi"});
  EXPECT_GE(count(fs, "operation-without-security", "crapi-openapi-spec.json", "security: []"), 9u);
  EXPECT_EQ(count(fs, "operation-without-security", "crapi-openapi-spec.json",
                  "POST /identity/api/auth/login "),
            1u);
  EXPECT_EQ(count(fs, "operation-without-security", "crapi-openapi-spec.json",
                  "GET /workshop/api/mechanic/receive_report"),
            1u);
  EXPECT_EQ(count(fs, "operation-without-security", "petstore-expanded.yaml"), 4u);
  // Root-level security covers every operation.
  EXPECT_EQ(count(fs, "operation-without-security", "juice-shop/swagger.yml"), 0u);
  EXPECT_EQ(count(fs, "operation-without-security", "resend.yaml"), 0u);
}

TEST(Samples, QuietOnCleanSamples) {
  for (const char* clean :
       {"github-actions/zizmorcore__zizmor/.github/workflows/ci.yml",
        "github-actions/sigstore__sigstore-python/.github/workflows/release.yml",
        "cloudformation/aws-cloudformation__aws-cloudformation-templates/S3/compliant-bucket.yaml",
        "openapi/juice-shop__juice-shop/swagger.yml"}) {
    auto fs = drift_of({clean});
    for (const auto& f : fs)
      EXPECT_EQ(f.severity, engine::Severity::Info) << clean << ": " << f.message;
  }
}

TEST(Samples, Lockfiles) {
  auto obs = observe::scan({kSamples + "lockfiles"});
  EXPECT_TRUE(obs.problems.empty());
  std::map<std::string, const observe::Lockfile*> by_file;
  for (const auto& l : obs.lockfiles) by_file[l.where.file.substr(kSamples.size() + 10)] = &l;
  ASSERT_EQ(by_file.size(), 8u);  // the requirements.in input is not a lockfile
  const auto* sig = by_file["sigstore__sigstore-python/install/requirements.txt"];
  ASSERT_NE(sig, nullptr);
  EXPECT_GT(sig->packages, 10u);
  EXPECT_EQ(sig->hashed, sig->packages);  // pip-compile --generate-hashes
  EXPECT_EQ(sig->pinned, sig->packages);
  const auto* work = by_file["OWASP__crAPI/services/workshop/requirements.txt"];
  ASSERT_NE(work, nullptr);
  EXPECT_EQ(work->hashed, 0u);
  EXPECT_LT(work->pinned, work->packages);  // Django~=4.1.13 and other ranges
  const auto* npm =
      by_file["GoogleCloudPlatform__microservices-demo/src/currencyservice/package-lock.json"];
  ASSERT_NE(npm, nullptr);
  EXPECT_EQ(npm->format, "package-lock.json v3");
  EXPECT_GT(npm->packages, 50u);
  EXPECT_EQ(npm->hashed, npm->packages);
  EXPECT_EQ(by_file["zizmorcore__zizmor/Cargo.lock"]->format, "Cargo.lock v4");
  EXPECT_GT(by_file["zizmorcore__zizmor/Cargo.lock"]->hashed, 100u);
  EXPECT_EQ(by_file["OWASP__pytm/poetry.lock"]->format, "poetry.lock 2.1");
  EXPECT_EQ(by_file["OWASP__pytm/poetry.lock"]->hashed,
            by_file["OWASP__pytm/poetry.lock"]->packages);
  EXPECT_EQ(by_file["OWASP__crAPI/services/gateway-service/go.sum"]->ecosystem, "go");

  // Against a model that claims hashes and pins for Python: crAPI's workshop has neither.
  auto fs = drift_of({"lockfiles/OWASP__crAPI"}, R"(threatwright: 1
system: {name: crAPI, methodology: stride}
assets:
  - {id: a, name: A, value: low, impact: none}
components:
  - {id: app, type: process, kind: service}
supply_chain:
  - {id: py, kind: library, ecosystem: pypi, source: public-registry, pinned: true,
     integrity_checked: true, used_by: [app]}
)");
  EXPECT_EQ(count(fs, "integrity-not-in-lockfile", "workshop/requirements.txt", "pypi"), 1u);
  EXPECT_EQ(count(fs, "unpinned-dependency", "workshop/requirements.txt"), 1u);
  EXPECT_EQ(count(fs, "ecosystem-not-in-model", "gateway-service/go.sum", "go"), 1u);
  // sigstore's hashed, pinned requirements do not contradict that claim.
  auto quiet = drift_of({"lockfiles/sigstore__sigstore-python"}, R"(threatwright: 1
system: {name: S, methodology: stride}
assets:
  - {id: a, name: A, value: low, impact: none}
components:
  - {id: app, type: process, kind: service}
supply_chain:
  - {id: py, kind: library, ecosystem: pypi, source: public-registry, pinned: true,
     integrity_checked: true, used_by: [app]}
)");
  for (const auto& f : quiet) EXPECT_EQ(f.severity, engine::Severity::Info) << f.message;
}

/// Discovers `dirs`, loads the draft, and returns it.
std::unique_ptr<model::Model> discover(const std::vector<std::string>& rel) {
  std::vector<std::string> dirs;
  for (auto& r : rel) dirs.push_back(kSamples + r);
  auto obs = observe::scan(dirs);
  DiscoverOptions o;
  o.inputs = rel;
  std::string text = discover_model(obs, o);
  auto r = load::load_model_text("draft.yaml", text);
  EXPECT_TRUE(r.ok()) << text;
  EXPECT_FALSE(r.diagnostics.has_errors());
  return std::move(r.model);
}

bool has_flow(const model::Model& m, const std::string& from, const std::string& to) {
  for (const auto& f : m.flows)
    if (f.from.id == from && f.to.id == to) return true;
  return false;
}

TEST(Samples, DiscoverCrapi) {
  auto m = discover({"compose/OWASP__crAPI", "kubernetes/OWASP__crAPI", "openapi/OWASP__crAPI",
                     "github-actions/OWASP__crAPI"});
  ASSERT_TRUE(m);
  for (const char* pub : {"crapi-web", "mailhog"}) {
    ASSERT_NE(m->component(pub), nullptr) << pub;
    EXPECT_EQ(m->component(pub)->internet_facing, true) << pub;
    EXPECT_TRUE(has_flow(*m, "internet-user", pub)) << pub;
  }
  EXPECT_EQ(m->component("postgresdb")->effective_kind(), "sql-database");
  EXPECT_EQ(m->component("mongodb")->effective_kind(), "nosql-database");
  EXPECT_TRUE(has_flow(*m, "crapi-identity", "postgresdb"));
  EXPECT_TRUE(has_flow(*m, "crapi-workshop", "mongodb"));
  EXPECT_TRUE(has_flow(*m, "crapi-web", "crapi-identity"));
  EXPECT_NE(m->component("workflow-pr-build"), nullptr);
  EXPECT_FALSE(m->supply_chain.empty());
  // compose's api.mypremiumdealership.com and Kubernetes' gateway-service run one image: one
  // component, whose flows come from both sources.
  bool compose_gateway = m->component("api-mypremiumdealership-com") != nullptr;
  bool k8s_gateway = m->component("gateway-service") != nullptr;
  EXPECT_TRUE(compose_gateway != k8s_gateway);
  std::string gateway = compose_gateway ? "api-mypremiumdealership-com" : "gateway-service";
  EXPECT_TRUE(has_flow(*m, "crapi-identity", gateway));
  EXPECT_TRUE(has_flow(*m, "crapi-workshop", gateway));
  // Both names stay reachable for drift: one as the id, the other as the name.
  const model::Component* gw = m->component(gateway);
  EXPECT_NE(slug(gw->name), gw->id);
  // With its lockfiles, the workshop's Python packages are an unpinned, unhashed entry used by
  // the workshop service.
  auto with_locks = discover({"compose/OWASP__crAPI", "lockfiles/OWASP__crAPI"});
  ASSERT_TRUE(with_locks);
  const model::SupplyItem* py = nullptr;
  for (const auto& si : with_locks->supply_chain)
    if (si.ecosystem == "pypi") py = &si;
  ASSERT_NE(py, nullptr);
  EXPECT_EQ(py->pinned, false);
  EXPECT_EQ(py->integrity_checked, false);
  ASSERT_EQ(py->used_by.size(), 1u);
  EXPECT_EQ(py->used_by[0].id, "crapi-workshop");
}

TEST(Samples, DiscoverMicroservicesDemo) {
  auto m = discover({"kubernetes/GoogleCloudPlatform__microservices-demo",
                     "terraform-hcl/GoogleCloudPlatform__microservices-demo",
                     "github-actions/GoogleCloudPlatform__microservices-demo"});
  ASSERT_TRUE(m);
  ASSERT_NE(m->component("frontend"), nullptr);
  EXPECT_EQ(m->component("frontend")->internet_facing, true);
  EXPECT_EQ(m->component("redis-cart")->effective_kind(), "cache");
  EXPECT_TRUE(has_flow(*m, "frontend", "cartservice"));
  EXPECT_TRUE(has_flow(*m, "checkoutservice", "paymentservice"));
  EXPECT_TRUE(has_flow(*m, "cartservice", "redis-cart"));
  for (const auto& f : m->flows)
    if (f.from.id == "frontend" && f.to.id == "productcatalogservice") {
      EXPECT_EQ(f.protocol, "grpc");
    }
}

TEST(Samples, DiscoverTerraGoat) {
  auto m = discover({"terraform-hcl/bridgecrewio__terragoat"});
  ASSERT_TRUE(m);
  const model::Component* db = m->component("default-db-instance");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->type, model::ComponentType::DataStore);
  EXPECT_EQ(db->internet_facing, true);
  EXPECT_EQ(db->encrypted_at_rest, false);
  EXPECT_EQ(m->component("terragoat-website")->internet_facing, true);
  EXPECT_TRUE(has_flow(*m, "db-app", "default-db-instance"));
  EXPECT_TRUE(has_flow(*m, "weblb", "web-host"));
}

}  // namespace
}  // namespace tw::drift

int main(int argc, char** argv) {
  if (!std::filesystem::is_directory(tw::drift::kSamples)) {
    std::printf("SKIP: %s is absent (the infrastructure samples live in ../shared)\n",
                tw::drift::kSamples.c_str());
    return 77;
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
