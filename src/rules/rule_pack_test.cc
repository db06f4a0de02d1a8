#include "rules/rule_pack.h"

#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules {
namespace {

const char* kGoodPack = R"(threatwright-rules: 1
rules:
  - id: acme-exposed-without-waf
    title: Internet-exposed web app without a WAF
    stride: [tampering, denial-of-service]
    applies_to: [process]
    when: internet_exposed and kind in [web-app, api] and not rate_limited
    description: "{id} ({kind}) faces the internet with rate limiting {rate_limited}"
    cwe: [20, CWE-770]
    capec: [125]
    likelihood: high
    impact: 3
    detection: Internet-exposed web apps and APIs that are not rate limited.
    mitigation: Put the service behind the company WAF with the standard rule set.
    false_positives: Services fronted by the CDN's WAF.
    references: [https://wiki.acme.example/waf]
)";

TEST(RulePack, LoadsAndEvaluates) {
  RuleSet rules;
  base::Diagnostics d;
  add_rule_pack_text("acme.yaml", kGoodPack, rules, d);
  ASSERT_EQ(d.error_count(), 0u) << base::render_text(d, false);
  const Rule* r = rules.find("acme-exposed-without-waf");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->source, "acme.yaml");
  EXPECT_EQ(r->cwe, (std::vector<int>{20, 770}));
  EXPECT_EQ(r->likelihood, 4);
  EXPECT_EQ(r->loc.line, 3u);
  EXPECT_EQ(rules.custom_count(), 1u);

  testing::ModelBuilder b;
  testing::secure_shop(b);
  EXPECT_EQ(testing::run_rule(*r, *b.build()), std::vector<std::string>{});
  b.comp("web").rate_limited = false;
  auto m = b.build();
  EXPECT_EQ(testing::run_rule(*r, *m), std::vector<std::string>{"acme-exposed-without-waf@web"});
  Context ctx(*m);
  auto f = evaluate(*r, ctx, {AppliesTo::Process, 1});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->description, "web (web-app) faces the internet with rate limiting false");
}

std::string errors_of(const std::string& text) {
  RuleSet rules;
  base::Diagnostics d;
  add_rule_pack_text("pack.yaml", text, rules, d);
  EXPECT_EQ(rules.custom_count(), 0u);
  return base::render_text(d, false);
}

std::string pack_with(const std::string& key, const std::string& value) {
  std::string p = kGoodPack;
  if (key == "id") {
    size_t at = p.find("acme-exposed-without-waf");
    return p.substr(0, at) + value + p.substr(at + 24);
  }
  size_t at = p.find("    " + key + ":");
  if (at == std::string::npos) {  // a new key: add it before the title
    at = p.find("    title:");
    return p.substr(0, at) + "    " + key + ": " + value + "\n" + p.substr(at);
  }
  size_t end = p.find('\n', at);
  return p.substr(0, at) + "    " + key + ": " + value + p.substr(end);
}

TEST(RulePack, ConditionMistakesPointIntoTheFile) {
  std::string out = errors_of(pack_with("when", "internet_exposd and kind == web-app"));
  EXPECT_EQ(out,
            "pack.yaml:7:11: error: unknown attribute 'internet_exposd' [bad-condition]\n"
            "        when: internet_exposd and kind == web-app\n"
            "              ^~~~~~~~~~~~~~~\n"
            "hint: did you mean 'internet_exposed'?\n"
            "1 error, 0 warnings\n")
      << out;
  out = errors_of(pack_with("when", "\"max_asset_value >= hgh\""));
  EXPECT_NE(out.find("pack.yaml:7:31: error: 'hgh' is not a value of max_asset_value"),
            std::string::npos)
      << out;
  out = errors_of(pack_with("when", "|\n      internet_exposed and\n      kind => web-app"));
  EXPECT_NE(out.find("pack.yaml:9:12: error: unknown operator '='"), std::string::npos) << out;
}

TEST(RulePack, MetadataMistakes) {
  std::string out = errors_of(pack_with("id", "Acme_Rule"));
  EXPECT_NE(out.find("rule id 'Acme_Rule' is not kebab-case [bad-rule-id]"), std::string::npos)
      << out;
  out = errors_of(pack_with("applies_to", "[proces]"));
  EXPECT_NE(out.find("did you mean 'process'?"), std::string::npos) << out;
  out = errors_of(pack_with("description", "\"{nmae} is exposed\""));
  EXPECT_NE(out.find("pack.yaml:8:20: error: unknown attribute 'nmae' [bad-template]"),
            std::string::npos)
      << out;
  std::string p = kGoodPack;
  p.erase(p.find("    mitigation:"), p.find("    false_positives:") - p.find("    mitigation:"));
  out = errors_of(p);
  EXPECT_NE(out.find("mitigation"), std::string::npos) << out;
  out = errors_of(pack_with("exec", "rm -rf /"));
  EXPECT_NE(out.find("exec"), std::string::npos) << out;
}

TEST(RulePack, BuiltinIdsCannotBeReplaced) {
  std::string out = errors_of(pack_with("id", "missing-authentication"));
  EXPECT_NE(out.find("rule id 'missing-authentication' is already used [duplicate-rule]"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace tw::rules
