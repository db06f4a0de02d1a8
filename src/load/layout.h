#pragma once
// Where things are in a model file's text, for tools that edit it in place (the workbench's
// triage actions): the top-level sections, their list items and the keys of each item, with
// the lines and columns libyaml reports. Nothing here interprets the model; an edit made at
// these positions changes only the lines it touches, comments and formatting included.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace tw::load {

/// One node of the file's layout (0-based lines and columns).
struct LayoutNode {
  enum class Kind { Scalar, Map, Seq, Alias };
  Kind kind = Kind::Scalar;
  bool flow = false;   ///< `[a, b]` or `{k: v}`; a quoted or block scalar
  bool empty = false;  ///< a plain empty scalar: `key:` with no value (null)
  uint32_t line = 0, col = 0;
  /// Where the last character of the node's content ends: the end of its last scalar, or
  /// just past `]`/`}` for a flow collection.
  uint32_t last_line = 0, last_col = 0;
  /// A flow collection's closing bracket.
  uint32_t close_line = 0, close_col = 0;
  std::string value;  ///< a scalar's value
  /// A map's keys and values in order (keys are scalars); a list's items.
  std::vector<LayoutNode> keys, items;

  /// The value under `key` of a map, or nullptr.
  const LayoutNode* get(const std::string& key) const;
  const LayoutNode* key_node(const std::string& key) const;
};

/// The layout of the first document of `text`, nested at most `max_depth` collections deep
/// (deeper content is skipped, but still counts for the end positions of what holds it).
/// An error (with its 1-based line) for text libyaml does not parse.
base::Result<LayoutNode> scan_layout(const std::string& text, uint32_t max_depth = 64);

/// `text` split into lines, each with its `\n` (the last one may lack it).
std::vector<std::string> split_lines(const std::string& text);

}  // namespace tw::load
