#pragma once
// What may be written at a place in a model file: the keys of the mapping the cursor is in
// (by section), the values of an enum key, true/false for a security fact, and the ids a
// reference field accepts. Worked out from the text around the cursor, so it also works
// while the file does not parse.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.h"

namespace tw::lsp {

struct CompletionContext {
  enum class What { Nothing, Key, Value };
  What what = What::Nothing;
  /// The keys from the top level down to the mapping the cursor is in ("components",
  /// "verification"); for a value, the last is the key whose value it is.
  std::vector<std::string> path;
  std::string prefix;  ///< what is typed of the word so far
};

/// Where the cursor is: line `line` (0-based), byte `byte` of that line.
CompletionContext completion_context(std::string_view text, uint32_t line, size_t byte);

/// The keys allowed in the mapping at `path` (empty when unknown).
std::vector<std::string_view> keys_at(const std::vector<std::string>& path);

/// What the value of `path.back()` may be.
struct ValueSpec {
  std::vector<std::string_view> words;  ///< enum spellings or true/false
  std::vector<model::Kind> kinds;       ///< ids of these kinds
  bool threat_ids = false;              ///< threat ids of the analysis
};
ValueSpec values_at(const std::vector<std::string>& path);

}  // namespace tw::lsp
