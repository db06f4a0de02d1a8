#pragma once
// Risk rating (docs/risk.md): likelihood 1..5 x impact 1..5 = score, banded into severities.

#include <optional>
#include <vector>

#include "model/enums.h"
#include "model/model.h"

namespace tw::rules {
class Context;
}

namespace tw::engine {

struct Rating {
  int likelihood = 1;
  int impact = 1;
  int score() const { return likelihood * impact; }
};

/// Points an asset contributes to impact for the given STRIDE categories: its value (critical 5,
/// high 4, medium 3, low 2, unset 3) lowered by 1 or 2 when the CIA property these categories
/// threaten is only medium or low. At least 1.
int asset_points(const model::Asset& asset, const std::vector<model::Stride>& stride);

/// Impact from the assets at stake and the rule's impact factor: the mean of the highest asset
/// points (1 when no asset is at stake) and the factor, rounded up.
int rate_impact(const model::Model& m,
                const std::vector<int>& assets,
                const std::vector<model::Stride>& stride,
                int factor);

/// Adjustment for the adversaries able to reach a target: -1 when the model names adversaries
/// but none reaches it, else by the highest capability (low -1, medium 0, high/nation-state +1);
/// 0 when the model names no adversary.
int adversary_adjustment(bool model_has_adversaries, std::optional<model::Capability> best);

/// Clamps to 1..5.
int clamp_factor(int v);

/// Residual likelihood once a threat is mitigated by a control: two steps lower, at least 1.
int residual_likelihood(int likelihood);

}  // namespace tw::engine
