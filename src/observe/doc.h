#pragma once
// A small YAML/JSON document tree for infrastructure files: every node keeps its line,
// column and tag (CloudFormation's `!Ref`), a file may hold several documents (`---`), and
// parsing is bounded (depth, nodes, scalar size) so hostile input ends with an error.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tw::observe {

struct Doc {
  enum class Kind : uint8_t { Null, Scalar, Seq, Map };
  Kind kind = Kind::Null;
  bool plain = false;  ///< scalar without quotes (may spell a bool or a number)
  uint32_t line = 0, col = 0;
  std::string tag;                          ///< "!Ref", "!GetAtt", ... (empty for the default tags)
  std::string text;                         ///< scalars
  std::vector<std::unique_ptr<Doc>> items;  ///< sequences
  std::vector<std::pair<std::unique_ptr<Doc>, std::unique_ptr<Doc>>> entries;  ///< mappings

  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  /// The value under key `k` of a mapping, or nullptr.
  const Doc* get(std::string_view k) const;
  /// The text of a scalar under `k` ("" when absent or not a scalar).
  std::string str(std::string_view k) const;
  /// A scalar spelling true/false (YAML 1.1 and 1.2 spellings); -1 when neither.
  int boolean() const;
};

struct ParseLimits {
  uint32_t max_depth = 64;
  uint64_t max_nodes = 2'000'000;
  uint64_t max_scalar_bytes = 1 << 20;
  uint32_t max_documents = 10'000;
};

struct ParsedFile {
  std::vector<std::unique_ptr<Doc>> documents;
  std::string error;  ///< empty when the whole file parsed
  uint32_t error_line = 0, error_col = 0;
};

/// Parses YAML (or JSON, which libyaml reads as flow YAML) from `text`. A UTF-8 BOM, UTF-16
/// with a BOM and CRLF line ends are accepted. Aliases become null nodes (no expansion).
ParsedFile parse_documents(std::string_view text, const ParseLimits& limits = {});

}  // namespace tw::observe
