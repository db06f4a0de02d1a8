#include "engine/json_output.h"

#include <gtest/gtest.h>

#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::engine {
namespace {

using namespace rules::testing;

TEST(JsonOutput, DocumentedShape) {
  ModelBuilder b;
  secure_shop(b);
  b.comp("web").rate_limited = false;
  b.threat("card-testing", "web", {Stride::Spoofing}).likelihood = 4;
  Decision& d = b.decision("missing-rate-limit@web", ThreatStatus::Accepted);
  d.owner = "cto";
  d.review_by = base::parse_date("2027-01-01");
  auto m = b.build();
  AnalyzeOptions o;
  o.today = *base::parse_date("2026-11-26");
  Analysis a = analyze(*m, o);
  std::string text = render_analysis_json(*m, a);
  auto j = nlohmann::ordered_json::parse(text);
  // Written as it is produced, yet laid out exactly as nlohmann::json lays out the same document.
  EXPECT_EQ(text, j.dump(2) + "\n");
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"threatwright_version", "format_version", "model",
                                            "summary", "threats"}));
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["summary"]["total"], a.summary.total);
  EXPECT_EQ(j["summary"]["by_status"]["accepted"], 1);
  ASSERT_EQ(j["threats"].size(), a.threats.size());
  auto at = [&](const std::string& id) -> const nlohmann::ordered_json& {
    for (const auto& t : j["threats"]) {
      if (t["id"] == id) return t;
    }
    ADD_FAILURE() << "no threat " << id;
    return j["threats"][0];
  };
  const auto& hand = at("card-testing");
  EXPECT_TRUE(hand["rule"].is_null());
  EXPECT_TRUE(hand["claim"].is_null());
  const auto& t = at("missing-rate-limit@web");
  std::vector<std::string> tkeys;
  for (auto& [k, v] : t.items()) tkeys.push_back(k);
  EXPECT_EQ(tkeys, (std::vector<std::string>{"id",
                                             "rule",
                                             "title",
                                             "stride",
                                             "target",
                                             "target_kind",
                                             "likelihood",
                                             "impact",
                                             "score",
                                             "severity",
                                             "inherent_score",
                                             "status",
                                             "status_reason",
                                             "claim",
                                             "root_cause",
                                             "reach",
                                             "controls",
                                             "assets",
                                             "adversaries",
                                             "cwe",
                                             "capec",
                                             "description",
                                             "mitigation",
                                             "owner",
                                             "review_by",
                                             "location"}));
  EXPECT_EQ(t["rule"], "missing-rate-limit");
  EXPECT_EQ(t["stride"], nlohmann::ordered_json::array({"denial-of-service"}));
  EXPECT_EQ(t["status"], "accepted");
  EXPECT_EQ(t["owner"], "cto");
  EXPECT_EQ(t["review_by"], "2027-01-01");
  EXPECT_EQ(t["target_kind"], "component");
  EXPECT_TRUE(t["claim"].is_null());
  EXPECT_EQ(t["root_cause"], "rate_limited");
  EXPECT_EQ(t["reach"], "internet -> web");
  EXPECT_EQ(at("sql-injection@api")["claim"], "input_validation: true");
  EXPECT_TRUE(t["location"]["file"].is_null());  // built in C++: no source position
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text, render_analysis_json(*m, analyze(*m, o)));
}

TEST(JsonOutput, RulesListing) {
  rules::RuleSet rules;
  auto j = rules_json(rules);
  ASSERT_GE(j["rules"].size(), 60u);
  const auto& r = j["rules"][0];
  EXPECT_EQ(r["id"], "account-lockout-dos");
  for (const char* key :
       {"id", "title", "stride", "applies_to", "cwe", "capec", "likelihood", "impact", "detection",
        "mitigation", "false_positives", "references", "source"}) {
    EXPECT_TRUE(r.contains(key)) << key;
  }
  EXPECT_EQ(r["source"], "built-in");
}

}  // namespace
}  // namespace tw::engine
