#include "model/iam.h"

#include <gtest/gtest.h>

#include <string>

namespace tw::model {
namespace {

TEST(GlobMatch, StarsQuestionMarksAndCase) {
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("*", "anything:at/all"));
  EXPECT_TRUE(glob_match("s3:*", "s3:GetObject"));
  EXPECT_FALSE(glob_match("s3:*", "iam:PassRole"));
  EXPECT_TRUE(glob_match("s3:Get*", "s3:GetObject"));
  EXPECT_FALSE(glob_match("s3:Get*", "s3:PutObject"));
  EXPECT_TRUE(glob_match("arn:aws:s3:::logs/*", "arn:aws:s3:::logs/2026/01.gz"));
  EXPECT_FALSE(glob_match("arn:aws:s3:::logs/*", "arn:aws:s3:::logsx"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("*b*b*", "abababa"));
  EXPECT_FALSE(glob_match("*b*b*b*b", "abab"));
  EXPECT_FALSE(glob_match("IAM:PassRole", "iam:passrole"));
  EXPECT_TRUE(glob_match("IAM:PassRole", "iam:passrole", true));
}

TEST(GlobMatch, HostilePatternsStayBounded) {
  // A pattern that sends a backtracking matcher exponential stays quadratic here.
  std::string pattern(2000, '*');
  pattern += "b";
  std::string text(4000, 'a');
  EXPECT_FALSE(glob_match(pattern, text));
  std::string many;
  for (int i = 0; i < 500; ++i) many += "a*";
  EXPECT_FALSE(glob_match(many + "b", std::string(4000, 'a')));
  EXPECT_FALSE(glob_match(std::string(kMaxPatternLength + 1, '*'), "x"));
}

TEST(GlobCovers, OnlyWhenEveryMatchIsMatched) {
  EXPECT_TRUE(glob_covers("*", "s3:*"));
  EXPECT_TRUE(glob_covers("s3:*", "s3:Get*"));
  EXPECT_TRUE(glob_covers("s3:*", "s3:GetObject"));
  EXPECT_FALSE(glob_covers("s3:Get*", "s3:*"));
  EXPECT_FALSE(glob_covers("s3:GetObject", "s3:Get*"));
  EXPECT_FALSE(glob_covers("a?", "a*"));
  EXPECT_TRUE(glob_covers("a*", "a?"));
  EXPECT_FALSE(glob_covers("ab", "a?"));
  EXPECT_TRUE(glob_covers("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/*"));
}

TEST(TrustBreadth, FromExactToAnyone) {
  auto b = [](std::string subject, std::string issuer = "") {
    return trust_breadth(TrustEntry{issuer, subject, "", {}, {}});
  };
  const std::string gh = "https://token.actions.githubusercontent.com";
  EXPECT_EQ(b("repo:acme/shop:environment:prod", gh), TrustBreadth::Exact);
  EXPECT_EQ(b("repo:acme/shop:*", gh), TrustBreadth::AnyRef);
  EXPECT_EQ(b("repo:acme/*:*", gh), TrustBreadth::AnyInScope);
  EXPECT_EQ(b("repo:*", gh), TrustBreadth::AnySubject);
  EXPECT_EQ(b("*", gh), TrustBreadth::AnySubject);
  EXPECT_EQ(b("*"), TrustBreadth::Anyone);
  EXPECT_EQ(b("arn:aws:iam::*:root"), TrustBreadth::AnyAccount);
  EXPECT_EQ(b("arn:aws:iam::123456789012:role/ci-*"), TrustBreadth::AnyInScope);
  EXPECT_EQ(b("arn:aws:iam::123456789012:root"), TrustBreadth::Exact);
  EXPECT_EQ(describe_trust(TrustEntry{gh, "repo:acme/*:*", "", {}, {}}),
            "any repository of 'acme' of issuer '" + gh + "' ('repo:acme/*:*')");
}

// A model of principals only (ids registered, references resolved).
struct Iam {
  Model m;
  Principal& add(const std::string& id, std::vector<Permission> perms) {
    Principal p;
    p.id = id;
    p.permissions = std::move(perms);
    m.principals.push_back(std::move(p));
    m.ids[id] = IdEntry{Kind::Principal, static_cast<int32_t>(m.principals.size() - 1), {}};
    return m.principals.back();
  }
  void may_assume(const std::string& who, const std::string& whom) {
    Principal* p = nullptr;
    for (auto& x : m.principals) {
      if (x.id == whom) p = &x;
    }
    p->assumable_by.push_back(Ref{who, {}, m.ids.at(who).index});
  }
};

Permission allow(std::vector<std::string> a, std::vector<std::string> r) {
  return Permission{Effect::Allow, std::move(a), std::move(r), "", {}};
}
Permission deny(std::vector<std::string> a, std::vector<std::string> r) {
  return Permission{Effect::Deny, std::move(a), std::move(r), "", {}};
}

TEST(IamFacts, DenySubtractsWhatItWhollyCovers) {
  Iam x;
  x.add("app",
        {allow({"s3:GetObject", "s3:*"}, {"arn:aws:s3:::logs/*", "*"}), deny({"s3:*"}, {"*"})});
  x.add("reader", {allow({"s3:GetObject"}, {"arn:aws:s3:::logs/*"})});
  IamFacts f(x.m);
  EXPECT_TRUE(f.principals[0].grants.empty());
  EXPECT_TRUE(f.principals[0].wildcards.empty());
  ASSERT_EQ(f.principals[1].grants.size(), 1u);
  EXPECT_EQ(f.principals[1].grants[0].action, "s3:GetObject");
  EXPECT_TRUE(f.principals[1].wildcards.empty());
  EXPECT_FALSE(f.principals[1].administrative);
}

TEST(IamFacts, AdministratorsAndEscalation) {
  Iam x;
  x.add("admin", {allow({"*"}, {"*"})});
  x.add("iam-writer", {allow({"iam:Put*", "iam:PassRole", "s3:GetObject"}, {"*"}),
                       deny({"iam:PassRole"}, {"*"})});
  x.add("narrow", {allow({"*"}, {"arn:aws:s3:::one/*"})});
  x.add("hopper", {allow({"sts:AssumeRole"}, {"*"})});
  x.add("unknown", {});
  x.m.principals.back().permissions.reset();
  x.may_assume("hopper", "admin");
  IamFacts f(x.m);
  EXPECT_TRUE(f.principals[0].full_admin);
  EXPECT_TRUE(f.principals[0].administrative);
  EXPECT_EQ(f.admin_reason(0), "allowed every action on every resource");
  const PrincipalFacts& w = f.principals[1];
  EXPECT_FALSE(w.full_admin);
  EXPECT_EQ(w.escalation, (std::vector<std::string>{"iam:PutGroupPolicy", "iam:PutRolePolicy",
                                                    "iam:PutUserPolicy"}));
  EXPECT_TRUE(w.administrative);
  EXPECT_EQ(w.wildcards, (std::vector<std::string>{"iam:Put* on *", "s3:GetObject on *"}));
  EXPECT_FALSE(w.wildcards_read_only);
  // Every action, but on one bucket's objects: a wildcard, yet no administrator, and no IAM
  // action acts on an S3 object.
  EXPECT_FALSE(f.principals[2].full_admin);
  EXPECT_TRUE(f.principals[2].escalation.empty());
  EXPECT_FALSE(f.principals[2].administrative);
  EXPECT_EQ(f.principals[2].wildcards, (std::vector<std::string>{"* on arn:aws:s3:::one/*"}));
  // Administrative through the role it may assume.
  EXPECT_TRUE(f.principals[3].administrative);
  EXPECT_EQ(f.principals[3].admin_via, 0);
  EXPECT_EQ(f.admin_chain(3), "hopper -> admin");
  EXPECT_EQ(f.admin_reason(3), "may assume admin, which is allowed every action on every resource");
  EXPECT_FALSE(f.principals[4].administrative);
  EXPECT_TRUE(f.principals[4].grants.empty());
}

TEST(IamFacts, ReadOnlyWildcardsAreMarked) {
  Iam x;
  x.add("auditor", {allow({"ec2:Describe*", "s3:List*"}, {"*"})});
  IamFacts f(x.m);
  EXPECT_EQ(f.principals[0].wildcards.size(), 2u);
  EXPECT_TRUE(f.principals[0].wildcards_read_only);
}

TEST(IamFacts, ProductionThroughActsOnAndAssumeChains) {
  Iam x;
  x.m.boundaries.push_back(Boundary{"prod", "", "", Trust::Trusted, {}, {}});
  Component db;
  db.id = "db";
  db.boundary = Ref{"prod", {}, 0};
  x.m.components.push_back(db);
  x.m.ids["db"] = IdEntry{Kind::Component, 0, {}};
  x.add("deployer", {allow({"rds:*"}, {"*"})}).acts_on.push_back(Ref{"db", {}, 0});
  x.add("ci", {allow({"sts:AssumeRole"}, {"*"})});
  x.add("dev", {}).production = false;
  x.may_assume("ci", "deployer");
  IamFacts f(x.m);
  EXPECT_EQ(f.principals[0].production, true);
  EXPECT_EQ(f.principals[0].production_target, 0);
  EXPECT_EQ(f.principals[1].production, true);
  EXPECT_EQ(f.production_chain(1), "ci -> deployer");
  EXPECT_EQ(f.principals[2].production, false);
}

TEST(IamFacts, ComponentsActAsWhatTheyRunAsOrMayAssume) {
  Iam x;
  Component web;
  web.id = "web";
  x.m.components.push_back(web);
  x.m.ids["web"] = IdEntry{Kind::Component, 0, {}};
  x.add("a", {});
  x.add("b", {});
  x.m.components[0].runs_as = Ref{"b", {}, 1};
  x.may_assume("web", "a");
  IamFacts f(x.m);
  EXPECT_EQ(f.of_component(0), (std::vector<int>{0, 1}));
  EXPECT_EQ(f.principals[0].components, (std::vector<int>{0}));
}

}  // namespace
}  // namespace tw::model
