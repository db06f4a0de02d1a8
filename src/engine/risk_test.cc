#include "engine/risk.h"

#include <gtest/gtest.h>

#include "engine/analysis.h"

namespace tw::engine {
namespace {

using model::Level3;
using model::Stride;
using model::Value;

TEST(Risk, SeverityBands) {
  EXPECT_EQ(severity_for_score(25), Severity::Critical);
  EXPECT_EQ(severity_for_score(20), Severity::Critical);
  EXPECT_EQ(severity_for_score(16), Severity::High);
  EXPECT_EQ(severity_for_score(12), Severity::High);
  EXPECT_EQ(severity_for_score(9), Severity::Medium);
  EXPECT_EQ(severity_for_score(6), Severity::Medium);
  EXPECT_EQ(severity_for_score(4), Severity::Low);
  EXPECT_EQ(severity_for_score(3), Severity::Low);
  EXPECT_EQ(severity_for_score(2), Severity::Info);
  EXPECT_EQ(severity_for_score(1), Severity::Info);
  EXPECT_EQ(parse_severity("high"), Severity::High);
  EXPECT_EQ(parse_severity("severe"), std::nullopt);
  EXPECT_EQ(severity_name(Severity::Critical), "critical");
}

model::Asset asset(std::optional<Value> v, Level3 c, Level3 i, Level3 a) {
  model::Asset x;
  x.value = v;
  x.cia = {c, i, a};
  return x;
}

TEST(Risk, AssetPointsFollowValueAndTheThreatenedProperty) {
  auto cards = asset(Value::Critical, Level3::High, Level3::High, Level3::Low);
  EXPECT_EQ(asset_points(cards, {Stride::InformationDisclosure}), 5);
  EXPECT_EQ(asset_points(cards, {Stride::DenialOfService}), 3);  // availability low: -2
  auto catalog = asset(Value::Low, Level3::Low, Level3::Medium, Level3::High);
  EXPECT_EQ(asset_points(catalog, {Stride::InformationDisclosure}), 1);  // 2 - 2, at least 1
  EXPECT_EQ(asset_points(catalog, {Stride::Tampering}), 1);
  EXPECT_EQ(asset_points(catalog, {Stride::DenialOfService}), 2);
  EXPECT_EQ(asset_points(asset(std::nullopt, Level3::High, Level3::High, Level3::High),
                         {Stride::Spoofing}),
            3);
}

TEST(Risk, BulkRecordsRaiseTheStakesOfALeakOrForgery) {
  auto orders = asset(Value::Medium, Level3::High, Level3::High, Level3::High);
  EXPECT_EQ(asset_points(orders, {Stride::InformationDisclosure}), 3);
  orders.quantity = model::Quantity::VeryMany;
  EXPECT_EQ(asset_points(orders, {Stride::InformationDisclosure}), 4);
  EXPECT_EQ(asset_points(orders, {Stride::Tampering}), 4);
  EXPECT_EQ(asset_points(orders, {Stride::DenialOfService}), 3);  // an outage is no bulk leak
  orders.quantity = model::Quantity::Few;
  EXPECT_EQ(asset_points(orders, {Stride::InformationDisclosure}), 3);  // few lowers nothing
  auto keys = asset(Value::Critical, Level3::High, Level3::High, Level3::High);
  keys.quantity = model::Quantity::VeryMany;
  EXPECT_EQ(asset_points(keys, {Stride::InformationDisclosure}), 5);  // at most 5
}

TEST(Risk, ImpactIsTheMeanOfStakesAndFactor) {
  model::Model m;
  m.assets.push_back(asset(Value::Critical, Level3::High, Level3::High, Level3::High));
  m.assets.push_back(asset(Value::Low, Level3::Low, Level3::Low, Level3::Low));
  // Rounded down: an impact of 5 takes both a top asset and a top weakness.
  EXPECT_EQ(rate_impact(m, {0}, {Stride::Tampering}, 4), 4);  // (5 + 4) / 2
  EXPECT_EQ(rate_impact(m, {0}, {Stride::Tampering}, 5), 5);  // (5 + 5) / 2
  EXPECT_EQ(rate_impact(m, {1}, {Stride::Tampering}, 4), 2);  // (1 + 4) / 2
  EXPECT_EQ(rate_impact(m, {}, {Stride::Tampering}, 3), 2);   // nothing at stake
  EXPECT_EQ(rate_impact(m, {0, 1}, {Stride::Tampering}, 1), 3);
}

TEST(Risk, AdversaryAdjustment) {
  EXPECT_EQ(adversary_adjustment(false, std::nullopt), 0);
  EXPECT_EQ(adversary_adjustment(true, std::nullopt), -1);
  EXPECT_EQ(adversary_adjustment(true, model::Capability::Low), -1);
  EXPECT_EQ(adversary_adjustment(true, model::Capability::Medium), 0);
  EXPECT_EQ(adversary_adjustment(true, model::Capability::NationState), 1);
  EXPECT_EQ(residual_likelihood(4), 2);
  EXPECT_EQ(residual_likelihood(2), 1);
  EXPECT_EQ(clamp_factor(9), 5);
  EXPECT_EQ(clamp_factor(-2), 1);
}

}  // namespace
}  // namespace tw::engine
