#pragma once
// The model format as data: every mapping of a model file, its keys, their types, the values
// an enum takes, which keys are required, and what each means. The loader's MapReader takes its
// known keys (unknown-key, "did you mean") from here and the JSON Schema generator (schema.h)
// emits the editor schema from the same tables, so the two cannot drift; format_test.cc checks
// the builder against the tables (required keys, accepted and refused types).

#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace tw::load {

/// How the loader reads a key's value (the MapReader accessor it uses).
enum class FieldType {
  Text,     ///< any single value, read as text (str)
  Id,       ///< an id, `[a-z0-9][a-z0-9._-]*` (id)
  Ref,      ///< one id of another element (ref)
  Refs,     ///< a list of ids, or one id (refs)
  Texts,    ///< a list of single values, or one (strings)
  Numbers,  ///< a list of whole numbers, "CWE-79" or "CAPEC-66" spellings too (ints)
  Bool,     ///< true or false, unquoted (boolean)
  Integer,  ///< a whole number in [min, max] (integer)
  Date,     ///< YYYY-MM-DD, a real calendar day (date)
  Rating,   ///< very-low..very-high, or 1..5 (rating)
  Enum,     ///< one of `values()` (enumv)
  Enums,    ///< a list of `values()`, or one (enums)
  Strides,  ///< one STRIDE category or a list of them (strides)
  Version,  ///< the format version, 1
  Map,      ///< a mapping described by `item`
  List,     ///< a list of mappings, each described by `item`
};

/// The open vocabularies a free-text key offers as suggestions (model/vocabulary.h).
enum class Vocab { None, Kind, Protocol, Ecosystem, Source };

struct MapSpec;

/// One key of a mapping.
struct FieldSpec {
  std::string_view key;
  FieldType type;
  std::string_view description;
  /// Reported as missing-field when absent (a null value counts as absent).
  bool required = false;
  /// The spellings of an Enum (model::names<E>), or nullptr.
  const std::vector<std::string_view>& (*values)() = nullptr;
  /// A value of `values` the loader refuses here (decision status "claimed").
  std::string_view except = {};
  int min = 0;  ///< Integer bounds; List: the fewest items
  int max = 0;
  const MapSpec* item = nullptr;  ///< Map, List
  /// Values the loader knows (suggested, not enforced: unknown ones are warnings)...
  Vocab vocab = Vocab::None;
  /// ...unless closed: then only these values are accepted (a declared kind's `base`).
  bool closed_vocab = false;
  /// Required only when none of these keys is present (an attack tree leaf's `step`).
  std::array<std::string_view, 2> unless = {};
};

/// One kind of mapping in a model file.
struct MapSpec {
  std::string_view name;  ///< schema definition name, e.g. "component"
  std::string_view what;  ///< how messages name it, e.g. "component"
  std::string_view description;
  std::span<const FieldSpec> fields;
  /// Two keys that must not both be given (conflicting-fields), or empty.
  std::array<std::string_view, 2> exclusive = {};

  const FieldSpec* field(std::string_view key) const;
};

/// The mappings of the format. `model_file` is the top level of any model file: the root file
/// must also hold `threatwright` (LoadSpec::root_required).
namespace format {
extern const MapSpec model_file, system, review, asset, cia, adversary, boundary, component, flow,
    supply_chain, control, verification, expect, threat, decision, failure_mode, not_applicable,
    pasta, objective, scope, out_of_scope, intelligence, vulnerability, attack_tree, attack_node,
    kind, protocol;
// IAM
extern const MapSpec iam, principal, permission, trust;

/// Keys the root model file must hold (besides the keys `model_file` marks required).
inline constexpr std::string_view kRootRequired[] = {"threatwright"};

/// Every mapping spec, in definition order (model_file first).
std::span<const MapSpec* const> all();
}  // namespace format

}  // namespace tw::load
