#include "rules/condition.h"

#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/test_model.h"

namespace tw::rules {
namespace {

using namespace testing;

const std::vector<AppliesTo> kProc = {AppliesTo::Process};
const std::vector<AppliesTo> kFlow = {AppliesTo::Flow};

/// Component ids of the secure shop (plus edits) where `cond` holds.
std::vector<std::string> matches(const std::string& cond,
                                 void (*edit)(ModelBuilder&) = nullptr,
                                 std::vector<AppliesTo> kinds = kProc) {
  ModelBuilder b;
  secure_shop(b);
  if (edit) edit(b);
  auto m = b.build();
  ConditionError err;
  auto c = compile_condition(cond, kinds, err);
  EXPECT_TRUE(c) << cond << ": " << err.message;
  if (!c) return {};
  Context ctx(*m);
  std::vector<std::string> out;
  if (kinds[0] == AppliesTo::Flow) {
    for (size_t f = 0; f < m->flows.size(); ++f) {
      if (c->holds(ctx, {AppliesTo::Flow, static_cast<int>(f)})) out.push_back(m->flows[f].id);
    }
    return out;
  }
  for (size_t i = 0; i < m->components.size(); ++i) {
    Target t{applies_to_of(m->components[i].type), static_cast<int>(i)};
    if (c->holds(ctx, t)) out.push_back(m->components[i].id);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Condition, Evaluates) {
  EXPECT_EQ(matches("internet_exposed"), V{"web"});
  EXPECT_EQ(matches("not internet_exposed and type == process"), V{"api"});
  EXPECT_EQ(matches("kind in [web-app, api]"), (V{"web", "api"}));
  EXPECT_EQ(matches("kind not in [web-app, api] and type != external-entity"), V{"db"});
  EXPECT_EQ(matches("max_asset_value >= high and trust == trusted"), (V{"api", "db"}));
  EXPECT_EQ(matches("trust < trusted"), (V{"customer", "web"}));
  EXPECT_EQ(matches("authentication == password+mfa or (kind == 'sql-database')"),
            (V{"web", "db"}));
  EXPECT_EQ(matches("dependents >= 1 and flows_out == 0"), V{"db"});
  EXPECT_EQ(matches("entry_point"), (V{"web", "api"}));
  EXPECT_EQ(matches("has_failure_analysis"), (V{"web", "api", "db"}));
  EXPECT_EQ(matches("crosses_boundary and crossing == inbound", nullptr, kFlow),
            (V{"browse", "call"}));
  EXPECT_EQ(matches("protocol == sql-tls and to_kind == sql-database", nullptr, kFlow), V{"query"});
}

TEST(Condition, UnknownIsNeitherTrueNorFalse) {
  auto edit = [](ModelBuilder& b) { b.comp("web").rate_limited.reset(); };
  EXPECT_EQ(matches("not rate_limited", edit), V{});
  EXPECT_EQ(matches("rate_limited", edit), V{"api"});
  EXPECT_EQ(matches("rate_limited is unknown and type == process", edit), V{"web"});
  EXPECT_EQ(matches("not rate_limited or internet_exposed", edit), V{"web"});
  EXPECT_EQ(matches("rate_limited is known and not rate_limited", edit), V{});
}

ConditionError error_of(const std::string& cond, std::vector<AppliesTo> kinds = kProc) {
  ConditionError err;
  EXPECT_EQ(compile_condition(cond, kinds, err), nullptr) << cond;
  return err;
}

TEST(Condition, ReportsMistakesWithPositions) {
  auto e = error_of("internet_exposd and rate_limited");
  EXPECT_EQ(e.message, "unknown attribute 'internet_exposd'");
  EXPECT_EQ(e.hint, "did you mean 'internet_exposed'?");
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.length, 15u);

  e = error_of("max_asset_value >= hgh");
  EXPECT_EQ(e.message, "'hgh' is not a value of max_asset_value (low | medium | high | critical)");
  EXPECT_EQ(e.hint, "did you mean 'high'?");
  EXPECT_EQ(e.offset, 19u);

  e = error_of("authentication = none");
  EXPECT_EQ(e.message, "unknown operator '='");
  EXPECT_EQ(e.hint, "use '==' to compare");
  EXPECT_EQ(e.offset, 15u);

  e = error_of("kind < web-app");
  EXPECT_EQ(e.message, "operator '<' needs an ordered attribute, and 'kind' is not ordered");

  e = error_of("protocol == http");
  EXPECT_EQ(e.message, "attribute 'protocol' is not defined for process elements");

  e = error_of("kind");
  EXPECT_EQ(e.message, "attribute 'kind' is not a boolean");

  e = error_of("(internet_exposed");
  EXPECT_EQ(e.message, "missing ')'");

  e = error_of("internet_exposed rate_limited");
  EXPECT_EQ(e.message, "unexpected 'rate_limited' after a complete condition");
  EXPECT_EQ(e.offset, 17u);

  e = error_of("dependents > many");
  EXPECT_EQ(e.message, "'many' is not a number");
}

TEST(Condition, BoundsSizeAndDepth) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "not ";
  deep += "internet_exposed";
  EXPECT_NE(error_of(deep).message.find("nested too deeply"), std::string::npos);

  std::string wide = "backups";
  for (int i = 0; i < 110; ++i) wide += " and backups";
  EXPECT_NE(error_of(wide).message.find("too large"), std::string::npos);

  EXPECT_NE(error_of(std::string(3000, 'a')).message.find("too long"), std::string::npos);
}

TEST(Condition, DescriptionTemplates) {
  ConditionError err;
  EXPECT_TRUE(check_template("{name} ({kind}) is exposed", kProc, err));
  EXPECT_FALSE(check_template("{nmae} is exposed", kProc, err));
  EXPECT_EQ(err.hint, "did you mean 'name'?");
  EXPECT_EQ(err.offset, 1u);

  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  Context ctx(*m);
  EXPECT_EQ(render_description("{id} is a {kind} with {authentication}, audit {audit_log}", ctx,
                               {AppliesTo::Process, 1}),
            "web is a web-app with password+mfa, audit true");
}

// ---- IAM ----

TEST(Condition, ReadsIamFacts) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  IamBuilder iam(*m);
  iam.principal("admin", PrincipalKind::Role, {allow({"*"}, {"*"})});
  iam.principal("reader", PrincipalKind::Role, {allow({"s3:GetObject"}, {"arn:aws:s3:::c/*"})});
  iam.principal("unknown", PrincipalKind::Role, {}).permissions.reset();
  iam.runs_as("web", "admin");
  iam.runs_as("api", "reader");
  iam.runs_as("db", "unknown");
  Context ctx(*m);
  auto holds = [&](const std::string& cond) {
    ConditionError err;
    auto c = compile_condition(cond, kProc, err);
    EXPECT_TRUE(c) << cond << ": " << err.message;
    std::vector<std::string> out;
    for (size_t i = 0; c && i < m->components.size(); ++i) {
      Target t{applies_to_of(m->components[i].type), static_cast<int>(i)};
      if (c->holds(ctx, t)) out.push_back(m->components[i].id);
    }
    return out;
  };
  EXPECT_EQ(holds("iam_administrative"), V{"web"});
  // Unknown (no principal, or an unknown policy) is neither true nor false.
  EXPECT_EQ(holds("not iam_administrative"), V{"api"});
  EXPECT_EQ(holds("runs_as == reader"), V{"api"});
}

}  // namespace
}  // namespace tw::rules
