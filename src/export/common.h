#pragma once
// Helpers the export writers share: the model as a threatwright JSON document, name encodings
// for formats with narrower id spaces, stable UUIDs, zones and facts read the same way by
// every writer.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis.h"
#include "model/model.h"

namespace tw::exports {

using Json = nlohmann::ordered_json;

/// The model as a threatwright JSON model document (docs/model-format.md, "JSON"): every
/// section, every element and every stated fact, includes merged into one document. Loading it
/// gives the same model (and analysis) as the original. Lists of assets and ids keep their
/// order; unknown facts stay absent.
Json model_document(const model::Model& m);

/// Symbolic names for formats whose ids are `^[0-9a-z-]+$` (TM-BOM): lower case, `@` becomes
/// `--at--`, every other character outside [0-9a-z-] `-`; a name already handed out gets
/// `-2`, `-3`, ... so distinct ids stay distinct.
class SymbolicNames {
 public:
  const std::string& name(const std::string& id);
  /// name -> original id, for every name handed out.
  const std::map<std::string, std::string>& originals() const { return originals_; }

 private:
  std::map<std::string, std::string> by_id_;
  std::map<std::string, std::string> originals_;
};
std::string symbolic_encode(std::string_view id);

/// A name-based UUID (RFC 9562 version 8, from SHA-256 of "threatwright:<space>:<id>"): the
/// same id gives the same UUID on every export, so the other tool's ids stay stable.
std::string stable_uuid(std::string_view space, std::string_view id);

/// The boundary a component sits in, or nullptr.
const model::Boundary* zone(const model::Model& m, const model::Component& c);
/// Whether the flow is encrypted: stated, else what its protocol implies; false when unknown.
bool flow_encrypted(const model::Flow& f);
/// The highest value of the assets a flow carries (either way); nullopt when none has one.
std::optional<model::Value> flow_max_value(const model::Model& m, const model::Flow& f);
/// Threats of the analysis on one target id, in analysis order.
std::multimap<std::string, const engine::Threat*> threats_by_target(const engine::Analysis& a);
/// "Spoofing", "Tampering", ... as the STRIDE words are written in English prose.
std::string stride_title(model::Stride s);
/// `a` and `b` as sentences: `b` appended after a full stop and a space (either may be empty).
std::string sentences(std::string a, const std::string& b);
/// Lookups the writers need per element, built once so that an export stays linear in the size
/// of the model (no writer scans all flows, decisions or not_applicable entries per element).
struct ModelIndex {
  explicit ModelIndex(const model::Model& m);
  std::vector<std::vector<int>> flows_of;   ///< per component: flows it starts or serves
  std::vector<std::vector<int>> stored_in;  ///< per asset: components that store it
  std::map<std::string, std::vector<int>> not_applicable_of;  ///< target id -> entries
  std::map<std::string, std::vector<int>> decisions_of;       ///< threat id -> decisions
};

/// Adds `key: value` to a JSON object whose keys the caller knows to be distinct, in constant
/// time (ordered_json's own insertion searches every key: quadratic for large objects).
void append_distinct(Json& object, std::string key, Json value);

/// Renders JSON with two-space indentation and a final newline, every string cleaned
/// (base::clean_json_strings).
std::string render(Json j);

}  // namespace tw::exports
