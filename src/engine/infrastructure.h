#pragma once
// What infrastructure files showed about a model (`--infra DIR`, docs/drift.md, "In the
// analysis"): the drift findings and the security facts they confirm or contradict. Plain data:
// drift/infra.h derives it; check, report and the JSON outputs show it. The engine never reads
// infrastructure files itself.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "base/source.h"
#include "engine/analysis.h"

namespace tw::engine {

/// A place in an infrastructure file.
struct InfraWhere {
  std::string file;  ///< as given under the scanned folder
  uint32_t line = 0, col = 0;
  std::string str() const;  ///< "file:line:col", or "" when there is no file
};

/// A drift finding (drift::Finding, flattened for the layers below drift).
struct InfraFinding {
  std::string code;  ///< "public-bucket", "exposure-not-in-model", ... (docs/drift.md)
  Severity severity = Severity::Medium;
  std::string message, hint;
  std::string observed;  ///< observed resource id
  InfraWhere observed_at;
  std::string element;  ///< model element id, "" when none
  base::Loc model_at;
  std::string model_says;
};

/// A security fact of a model element that the infrastructure shows: evidence, not a claim.
struct InfraFact {
  enum class Effect {
    Verified,      ///< the model states the same value
    Filled,        ///< the model leaves it unknown; the analysis used the observed value
    Overridden,    ///< the model claims a safer value; the analysis used the observed one
    ModelStricter  ///< the model states a less safe value than observed; the model's was kept
  };
  std::string element;      ///< component or flow id
  std::string fact;         ///< model key: "internet_facing", "encrypted_at_rest", "encrypted", ...
  std::string value;        ///< observed, as the model writes it ("true")
  std::string model_value;  ///< as the model stated it ("" when unknown)
  Effect effect = Effect::Verified;
  InfraWhere at;       ///< where the infrastructure shows it
  base::Loc model_at;  ///< the element in the model
};

std::string_view infra_effect_name(InfraFact::Effect e);

struct Infrastructure {
  std::vector<std::string> dirs;  ///< the folders read
  size_t files = 0, unresolved = 0, problems = 0;
  std::vector<InfraFinding> findings;  ///< highest severity first
  std::vector<InfraFact> facts;        ///< by element, then fact
  /// Infrastructure files that findings point into (for diagnostics that quote them).
  std::vector<std::shared_ptr<const base::SourceFile>> sources;
};

/// The "infrastructure" member of the analysis JSON (docs/json-output.md): `{dirs, files,
/// unresolved, problems, findings: [...], facts: [...]}`.
void write_infrastructure_json(base::JsonWriter& w, const Infrastructure& infra);

}  // namespace tw::engine
