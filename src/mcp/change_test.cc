#include "mcp/change.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "base/diagnostic.h"
#include "load/loader.h"

namespace tw::mcp {
namespace {

const std::string kModel = std::string(TW_SOURCE_DIR) + "/examples/acme-shop/model.yaml";

MergeResult merge(const std::string& fragment) {
  return merge_change(load::load_model(kModel), fragment, "change");
}

std::string rendered(const MergeResult& r) { return base::render_text(r.diagnostics, false); }

TEST(MergeChange, AddsNewElements) {
  MergeResult r = merge(R"(components:
  - id: partner-api
    name: Partner API
    type: process
    kind: api
    boundary: dmz
flows:
  - id: partner-call
    from: customer
    to: partner-api
    protocol: https
    encrypted: true
    authenticated: true
)");
  ASSERT_TRUE(r.ok()) << rendered(r);
  const model::Component* c = r.model->component("partner-api");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->boundary.id, "dmz");
  EXPECT_TRUE(c->boundary.resolved());
  const model::Flow* f = r.model->flow("partner-call");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(r.model->components[f->to.index].id, "partner-api");
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[0].id, "partner-api");
  EXPECT_TRUE(r.elements[0].added);
  // The model's own warnings are not repeated; the new component's unknown facts are.
  std::string text = rendered(r);
  EXPECT_NE(text.find("process 'partner-api' leaves security facts unknown"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("'orders-db'"), std::string::npos) << text;
}

TEST(MergeChange, ChangesOnlyTheGivenKeysOfAnExistingElement) {
  MergeResult r = merge(
      "components:\n  - {id: web, authentication: none}\n"
      "flows:\n  - {id: login, encrypted: false, protocol: http}\n");
  ASSERT_TRUE(r.ok()) << rendered(r);
  const model::Component* web = r.model->component("web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->authentication, model::Authentication::None);
  EXPECT_EQ(web->name, "Storefront web app");  // kept
  EXPECT_EQ(web->type, model::ComponentType::Process);
  EXPECT_EQ(web->input_validation, true);
  const model::Flow* login = r.model->flow("login");
  EXPECT_EQ(login->encrypted, false);
  EXPECT_EQ(login->from.id, "customer");
  EXPECT_EQ(r.model->components.size(), 8u);  // nothing added
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_FALSE(r.elements[0].added);
}

TEST(MergeChange, NullMakesAFactUnknownAgain) {
  MergeResult r = merge("components:\n  - id: web\n    rate_limited: null\n");
  ASSERT_TRUE(r.ok()) << rendered(r);
  EXPECT_FALSE(r.model->component("web")->rate_limited.has_value());
}

TEST(MergeChange, DanglingReferencesAreReportedAtTheirPosition) {
  MergeResult r = merge("flows:\n  - id: f1\n    from: customer\n    to: wbe\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(rendered(r).find("change:4:9: error: flow destination 'wbe' does not exist; did you "
                             "mean 'web'? [unknown-id]"),
            std::string::npos)
      << rendered(r);
}

TEST(MergeChange, UnknownKeysAndSectionsAreErrors) {
  MergeResult r = merge(
      "componets: []\nsystem: {name: x}\ncomponents:\n  - id: a\n"
      "    type: process\n    colour: red\n");
  EXPECT_FALSE(r.ok());
  std::string text = rendered(r);
  EXPECT_NE(text.find("change:1:1: error: unknown section 'componets' in the change; did you "
                      "mean 'components'?"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("change:2:1: error: 'system' cannot be part of a change"), std::string::npos)
      << text;
  EXPECT_NE(text.find("change:6:5: error:"), std::string::npos) << text;
  EXPECT_NE(text.find("colour"), std::string::npos) << text;
}

TEST(MergeChange, SyntaxErrorsHavePositions) {
  MergeResult r = merge("components:\n  - id: a\n    type: [process\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(rendered(r).find("change:"), std::string::npos) << rendered(r);
}

TEST(MergeChange, NotAMapping) {
  MergeResult r = merge("- just\n- a list\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(rendered(r).find("change:1:1: error: a change must be a mapping of sections"),
            std::string::npos)
      << rendered(r);
  r = merge("");
  EXPECT_FALSE(r.ok());
  r = merge("   \n# only a comment\n");
  EXPECT_FALSE(r.ok());
}

TEST(MergeChange, JsonFragments) {
  MergeResult r =
      merge(R"({"components": [{"id": "partner-api", "type": "process", "boundary": "dmz"}]})");
  ASSERT_TRUE(r.ok()) << rendered(r);
  EXPECT_NE(r.model->component("partner-api"), nullptr);
}

TEST(MergeChange, IamPrincipalsAreAddedAndChangedKeyByKey) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tw-change-iam-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "model.yaml") << R"(threatwright: 1
system: {name: Reports}
assets:
  - {id: reports, name: Reports, value: medium}
boundaries:
  - {id: core, name: Core, trust: trusted}
components:
  - {id: app, name: App, type: process, kind: service, boundary: core, runs_as: app-role}
iam:
  principals:
    - id: app-role
      kind: role
      long_lived_keys: false
      permissions:
        - actions: ["s3:GetObject"]
          resources: ["arn:aws:s3:::reports/*"]
)";
  }
  load::LoadResult base = load::load_model((dir / "model.yaml").string());
  fs::remove_all(dir);  // the loaded model keeps its text
  ASSERT_TRUE(base.ok()) << base::render_text(base.diagnostics, false);
  MergeResult r = merge_change(std::move(base),
                               "iam:\n  principals:\n    - {id: app-role, long_lived_keys: true}\n"
                               "    - {id: new-role, kind: service-account}\n",
                               "change");
  ASSERT_TRUE(r.ok()) << rendered(r);
  ASSERT_EQ(r.model->principals.size(), 2u);
  const model::Principal& app = r.model->principals[0];
  EXPECT_EQ(app.id, "app-role");
  EXPECT_EQ(app.long_lived_keys, true);             // changed
  EXPECT_EQ(app.kind, model::PrincipalKind::Role);  // kept
  ASSERT_TRUE(app.permissions.has_value());
  EXPECT_EQ(app.permissions->size(), 1u);  // kept
  EXPECT_EQ(r.model->principals[1].id, "new-role");
  EXPECT_TRUE(r.model->components[0].runs_as.resolved());
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[0].kind, model::Kind::Principal);
  EXPECT_FALSE(r.elements[0].added);
  EXPECT_TRUE(r.elements[1].added);
}

TEST(MergeChange, AnIdOfAnotherKindIsADuplicate) {
  MergeResult r = merge("assets:\n  - {id: web, name: Web, value: low, impact: none}\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(rendered(r).find("duplicate id 'web'"), std::string::npos) << rendered(r);
}

}  // namespace
}  // namespace tw::mcp
