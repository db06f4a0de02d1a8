#include <gtest/gtest.h>

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
