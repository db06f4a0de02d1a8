#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

struct Case {
  const char* name;
  void (*edit)(IamBuilder&);
  std::vector<std::string> want;
};

TEST(LongLivedKeys, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"no principals", [](IamBuilder&) {}, {}},
      {"short-lived credentials",
       [](IamBuilder& i) {
         i.principal("app", PrincipalKind::Role, {}, false);
         i.runs_as("api", "app");
       },
       {}},
      {"static access keys",
       [](IamBuilder& i) {
         i.principal("svc", PrincipalKind::User, {}, true);
         i.runs_as("api", "svc");
       },
       {"long-lived-keys@api"}},
      {"unknown counts, suspected",
       [](IamBuilder& i) {
         i.principal("svc", PrincipalKind::ServiceAccount, {}).long_lived_keys.reset();
         i.runs_as("web", "svc");
       },
       {"long-lived-keys@web"}},
      {"a group holds no keys",
       [](IamBuilder& i) {
         i.principal("devs", PrincipalKind::Group, {}).long_lived_keys.reset();
         i.assumable_by("devs", "api");
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    auto m = b.build();
    IamBuilder iam(*m);
    c.edit(iam);
    EXPECT_EQ(run_rule("long-lived-keys", *m), c.want) << c.name;
  }
}

TEST(LongLivedKeys, UnknownIsALowerLikelihood) {
  ModelBuilder b;
  secure_shop(b);
  auto m = b.build();
  IamBuilder iam(*m);
  iam.principal("svc", PrincipalKind::ServiceAccount, {}).long_lived_keys.reset();
  iam.runs_as("web", "svc");
  iam.principal("keys", PrincipalKind::User, {}, true);
  iam.runs_as("api", "keys");
  Context ctx(*m);
  const Rule& r = *find_builtin("long-lived-keys");
  EXPECT_EQ(evaluate(r, ctx, Target{AppliesTo::Process, 1})->likelihood_delta, -1);
  EXPECT_EQ(evaluate(r, ctx, Target{AppliesTo::Process, 2})->likelihood_delta, 0);
}

}  // namespace
}  // namespace tw::rules::testing
