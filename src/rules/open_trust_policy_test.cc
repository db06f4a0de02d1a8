#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

constexpr const char* kGitHub = "https://token.actions.githubusercontent.com";

struct Case {
  const char* name;
  void (*edit)(IamBuilder&);
  std::vector<std::string> want;
  int likelihood_delta = 0;
};

TEST(OpenTrustPolicy, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"no principals", [](IamBuilder&) {}, {}},
      {"assumed only by a component of the model",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::Role, {});
         i.assumable_by("deploy", "api");
       },
       {}},
      {"one repository's protected environment",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::CiIdentity, {});
         i.trust("deploy", "repo:acme/shop:environment:production", kGitHub);
         i.runs_as("api", "deploy");
       },
       {}},
      {"any repository of the organisation",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::CiIdentity, {});
         i.trust("deploy", "repo:acme/*:*", kGitHub);
         i.runs_as("api", "deploy");
       },
       {"open-trust-policy@api"},
       -1},
      {"every subject of the issuer",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::CiIdentity, {});
         i.trust("deploy", "*", kGitHub);
         i.runs_as("api", "deploy");
       },
       {"open-trust-policy@api"}},
      {"any account",
       [](IamBuilder& i) {
         i.principal("cross", PrincipalKind::Role, {});
         i.trust("cross", "arn:aws:iam::*:root", "");
         i.runs_as("web", "cross");
       },
       {"open-trust-policy@web"}},
      {"any branch of one repository",
       [](IamBuilder& i) {
         i.principal("deploy", PrincipalKind::CiIdentity, {});
         i.trust("deploy", "repo:acme/shop:*", kGitHub);
         i.runs_as("api", "deploy");
       },
       {"open-trust-policy@api"},
       -2},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    auto m = b.build();
    IamBuilder iam(*m);
    c.edit(iam);
    EXPECT_EQ(run_rule("open-trust-policy", *m), c.want) << c.name;
    if (c.want.empty()) continue;
    Context ctx(*m);
    int api = m->find(c.want[0].substr(c.want[0].find('@') + 1))->index;
    Verdict v = evaluate(*find_builtin("open-trust-policy"), ctx, Target{AppliesTo::Process, api});
    EXPECT_EQ(v->likelihood_delta, c.likelihood_delta) << c.name;
  }
}

TEST(OpenTrustPolicy, SaysWhoElseMayAssumeIt) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  IamBuilder iam(*m);
  iam.principal("deploy", PrincipalKind::CiIdentity, {});
  iam.trust("deploy", "repo:acme/*:*", kGitHub);
  iam.trust("deploy", "repo:acme/shop:environment:production", kGitHub);
  iam.assumable_by("deploy", "api");
  EXPECT_EQ(describe("open-trust-policy", *m, "api"),
            "'api' may assume 'deploy', which any repository of 'acme' of issuer '" +
                std::string(kGitHub) +
                "' ('repo:acme/*:*') may assume too: whoever matches the trust acts with the "
                "same rights, without touching the component");
}

}  // namespace
}  // namespace tw::rules::testing
