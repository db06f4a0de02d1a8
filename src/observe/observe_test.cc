#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "observe/doc.h"
#include "observe/scan.h"

namespace tw::observe {
namespace {

bool has_weakness(const ObservedSystem& s, const std::string& code, const std::string& comp) {
  for (auto& w : s.weaknesses)
    if (w.code == code && w.component == comp) return true;
  return false;
}

TEST(Doc, KeepsTagsPositionsAndDocuments) {
  auto p = parse_documents("a: !Ref X\n---\nb: [1, 2]\n");
  ASSERT_TRUE(p.error.empty()) << p.error;
  ASSERT_EQ(p.documents.size(), 2u);
  const Doc* a = p.documents[0]->get("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->tag, "!Ref");
  EXPECT_EQ(a->text, "X");
  EXPECT_EQ(a->line, 1u);
  EXPECT_EQ(a->col, 4u);
  EXPECT_EQ(p.documents[1]->get("b")->items.size(), 2u);
}

TEST(Doc, HostileInputEndsWithAnError) {
  std::string deep(100000, '[');
  auto p = parse_documents(deep);
  EXPECT_FALSE(p.error.empty());
  EXPECT_GT(p.error_line, 0u);
  auto bad = parse_documents("a: [1, 2\n");
  EXPECT_FALSE(bad.error.empty());
}

TEST(Hcl, LiteralsAndExpressions) {
  ObservedSystem s;
  read_text("main.tf", R"(
resource "aws_db_instance" "db" {
  publicly_accessible = true
  storage_encrypted   = var.encrypt
}
resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/8"]
  }
}
)",
            s);
  s.finish();
  EXPECT_TRUE(has_weakness(s, "public-database", "aws_db_instance.db"));
  EXPECT_FALSE(has_weakness(s, "unencrypted-database", "aws_db_instance.db"));
  ASSERT_EQ(s.unresolved.size(), 1u);
  EXPECT_EQ(s.unresolved[0].where.str(), "main.tf:4:25");
  int world = 0;
  for (auto& w : s.weaknesses)
    if (w.code == "world-open-rule") {
      ++world;
      EXPECT_EQ(w.where.line, 10u);
      EXPECT_NE(w.message.find("SSH"), std::string::npos);
    }
  EXPECT_EQ(world, 1);
}

TEST(Hcl, BrokenFileIsAProblemNotACrash) {
  ObservedSystem s;
  read_text("bad.tf", "resource \"a\" \"b\" {\n  x = \"unterminated\n", s);
  ASSERT_FALSE(s.problems.empty());
  EXPECT_EQ(s.problems[0].where.file, "bad.tf");
}

TEST(Kubernetes, ServiceExposesSelectedWorkloadAndEnvIsAFlow) {
  ObservedSystem s;
  read_text("k.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: w
          image: example/web:1
          env: [{name: DB, value: "db:5432"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: p, image: postgres:16, securityContext: {privileged: true}}]
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
)",
            s);
  s.finish();
  ASSERT_NE(s.component("web"), nullptr);
  EXPECT_EQ(s.component("web")->internet_facing, true);
  EXPECT_EQ(s.component("db")->kind, "sql-database");
  EXPECT_TRUE(has_weakness(s, "privileged-container", "db"));
  ASSERT_EQ(s.flows.size(), 1u);
  EXPECT_EQ(s.flows[0].from, "web");
  EXPECT_EQ(s.flows[0].to, "db");
  EXPECT_EQ(s.flows[0].protocol, "sql");
  EXPECT_EQ(s.flows[0].where.str(), "k.yaml:11:35");
}

TEST(Workflow, UnpinnedThirdPartyAndUntrustedCheckout) {
  ObservedSystem s;
  read_text(".github/workflows/x.yml", R"(on: pull_request_target
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: {ref: "${{ github.event.pull_request.head.sha }}"}
      - uses: some/action@main
      - uses: other/action@0123456789abcdef0123456789abcdef01234567
)",
            s);
  s.finish();
  EXPECT_TRUE(has_weakness(s, "untrusted-checkout", "workflow-x"));
  int unpinned = 0;
  for (auto& w : s.weaknesses)
    if (w.code == "unpinned-action") ++unpinned;
  EXPECT_EQ(unpinned, 1);
}

TEST(CloudFormation, ResolvesParameterDefaultsAndReportsTheRest) {
  ObservedSystem s;
  read_text("t.yaml", R"(Parameters:
  Open: {Type: String, Default: 0.0.0.0/0}
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Open}
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: !ImportValue Shared}
)",
            s);
  s.finish();
  EXPECT_TRUE(has_weakness(s, "world-open-rule", "Sg"));
  ASSERT_EQ(s.unresolved.size(), 1u);
  EXPECT_NE(s.unresolved[0].what.find("ImportValue"), std::string::npos);
}

TEST(OpenApi, OperationsWithoutSecurity) {
  ObservedSystem s;
  read_text("api.yaml", R"(openapi: 3.0.0
info: {title: Shop}
security: [{bearer: []}]
paths:
  /login: {post: {security: []}}
  /orders: {get: {}}
)",
            s);
  s.finish();
  int n = 0;
  for (auto& w : s.weaknesses)
    if (w.code == "operation-without-security") {
      ++n;
      EXPECT_NE(w.message.find("POST /login"), std::string::npos);
    }
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace tw::observe

namespace tw::observe {
namespace {

struct TempTree {
  std::string root;
  TempTree() {
    char tmpl[] = "/tmp/tw-observe-XXXXXX";
    root = mkdtemp(tmpl);
  }
  ~TempTree() { std::filesystem::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    auto p = std::filesystem::path(root) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
};

const char* kCompose = "services:\n  web:\n    image: shop/web:1\n    ports: [\"8080:80\"]\n";
const char* kComposeClosed = "services:\n  web:\n    image: shop/web:1\n";

bool exposed(const ObservedSystem& s, const std::string& id) {
  for (const auto& e : s.exposures)
    if (e.component == id) return true;
  return false;
}

TEST(Scan, ReplacementsGiveTheSystemAfterAChange) {
  TempTree t;
  t.write("deploy/compose.yaml", kComposeClosed);
  t.write("deploy/old.yaml", kCompose);
  ObservedSystem before = scan({t.root});
  EXPECT_EQ(before.files.size(), 2u);
  Replacements r;
  r[t.root + "/deploy/compose.yaml"] = std::string(kCompose);  // changed
  r[t.root + "/deploy/old.yaml"] = std::nullopt;               // deleted
  r[t.root + "/deploy/new/k8s.yaml"] = std::string(
      "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: "
      "LoadBalancer, ports: [{port: 5432}]}\n");                 // added
  r[t.root + "/../outside.yaml"] = std::string(kCompose);        // not under the folder: ignored
  r[t.root + "/deploy/.hidden/x.yaml"] = std::string(kCompose);  // scan() skips hidden folders
  ObservedSystem after = scan({t.root}, {}, &r);
  ASSERT_EQ(after.files.size(), 2u);
  EXPECT_EQ(after.files[0], t.root + "/deploy/compose.yaml (compose)");
  EXPECT_EQ(after.files[1], t.root + "/deploy/new/k8s.yaml (kubernetes)");
  EXPECT_TRUE(exposed(after, "web"));
  // The disk is untouched.
  ObservedSystem again = scan({t.root});
  EXPECT_EQ(again.files.size(), 2u);
}

TEST(Scan, ReadFilesReadsOnlyWhatScanWouldRead) {
  ObservedSystem s = read_files({{"a/compose.yaml", kCompose},
                                 {"a/node_modules/x/compose.yaml", kCompose},
                                 {".git/compose.yaml", kCompose},
                                 {"a/readme.md", kCompose},
                                 {".github/workflows/ci.yml", "on: push\njobs: {}\n"}});
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.files[0], ".github/workflows/ci.yml (github-actions)");
  EXPECT_EQ(s.files[1], "a/compose.yaml (compose)");
  EXPECT_TRUE(exposed(s, "web"));
  ScanLimits tight;
  tight.max_file_bytes = 10;
  ObservedSystem small = read_files({{"a/compose.yaml", kCompose}}, tight);
  EXPECT_TRUE(small.files.empty());
  ASSERT_EQ(small.problems.size(), 1u);
  EXPECT_NE(small.problems[0].message.find("too large"), std::string::npos);
}

TEST(Scan, ScannedPath) {
  EXPECT_TRUE(scanned_path("main.tf"));
  EXPECT_TRUE(scanned_path("k8s/app.yml"));
  EXPECT_TRUE(scanned_path(".github/workflows/ci.yaml"));
  EXPECT_FALSE(scanned_path(".terraform/modules/x.tf"));
  EXPECT_FALSE(scanned_path("web/node_modules/p/package.json"));
  EXPECT_FALSE(scanned_path("README.md"));
}

}  // namespace
}  // namespace tw::observe
