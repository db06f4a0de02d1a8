#pragma once
// The open vocabularies of the model format: the component kinds and flow protocols rules know,
// package ecosystems, and the words people write for them. Unlike the closed enums (enums.h),
// a value outside these lists still loads: `check` warns with "did you mean" (docs/diagnostics.md,
// unknown-kind), and a model declares its own kinds and protocols, each mapped to a built-in
// base that rules read (`kinds:`, `protocols:`; docs/model-format.md, "Vocabulary").

#include <optional>
#include <string_view>
#include <vector>

#include "model/enums.h"

namespace tw::model {

/// A component kind rules, checks or checklists know.
struct KindInfo {
  std::string_view id;
  ComponentType type;  ///< the element type it usually has (documentation, guidance)
  std::string_view what;
};

/// A flow protocol and what it says about encryption in transit.
struct ProtocolInfo {
  std::string_view id;
  std::optional<bool> encrypted;  ///< true: TLS or similar; false: cleartext; nullopt: local or
                                  ///< depends (file, stdio, rdp)
  std::string_view what;
};

/// A word people write for a vocabulary value ("postgres" for sql-database, "admin-panel" for
/// admin-console). `technology`: it names a product, which goes under `technology:`.
struct Synonym {
  std::string_view word;
  std::string_view means;
  bool technology;
};

/// Built-in component kinds, sorted by id.
const std::vector<KindInfo>& builtin_kinds();
const KindInfo* builtin_kind(std::string_view id);
/// Built-in protocols, sorted by id.
const std::vector<ProtocolInfo>& builtin_protocols();
const ProtocolInfo* builtin_protocol(std::string_view id);
/// Package ecosystems (npm, pypi, ...), sorted. Ecosystems are open: only a near miss of one of
/// these is reported.
const std::vector<std::string_view>& builtin_ecosystems();
/// Supply-chain `source` values rules read (public-registry, private-registry, ...), sorted.
/// Free text otherwise: only a near miss is reported.
const std::vector<std::string_view>& builtin_sources();

/// Every synonym, sorted by word.
const std::vector<Synonym>& kind_synonyms();
const std::vector<Synonym>& protocol_synonyms();
/// What a word written as a kind (or protocol) means, or nullptr.
const Synonym* kind_synonym(std::string_view word);
const Synonym* protocol_synonym(std::string_view word);

}  // namespace tw::model
