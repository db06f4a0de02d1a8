#include "diff/model_diff.h"

#include <gtest/gtest.h>

#include "base/diagnostic.h"
#include "load/loader.h"

namespace tw::diff {
namespace {

const char* kBase = R"(threatwright: 1
system: {name: Shop, owner: sec@example.com}
assets:
  - {id: creds, name: Credentials, value: critical, impact: Account takeover}
  - {id: orders, name: Orders, value: high, impact: Personal data}
boundaries:
  - {id: internet, name: Internet, trust: untrusted}
  - {id: dmz, name: DMZ, trust: semi-trusted}
  - {id: private, name: Private, trust: trusted}
components:
  - {id: customer, name: Customer, type: external-entity, kind: browser, boundary: internet}
  - id: web
    name: Web app
    type: process
    boundary: dmz
    internet_facing: true
    authentication: password+mfa
    authorization: rbac
    input_validation: true
    audit_log: true
  - id: api
    name: Orders API
    type: process
    boundary: private
    authentication: mtls
    input_validation: true
  - {id: db, name: Orders DB, type: data-store, boundary: private, stores: [orders], encrypted_at_rest: true}
flows:
  - {id: login, from: customer, to: web, protocol: https, data: [creds], encrypted: true, authenticated: false}
  - {id: place-order, from: web, to: api, protocol: grpc-tls, data: [orders], encrypted: true, authenticated: true}
  - {id: store-order, from: api, to: db, protocol: sql-tls, data: [orders], encrypted: true}
controls:
  - id: waf
    name: Web application firewall
    mechanism: Managed rules in front of web.
    mitigates: [sql-injection@web]
    status: implemented
    verification: {manual: Quarterly review, verified_on: 2026-10-01}
  - id: param-queries
    name: Parameterised queries
    mechanism: Query builder only.
    status: implemented
    verification: {command: ./check.sh}
decisions:
  - {threat: csrf@web, status: accepted, rationale: SameSite cookies, owner: cto, review_by: 2027-01-01}
)";

std::unique_ptr<model::Model> load(const std::string& text) {
  load::LoadOptions o;
  o.warnings = false;
  auto r = load::load_model_text("m.yaml", text, o);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  return std::move(r.model);
}

// The base model with `from` replaced by `to` (which must occur exactly once).
std::string edit(std::string text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  EXPECT_EQ(text.find(from, pos + 1), std::string::npos) << "ambiguous: " << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

ModelDiff diff_of(const std::string& before, const std::string& after) {
  auto a = load(before), b = load(after);
  return diff_models(*a, *b);
}

std::string attrs_text(const ElementChange& e) {
  std::string s;
  for (const auto& a : e.attrs) {
    s += a.name + ": " + a.before.value_or("(unset)") + " -> " + a.after.value_or("(unset)") + "\n";
  }
  return s;
}

std::string weakened_text(const ModelDiff& d) {
  std::string s;
  for (const auto& w : d.weakened) {
    s += w.element + " " + w.id + " " + w.property + ": " + w.before.value_or("(unset)") + " -> " +
         w.after.value_or("(unset)") + "\n";
  }
  return s;
}

std::string surface_text(const ModelDiff& d) {
  std::string s;
  for (const auto& x : d.surface) {
    s += std::string(surface_kind_name(x.kind)) + " " + x.element + " " + x.id +
         (x.new_element ? " (new)" : "") + "\n";
  }
  return s;
}

TEST(ModelDiff, IdenticalModelsHaveNoChange) {
  ModelDiff d = diff_of(kBase, kBase);
  EXPECT_TRUE(d.empty());
}

TEST(ModelDiff, KeyOrderAndListOrderDoNotMatter) {
  std::string after = edit(kBase, "data: [creds], encrypted: true, authenticated: false",
                           "authenticated: false, encrypted: true, data: [creds]");
  after = edit(after, "    authentication: password+mfa\n    authorization: rbac\n",
               "    authorization: rbac\n    authentication: password+mfa\n");
  EXPECT_TRUE(diff_of(kBase, after).empty());
}

// The model's own kinds and protocols are part of its meaning: rebasing a kind changes which
// rules apply to every component of that kind.
TEST(ModelDiff, DeclaredKindsAndProtocols) {
  std::string before = std::string(kBase) +
                       "kinds:\n  - {id: storefront, base: web-app}\n"
                       "protocols:\n  - {id: corp-rpc, base: grpc-tls}\n";
  std::string after = edit(before, "base: web-app}", "base: admin-console}");
  after = edit(after, "protocols:\n  - {id: corp-rpc, base: grpc-tls}\n",
               "protocols:\n  - {id: bus, base: amqps}\n");
  ModelDiff d = diff_of(before, after);
  std::string text;
  for (const ElementChange& e : d.elements) {
    text += e.section + " " + e.kind + " " + e.id + " " +
            (e.change == Change::Added     ? "added"
             : e.change == Change::Removed ? "removed"
                                           : "changed") +
            "\n" + attrs_text(e);
  }
  EXPECT_EQ(text,
            "kinds kind storefront changed\n"
            "base: web-app -> admin-console\n"
            "protocols protocol bus added\n"
            "protocols protocol corp-rpc removed\n");
}

TEST(ModelDiff, AttributeLevelChanges) {
  std::string after = edit(kBase, "name: Web app\n", "name: Storefront\n");
  after =
      edit(after, "    authorization: rbac\n", "    authorization: rbac\n    technology: node\n");
  ModelDiff d = diff_of(kBase, after);
  ASSERT_EQ(d.elements.size(), 1u);
  const ElementChange& e = d.elements[0];
  EXPECT_EQ(e.section, "components");
  EXPECT_EQ(e.id, "web");
  EXPECT_EQ(e.change, Change::Changed);
  EXPECT_EQ(e.name, "Storefront");
  EXPECT_EQ(e.where.str(), "m.yaml:12");
  EXPECT_EQ(attrs_text(e),
            "name: Web app -> Storefront\n"
            "technology: (unset) -> node\n");
  EXPECT_TRUE(d.weakened.empty());
  EXPECT_TRUE(d.surface.empty());
}

TEST(ModelDiff, AddedAndRemovedSortedBySectionThenId) {
  std::string after =
      edit(kBase,
           "  - {id: db, name: Orders DB, type: data-store, boundary: private, "
           "stores: [orders], encrypted_at_rest: true}\n",
           "  - {id: db, name: Orders DB, type: data-store, boundary: private, "
           "stores: [orders], encrypted_at_rest: true}\n"
           "  - {id: cache, name: Cache, type: data-store, boundary: private}\n"
           "  - {id: audit, name: Audit store, type: data-store, boundary: private}\n");
  after = edit(after,
               "  - {id: store-order, from: api, to: db, protocol: sql-tls, data: [orders], "
               "encrypted: true}\n",
               "");
  ModelDiff d = diff_of(kBase, after);
  std::string got;
  for (const auto& e : d.elements) {
    got += e.section + " " + std::string(change_name(e.change)) + " " + e.id + "\n";
  }
  EXPECT_EQ(got,
            "components added audit\n"
            "components added cache\n"
            "flows removed store-order\n");
  EXPECT_EQ(d.count(Change::Added), 2u);
  EXPECT_EQ(d.count(Change::Removed), 1u);
}

TEST(ModelDiff, AuthenticationDowngradeIsWeakening) {
  ModelDiff d =
      diff_of(kBase, edit(kBase, "authentication: password+mfa", "authentication: password"));
  EXPECT_EQ(weakened_text(d), "component web authentication: password+mfa -> password\n");
  // Same strength is no downgrade; stronger neither.
  EXPECT_TRUE(
      diff_of(kBase, edit(kBase, "authentication: mtls", "authentication: client-certificate"))
          .weakened.empty());
  EXPECT_TRUE(diff_of(edit(kBase, "authentication: password+mfa", "authentication: token"), kBase)
                  .weakened.empty());
}

TEST(ModelDiff, AuthenticationRanks) {
  using model::Authentication;
  EXPECT_LT(authentication_rank(Authentication::None),
            authentication_rank(Authentication::Password));
  EXPECT_EQ(authentication_rank(Authentication::Password),
            authentication_rank(Authentication::ApiKey));
  EXPECT_LT(authentication_rank(Authentication::ApiKey),
            authentication_rank(Authentication::Token));
  EXPECT_EQ(authentication_rank(Authentication::Token), authentication_rank(Authentication::Oauth));
  EXPECT_LT(authentication_rank(Authentication::Oauth),
            authentication_rank(Authentication::PasswordMfa));
  EXPECT_EQ(authentication_rank(Authentication::Mtls),
            authentication_rank(Authentication::ClientCertificate));
  EXPECT_LT(authorization_rank(model::Authorization::None),
            authorization_rank(model::Authorization::Ownership));
}

TEST(ModelDiff, SecurityFlagsTurnedOffOrDropped) {
  std::string after = edit(kBase, "    input_validation: true\n    audit_log: true\n",
                           "    input_validation: false\n");
  after = edit(after, "    authorization: rbac\n", "    authorization: none\n");
  after = edit(after, "encrypted_at_rest: true", "encrypted_at_rest: false");
  ModelDiff d = diff_of(kBase, after);
  EXPECT_EQ(weakened_text(d),
            "component db encrypted_at_rest: true -> false\n"
            "component web authorization: rbac -> none\n"
            "component web input_validation: true -> false\n"
            "component web audit_log: true -> (unset)\n");
  EXPECT_NE(d.weakened[3].detail.find("no longer stated"), std::string::npos);
}

TEST(ModelDiff, FlowEncryptionAndProtocolDowngrade) {
  std::string after = edit(kBase,
                           "{id: place-order, from: web, to: api, protocol: grpc-tls, data: "
                           "[orders], encrypted: true, authenticated: true}",
                           "{id: place-order, from: web, to: api, protocol: grpc, data: [orders], "
                           "encrypted: false, authenticated: false}");
  ModelDiff d = diff_of(kBase, after);
  EXPECT_EQ(weakened_text(d),
            "flow place-order encrypted: true -> false\n"
            "flow place-order authenticated: true -> false\n"
            "flow place-order protocol: grpc-tls -> grpc\n");
  EXPECT_EQ(protocol_encrypted("https"), true);
  EXPECT_EQ(protocol_encrypted("http"), false);
  EXPECT_EQ(protocol_encrypted("carrier-pigeon"), std::nullopt);
}

TEST(ModelDiff, ControlRemovedUnverifiedOrPlanned) {
  std::string after =
      edit(kBase,
           "  - id: waf\n"
           "    name: Web application firewall\n"
           "    mechanism: Managed rules in front of web.\n"
           "    mitigates: [sql-injection@web]\n"
           "    status: implemented\n"
           "    verification: {manual: Quarterly review, verified_on: 2026-10-01}\n",
           "");
  after = edit(after, "    status: implemented\n    verification: {command: ./check.sh}\n",
               "    status: planned\n");
  ModelDiff d = diff_of(kBase, after);
  EXPECT_EQ(weakened_text(d),
            "control param-queries status: implemented -> planned\n"
            "control param-queries verification: command -> (unset)\n"
            "control waf removed: implemented -> (unset)\n");
  EXPECT_NE(d.weakened[2].detail.find("sql-injection@web"), std::string::npos);
}

TEST(ModelDiff, NewEntryPointFlow) {
  std::string after = edit(kBase, "flows:\n",
                           "flows:\n"
                           "  - {id: direct-api, from: customer, to: api, protocol: https}\n");
  ModelDiff d = diff_of(kBase, after);
  EXPECT_EQ(surface_text(d),
            "entry-point flow direct-api (new)\n"
            "internet-facing component api\n");
  EXPECT_EQ(d.surface[0].from, "customer (internet, untrusted)");
  EXPECT_EQ(d.surface[0].to, "api (private, trusted)");
}

TEST(ModelDiff, ExistingFlowStartsCrossingWhenComponentMoves) {
  // db moves out of the private zone into the DMZ: store-order now crosses outbound.
  std::string after = edit(kBase, "{id: db, name: Orders DB, type: data-store, boundary: private",
                           "{id: db, name: Orders DB, type: data-store, boundary: dmz");
  ModelDiff d = diff_of(kBase, after);
  EXPECT_EQ(surface_text(d), "boundary-crossing flow store-order\n");
  EXPECT_FALSE(d.surface[0].new_element);
}

TEST(ModelDiff, NewlyInternetFacingComponent) {
  std::string after = edit(kBase, "    authentication: mtls\n",
                           "    authentication: mtls\n    internet_facing: true\n");
  ModelDiff d = diff_of(kBase, after);
  EXPECT_EQ(surface_text(d), "internet-facing component api\n");
  EXPECT_NE(d.surface[0].detail.find("declared internet_facing"), std::string::npos);
}

TEST(ModelDiff, RaisingZoneTrustIsWeakening) {
  ModelDiff d = diff_of(kBase, edit(kBase, "{id: dmz, name: DMZ, trust: semi-trusted}",
                                    "{id: dmz, name: DMZ, trust: trusted}"));
  EXPECT_EQ(weakened_text(d), "boundary dmz trust: semi-trusted -> trusted\n");
}

TEST(ModelDiff, DecisionsKeyedByThreat) {
  ModelDiff d = diff_of(kBase, edit(kBase, "review_by: 2027-01-01", "review_by: 2028-01-01"));
  ASSERT_EQ(d.elements.size(), 1u);
  EXPECT_EQ(d.elements[0].section, "decisions");
  EXPECT_EQ(d.elements[0].id, "csrf@web");
  EXPECT_EQ(attrs_text(d.elements[0]), "review_by: 2027-01-01 -> 2028-01-01\n");
}

TEST(ModelDiff, CodeGlobsAreAttributes) {
  ModelDiff d = diff_of(kBase, edit(kBase, "    authentication: mtls\n",
                                    "    authentication: mtls\n    code: [services/api/**]\n"));
  ASSERT_EQ(d.elements.size(), 1u);
  EXPECT_EQ(attrs_text(d.elements[0]), "code: (unset) -> [services/api/**]\n");
}

TEST(ModelDiff, EmptyBaseMakesEverythingNew) {
  model::Model empty;
  auto b = load(kBase);
  ModelDiff d = diff_models(empty, *b);
  EXPECT_EQ(d.count(Change::Removed), 0u);
  EXPECT_EQ(d.count(Change::Added), 2u + 3u + 4u + 3u + 2u + 1u);  // + system changed
  EXPECT_EQ(d.count(Change::Changed), 1u);
  EXPECT_EQ(surface_text(d),
            "entry-point flow login (new)\n"
            "entry-point flow place-order (new)\n"
            "internet-facing component web (new)\n");
}

// ---- IAM ----

const char* kIam = R"(
iam:
  principals:
    - id: web-role
      kind: role
      long_lived_keys: false
      permissions:
        - {actions: [s3:GetObject], resources: ["arn:aws:s3:::catalog/*"]}
      trust:
        - {issuer: gh, subject: "repo:acme/shop:environment:prod"}
)";

TEST(ModelDiff, PrincipalsAddedRemovedAndChanged) {
  std::string base = std::string(kBase) + kIam;
  ModelDiff added = diff_of(kBase, base);
  ASSERT_EQ(added.elements.size(), 1u);
  EXPECT_EQ(added.elements[0].section, "iam.principals");
  EXPECT_EQ(added.elements[0].id, "web-role");
  EXPECT_EQ(added.elements[0].change, Change::Added);
  EXPECT_EQ(diff_of(base, kBase).elements[0].change, Change::Removed);
  // runs_as is an attribute of the component.
  ModelDiff runs = diff_of(
      base, edit(base, "    audit_log: true\n", "    audit_log: true\n    runs_as: web-role\n"));
  ASSERT_EQ(runs.elements.size(), 1u);
  EXPECT_EQ(attrs_text(runs.elements[0]), "runs_as: (unset) -> web-role\n");
}

TEST(ModelDiff, PrincipalWidenedIsWeakening) {
  std::string base = std::string(kBase) + kIam;
  ModelDiff d = diff_of(base, edit(base, "[s3:GetObject], resources: [\"arn:aws:s3:::catalog/*\"]",
                                   "[s3:GetObject, \"iam:*\"], resources: [\"*\"]"));
  EXPECT_EQ(weakened_text(d),
            "principal web-role permissions: (unset) -> s3:GetObject on *, iam:* on *\n"
            "principal web-role administrative: false -> true\n");
  // Narrower is no weakening; a wider trust and new keys are.
  EXPECT_TRUE(diff_of(base, edit(base, "catalog/*", "catalog/public/*")).weakened.empty());
  ModelDiff t = diff_of(base, edit(edit(base, "environment:prod", "*"), "long_lived_keys: false",
                                   "long_lived_keys: true"));
  EXPECT_EQ(weakened_text(t),
            "principal web-role long_lived_keys: false -> true\n"
            "principal web-role trust: exact -> any-ref\n");
}

}  // namespace
}  // namespace tw::diff
