#include "drift/drift.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "drift/discover.h"
#include "load/loader.h"
#include "observe/scan.h"

namespace tw::drift {
namespace {

const char* kModel = R"(threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: web, name: Web, type: process, kind: web-app, internet_facing: false}
  - {id: db, name: Orders DB, type: data-store, kind: sql-database, stores: [orders],
     encrypted_at_rest: true}
  - {id: api, type: process, kind: api, authentication: none}
flows:
  - {id: web-db, from: web, to: db, protocol: sql, encrypted: true}
)";

const char* kInfra = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: w, image: shop/web:1, env: [{name: API, value: "http://api:8080"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 443}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: a, image: shop/api:1}]
)";

struct Fixture {
  load::LoadResult model = load::load_model_text("model.yaml", kModel);
  observe::ObservedSystem obs;
  Fixture() {
    observe::read_text("k8s/app.yaml", kInfra, obs);
    obs.finish();
  }
};

const Finding* find(const std::vector<Finding>& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return &f;
  return nullptr;
}

TEST(Drift, ExposureContradictsTheModelWithBothPositions) {
  Fixture fx;
  ASSERT_TRUE(fx.model.ok());
  auto fs = find_drift(*fx.model.model, fx.obs, {});
  const Finding* e = find(fs, "exposure-not-in-model");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->severity, engine::Severity::High);
  EXPECT_EQ(e->observed_at.str(), "k8s/app.yaml:14:14");
  EXPECT_EQ(e->element, "web");
  EXPECT_EQ(e->model_at.line, 6u);
  EXPECT_EQ(e->model_says, "internet_facing: false");
  std::string text = render_text(fs, fx.obs);
  EXPECT_NE(text.find("k8s/app.yaml:14:14: high: web is reachable from the internet (Service web "
                      "of type LoadBalancer (port 443)); the model's web says internet_facing: "
                      "false [exposure-not-in-model]\n  model: model.yaml:6:10: web "
                      "(internet_facing: false)\n"),
            std::string::npos)
      << text;
}

TEST(Drift, FlowMissingFromTheModel) {
  Fixture fx;
  auto fs = find_drift(*fx.model.model, fx.obs, {});
  const Finding* f = find(fs, "flow-not-in-model");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("web talks to api over http on port 8080"), std::string::npos);
  EXPECT_EQ(f->observed_at.line, 9u);
}

TEST(Drift, ModelOnlyComponentIsANote) {
  Fixture fx;
  auto fs = find_drift(*fx.model.model, fx.obs, {});
  const Finding* f = find(fs, "component-not-observed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->element, "db");
  EXPECT_EQ(f->severity, engine::Severity::Info);
}

TEST(Drift, MappingTiesDifferentNames) {
  Fixture fx;
  Mapping map;
  map.to_model["web"] = "api";  // a deliberately odd mapping: web is the model's api
  auto fs = find_drift(*fx.model.model, fx.obs, map);
  const Finding* e = find(fs, "exposure-not-in-model");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->element, "api");
}

TEST(Drift, JsonSarifAndMarkdown) {
  Fixture fx;
  auto fs = find_drift(*fx.model.model, fx.obs, {});
  auto j = nlohmann::json::parse(render_json(fs, fx.obs));
  ASSERT_TRUE(j["findings"].is_array());
  EXPECT_EQ(j["findings"][0]["code"], "exposure-not-in-model");
  EXPECT_EQ(j["findings"][0]["observed"]["line"], 14);
  EXPECT_EQ(j["findings"][0]["model"]["id"], "web");
  auto s = nlohmann::json::parse(render_sarif(fs, "1.2.3"));
  EXPECT_EQ(s["version"], "2.1.0");
  auto& r0 = s["runs"][0]["results"][0];
  EXPECT_EQ(r0["ruleId"], "drift/exposure-not-in-model");
  EXPECT_EQ(r0["level"], "error");
  EXPECT_EQ(r0["locations"][0]["physicalLocation"]["region"]["startLine"], 14);
  EXPECT_EQ(r0["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "model.yaml");
  std::string md = render_markdown(fs, fx.obs);
  EXPECT_NE(md.find("| high | `k8s/app.yaml:14:14` | `model.yaml:6:10` |"), std::string::npos)
      << md;
}

TEST(Drift, MarkdownEscapesHostileNames) {
  observe::ObservedSystem obs;
  obs.weaknesses.push_back({"public-bucket", "", "bucket <script>|x is public", {"a|b.tf", 1, 1}});
  std::vector<Finding> fs{{"public-bucket",
                           engine::Severity::High,
                           "bucket <script>|x",
                           "",
                           {"a|b.tf", 1, 1},
                           "",
                           {},
                           "",
                           ""}};
  std::string md = render_markdown(fs, obs);
  EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
  EXPECT_EQ(md.find("x |"), std::string::npos) << md;
}

TEST(Discover, DraftLoadsAndCitesSources) {
  Fixture fx;
  DiscoverOptions o;
  o.name = "Shop";
  std::string y = discover_model(fx.obs, o);
  auto r = load::load_model_text("draft.yaml", y);
  ASSERT_TRUE(r.ok()) << y;
  const model::Component* web = r.model->component("web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->internet_facing, true);
  EXPECT_NE(y.find("internet_facing: true  # inferred: k8s/app.yaml:14:14"), std::string::npos)
      << y;
  bool flow = false;
  for (const auto& f : r.model->flows)
    if (f.from.id == "web" && f.to.id == "api" && f.protocol == "http" && f.port == 8080)
      flow = true;
  EXPECT_TRUE(flow) << y;
}

TEST(Discover, HostileNamesStayInsideTheirScalars) {
  observe::ObservedSystem obs;
  observe::ObservedComponent c;
  c.id = "x";
  c.name = "evil\"\n  - id: injected";
  c.kind = "service";
  c.runtime = "Deployment\n# note \xb1 invalid UTF-8";
  c.where = {"a\nb.yaml", 1, 1};
  obs.components.push_back(c);
  std::string y = discover_model(obs, {});
  auto r = load::load_model_text("draft.yaml", y);
  ASSERT_TRUE(r.ok()) << y;
  EXPECT_EQ(r.model->component("injected"), nullptr);
  EXPECT_EQ(r.model->components.size(), 2u);  // internet-user and the one observed
}

// The model's iam section against observed policies.
std::string iam_model(const char* permissions) {
  return std::string(R"(threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: app, name: App, type: process, kind: api, runs_as: app-role}
iam:
  principals:
    - id: app-role
      kind: role
)") + permissions;
}

const char* kPlan = R"({"format_version": "1.1", "planned_values": {"root_module": {"resources": [
  {"address": "aws_iam_role_policy.app-role", "type": "aws_iam_role_policy", "name": "app-role",
   "values": {"name": "app-role", "role": "app-role",
     "policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}"}}
]}}})";

std::vector<Finding> iam_drift(const char* permissions) {
  auto model = load::load_model_text("model.yaml", iam_model(permissions));
  EXPECT_TRUE(model.ok());
  observe::ObservedSystem obs;
  observe::read_text("plan.json", kPlan, obs);
  obs.finish();
  EXPECT_EQ(obs.grants.size(), 1u);
  return model.ok() ? find_drift(*model.model, obs, {}) : std::vector<Finding>{};
}

TEST(Drift, PermissionsWiderThanTheModelsPrincipal) {
  auto fs = iam_drift(R"(      permissions:
        - actions: [s3:GetObject]
          resources: ["arn:aws:s3:::orders/*"]
)");
  const Finding* f = find(fs, "permissions-wider-than-model");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, engine::Severity::High);
  EXPECT_EQ(f->element, "app-role");
  EXPECT_EQ(f->model_at.line, 9u);  // - id: app-role
  EXPECT_NE(f->message.find("may s3:* on * in the infrastructure; the model's app-role does not "
                            "grant it"),
            std::string::npos)
      << f->message;
  // One finding for the grant: the plain wildcard one gives way to the comparison.
  EXPECT_EQ(find(fs, "wildcard-iam"), nullptr);
}

TEST(Drift, PermissionsTheModelStatesAreNoDrift) {
  auto fs = iam_drift(R"(      permissions:
        - actions: ["*"]
          resources: ["*"]
)");
  EXPECT_EQ(find(fs, "permissions-wider-than-model"), nullptr);
  EXPECT_EQ(find(fs, "wildcard-iam"), nullptr);
}

TEST(Drift, UnknownPermissionsLeaveTheWildcardFinding) {
  auto fs = iam_drift("");
  EXPECT_EQ(find(fs, "permissions-wider-than-model"), nullptr);
  EXPECT_NE(find(fs, "wildcard-iam"), nullptr);
}

}  // namespace
}  // namespace tw::drift

namespace tw::drift {
namespace {

TEST(Drift, UnauthenticatedOperationIsWeakerThanModelled) {
  auto m = load::load_model_text("model.yaml", R"(threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: shop-api, name: Shop API, type: process, kind: api, authentication: oauth}
  - {id: admin-api, name: Admin API, type: process, kind: api}
  - {id: user, type: external-entity, kind: user}
flows:
  - {id: user-admin, from: user, to: admin-api, protocol: https, authenticated: true}
)");
  ASSERT_TRUE(m.ok());
  observe::ObservedSystem obs;
  observe::read_text("shop.yaml", R"(openapi: 3.0.0
info: {title: Shop API, version: "1"}
paths:
  /orders:
    get:
      security: []
)",
                     obs);
  observe::read_text("admin.yaml", R"(openapi: 3.0.0
info: {title: Admin API, version: "1"}
paths:
  /users:
    delete: {}
)",
                     obs);
  obs.finish();
  auto fs = find_drift(*m.model, obs, {});
  std::vector<const Finding*> weaker;
  for (const auto& f : fs) {
    EXPECT_NE(f.code, "operation-without-security") << f.message;
    if (f.code == "weaker-authentication") weaker.push_back(&f);
  }
  ASSERT_EQ(weaker.size(), 2u);
  // Sorted by observed file: admin.yaml first.
  EXPECT_EQ(weaker[0]->severity, engine::Severity::High);
  EXPECT_EQ(weaker[0]->message,
            "DELETE /users requires no authentication (no security requirement); the model's "
            "flow user-admin says authenticated: true");
  EXPECT_EQ(weaker[0]->element, "user-admin");
  EXPECT_EQ(weaker[0]->model_at.line, 10u);
  EXPECT_EQ(weaker[1]->observed_at.str(), "shop.yaml:6:17");
  EXPECT_EQ(weaker[1]->element, "shop-api");
  EXPECT_EQ(weaker[1]->model_says, "authentication: oauth");
}

TEST(Drift, OperationsOfAnUnmodelledApiRouteByTheirFirstPathSegment) {
  auto m = load::load_model_text("model.yaml", R"(threatwright: 1
system: {name: crAPI, methodology: stride}
assets:
  - {id: users, name: Users, value: high, impact: leak}
components:
  - {id: crapi-identity, type: process, kind: api, authentication: token}
  - {id: crapi-workshop, type: process, kind: api, authentication: none}
)");
  ASSERT_TRUE(m.ok());
  observe::ObservedSystem obs;
  observe::read_text("spec.yaml", R"(openapi: 3.0.0
info: {title: OWASP crAPI API, version: "1"}
paths:
  /identity/api/auth/login:
    post:
      security: []
  /workshop/api/mechanic/receive_report:
    get:
      security: []
  /other/x:
    get:
      security: []
)",
                     obs);
  obs.finish();
  auto fs = find_drift(*m.model, obs, {});
  size_t weaker = 0, plain = 0;
  for (const auto& f : fs) {
    if (f.code == "weaker-authentication") {
      ++weaker;
      EXPECT_EQ(f.element, "crapi-identity");
      EXPECT_EQ(f.message,
                "POST /identity/api/auth/login requires no authentication (security: []); the "
                "model's crapi-identity says authentication: token");
    }
    if (f.code == "operation-without-security") {
      ++plain;
      // The workshop states authentication: none (no drift); /other routes nowhere.
      EXPECT_EQ(f.element, "");
      EXPECT_NE(f.message.find("GET /other/x"), std::string::npos) << f.message;
    }
  }
  EXPECT_EQ(weaker, 1u);
  EXPECT_EQ(plain, 1u);
}

}  // namespace
}  // namespace tw::drift
