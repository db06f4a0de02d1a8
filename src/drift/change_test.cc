#include "drift/change.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/analysis.h"
#include "load/loader.h"
#include "observe/scan.h"

namespace tw::drift {
namespace {

const char* kModel = R"(threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
adversaries:
  - {id: outsider, name: Outsider, access: internet, capability: medium}
components:
  - {id: web, name: Web, type: process, kind: web-app, internet_facing: false}
  - {id: api, type: process, kind: api, authentication: none}
flows:
  - {id: web-api, from: web, to: api, protocol: http, data: [orders]}
)";

// Before: web is a ClusterIP service. After: a LoadBalancer, and api gone.
const char* kBefore = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: w, image: shop/web:1}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: ClusterIP, selector: {app: web}, ports: [{port: 443}]}
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

const char* kAfter = R"(# a comment moves every line down: positions must not count as changes
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: w, image: shop/web:1}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 443}]}
)";

observe::ObservedSystem observed(const char* text) {
  return observe::read_files({{"k8s/app.yaml", text}});
}

struct Fixture {
  load::LoadResult model = load::load_model_text("model.yaml", kModel);
  engine::Analysis analysis;
  Fixture() {
    engine::AnalyzeOptions o;
    if (model.ok()) analysis = engine::analyze(*model.model, o);
  }
};

TEST(InfraChange, NewExposureIsIntroducedAndTouchesTheElementWithItsThreats) {
  Fixture fx;
  ASSERT_TRUE(fx.model.ok());
  auto before = observed(kBefore), after = observed(kAfter);
  InfraChange c = compare_infrastructure(*fx.model.model, &fx.analysis, before, after, {});
  // The exposure, and the note that the model's api is no longer in the files.
  ASSERT_EQ(c.introduced.size(), 2u) << render_change_text(c);
  EXPECT_EQ(c.introduced[0].code, "exposure-not-in-model");
  EXPECT_EQ(c.introduced[0].element, "web");
  EXPECT_EQ(c.introduced[0].observed_at.line, 14u);
  EXPECT_EQ(c.introduced[1].code, "component-not-observed");
  EXPECT_EQ(c.introduced[1].element, "api");
  EXPECT_TRUE(c.settled.empty());
  EXPECT_EQ(worst_introduced(c), engine::Severity::High);
  // api's component disappeared from the files: its "only in the model" note is new, and the
  // observed component is a removal at its old place.
  bool api_removed = false, exposure_added = false;
  for (const auto& s : c.surface) {
    if (!s.added && s.what == "component" && s.observed == "api") {
      api_removed = true;
      EXPECT_EQ(s.element, "api");
      EXPECT_EQ(s.where.line, 17u);  // metadata: {name: api}
    }
    if (s.added && s.what == "exposure" && s.observed == "web") exposure_added = true;
  }
  EXPECT_TRUE(api_removed) << render_change_text(c);
  EXPECT_TRUE(exposure_added) << render_change_text(c);
  ASSERT_EQ(c.touched.size(), 2u);
  EXPECT_EQ(c.touched[0].id, "api");
  EXPECT_EQ(c.touched[1].id, "web");
  EXPECT_EQ(c.touched[1].at.line, 8u);
  // The analysis's open threats on web are listed with their severity.
  size_t open_on_web = 0;
  for (const auto& t : fx.analysis.threats)
    if (t.target == "web" &&
        (t.status == model::ThreatStatus::Open || t.status == model::ThreatStatus::Claimed))
      ++open_on_web;
  EXPECT_EQ(c.touched[1].open_threats.size(), open_on_web);
}

TEST(InfraChange, TheReverseChangeSettlesWhatTheFirstIntroduced) {
  Fixture fx;
  auto before = observed(kBefore), after = observed(kAfter);
  InfraChange c = compare_infrastructure(*fx.model.model, nullptr, after, before, {});
  ASSERT_EQ(c.settled.size(), 2u) << render_change_text(c);
  EXPECT_EQ(c.settled[0].code, "exposure-not-in-model");
  EXPECT_EQ(c.settled[1].code, "component-not-observed");
  EXPECT_TRUE(c.introduced.empty());
  EXPECT_FALSE(worst_introduced(c));
  for (const auto& t : c.touched) EXPECT_TRUE(t.open_threats.empty());  // no analysis given
}

TEST(InfraChange, MovedLinesAreNoChange) {
  Fixture fx;
  std::string shifted = std::string("# moved\n\n") + kAfter;
  auto a = observed(kAfter);
  auto b = observe::read_files({{"k8s/app.yaml", shifted}});
  InfraChange c = compare_infrastructure(*fx.model.model, nullptr, a, b, {});
  EXPECT_TRUE(c.introduced.empty());
  EXPECT_TRUE(c.settled.empty());
  EXPECT_TRUE(c.surface.empty()) << render_change_text(c);
  EXPECT_GT(c.unchanged, 0u);
}

TEST(InfraChange, Renderings) {
  Fixture fx;
  auto before = observed(kBefore), after = observed(kAfter);
  InfraChange c = compare_infrastructure(*fx.model.model, &fx.analysis, before, after, {});
  std::string text = render_change_text(c);
  EXPECT_NE(text.find("new: k8s/app.yaml:14:14: high: web is reachable from the internet"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2 new drift findings, 0 settled findings, 0 unchanged; 2 changes"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("k8s/app.yaml:17:18: removed component: service (Deployment) (model: api)"),
            std::string::npos)
      << text;
  auto j = nlohmann::json::parse(render_change_json(c));
  EXPECT_EQ(j["introduced"].size(), 2u);
  EXPECT_EQ(j["introduced"][0]["observed"]["line"], 14);
  EXPECT_EQ(j["touched"][1]["id"], "web");
  EXPECT_EQ(j["files"]["before"], 1);
  std::string md = render_change_markdown(c);
  EXPECT_NE(md.find("| new | high | `k8s/app.yaml:14:14` | `web` |"), std::string::npos) << md;
}

}  // namespace
}  // namespace tw::drift
