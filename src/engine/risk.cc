#include "engine/risk.h"

#include <algorithm>

#include "engine/analysis.h"

namespace tw::engine {

using model::Level3;
using model::Stride;
using model::Value;

namespace {
int value_points(const std::optional<Value>& v) {
  if (!v) return 3;
  switch (*v) {
    case Value::Critical:
      return 5;
    case Value::High:
      return 4;
    case Value::Medium:
      return 3;
    case Value::Low:
      return 2;
  }
  return 3;
}

/// The highest of the CIA levels a set of categories threatens (unset counts as high).
Level3 threatened_level(const model::Asset& a, const std::vector<Stride>& stride) {
  bool c = false, i = false, av = false;
  for (Stride s : stride) {
    switch (s) {
      case Stride::Spoofing:
        c = i = true;
        break;
      case Stride::Tampering:
      case Stride::Repudiation:
        i = true;
        break;
      case Stride::InformationDisclosure:
        c = true;
        break;
      case Stride::DenialOfService:
        av = true;
        break;
      case Stride::ElevationOfPrivilege:
        c = i = av = true;
        break;
    }
  }
  Level3 best = Level3::Low;
  auto take = [&](bool used, const std::optional<Level3>& l) {
    if (used) best = std::max(best, l.value_or(Level3::High));
  };
  take(c, a.cia.confidentiality);
  take(i, a.cia.integrity);
  take(av, a.cia.availability);
  return best;
}
}  // namespace

int asset_points(const model::Asset& asset, const std::vector<Stride>& stride) {
  int p = value_points(asset.value);
  switch (threatened_level(asset, stride)) {
    case Level3::High:
      break;
    case Level3::Medium:
      p -= 1;
      break;
    case Level3::Low:
      p -= 2;
      break;
  }
  // Bulk records: a leak or a forgery reaches every customer's records at once, not one. Few
  // records lower nothing (one signing key can be worth everything).
  bool records = std::any_of(stride.begin(), stride.end(),
                             [](Stride s) { return s != Stride::DenialOfService; });
  if (records && asset.quantity == model::Quantity::VeryMany) p = std::min(5, p + 1);
  return std::max(1, p);
}

int rate_impact(const model::Model& m,
                const std::vector<int>& assets,
                const std::vector<Stride>& stride,
                int factor) {
  int stakes = 1;
  for (int a : assets) stakes = std::max(stakes, asset_points(m.assets[a], stride));
  return clamp_factor((stakes + clamp_factor(factor)) / 2);
}

int adversary_adjustment(bool model_has_adversaries, std::optional<model::Capability> best) {
  if (!model_has_adversaries) return 0;
  if (!best) return -1;
  switch (*best) {
    case model::Capability::Low:
      return -1;
    case model::Capability::Medium:
      return 0;
    case model::Capability::High:
    case model::Capability::NationState:
      return 1;
  }
  return 0;
}

int clamp_factor(int v) { return std::clamp(v, 1, 5); }

int residual_likelihood(int likelihood) { return std::max(1, likelihood - 2); }

std::string_view severity_name(Severity s) {
  static constexpr std::string_view kNames[] = {"info", "low", "medium", "high", "critical"};
  return kNames[static_cast<int>(s)];
}

std::optional<Severity> parse_severity(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(Severity::Critical); ++i) {
    if (severity_name(static_cast<Severity>(i)) == s) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

Severity severity_for_score(int score) {
  if (score >= 20) return Severity::Critical;
  if (score >= 12) return Severity::High;
  if (score >= 6) return Severity::Medium;
  if (score >= 3) return Severity::Low;
  return Severity::Info;
}

std::string_view target_kind_name(TargetKind k) {
  static constexpr std::string_view kNames[] = {"component", "flow", "model", "supply-chain"};
  return kNames[static_cast<int>(k)];
}

}  // namespace tw::engine
