#pragma once
// What every importer shares: typed access to the parsed foreign file (load::Node, with
// positions), diagnostics for losses and inferences at the source's line and column, and the
// id space of the model being written (ids sanitised, originals kept as `x-<tool>-id`).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "import/yaml_out.h"
#include "load/yaml_node.h"

namespace tw::import {

using load::Node;

/// `raw` in threatwright's id space `[a-z0-9][a-z0-9._-]*`: lower case, other characters
/// become `-`, runs of `-` collapse, at most 64 characters. Empty when nothing is left.
std::string sanitize_id(std::string_view raw);

/// The ids of one model being written: each id is unique across the whole model.
class IdSpace {
 public:
  /// A fresh id from `preferred` (sanitised), else from `fallback`; `-2`, `-3`, ... on a clash.
  std::string make(std::string_view preferred, std::string_view fallback = "item");
  /// Reserves `id` (used as is); false when it is taken already.
  bool reserve(const std::string& id) { return used_.insert(id).second; }
  bool taken(const std::string& id) const { return used_.count(id) > 0; }

 private:
  std::set<std::string> used_;
};

/// Ids that `threatwright export` carried into another tool's file (a `threatwright id: X`
/// line, a `custom:threatwright-id` entry), taken back on import so that element and threat
/// ids survive a round trip. Every id is noted before any element is named (`note`), so no
/// name-made id takes it; then each element takes its own (`take`), the first one only.
class KeptIds {
 public:
  /// Reserves `id` in `ids` when it is a valid threatwright id (not a generated threat's).
  void note(IdSpace& ids, const std::string& id);
  /// `id` when it was noted and no element took it yet; else empty.
  std::string take(const std::string& id);

 private:
  std::set<std::string> reserved_, taken_;
};

/// The threatwright id an export wrote into text as its last paragraph `threatwright id: X`;
/// empty when there is none. `rest` (optional) gets the text without that paragraph.
std::string marked_id(std::string_view text, std::string* rest = nullptr);
/// A threat the analysis generated: `rule@element` (never a hand-written threat's id).
inline bool generated_threat_id(std::string_view id) {
  return id.find('@') != std::string_view::npos;
}

/// Diagnostic codes of the import command (docs/diagnostics.md).
inline constexpr const char* kInferred = "import-inferred";  ///< a value the source did not state
inline constexpr const char* kLost = "import-lost";          ///< source data with no place in TW
inline constexpr const char* kInvalid = "import-invalid";    ///< the source is broken
inline constexpr const char* kDangling = "import-dangling";  ///< a reference to nothing

/// One foreign file being imported, and the model being written from it.
class Context {
 public:
  Context(const base::SourceFile& file,
          base::Diagnostics& diags,
          std::string tool,
          bool skip_broken)
      : file_(&file), diags_(&diags), tool_(std::move(tool)), skip_broken_(skip_broken) {}

  const base::SourceFile& file() const { return *file_; }
  base::Diagnostics& diags() { return *diags_; }
  const std::string& tool() const { return tool_; }
  /// `x-<tool>-<what>`.
  std::string x(std::string_view what) const { return "x-" + tool_ + "-" + std::string(what); }
  IdSpace& ids() { return ids_; }
  KeptIds& kept() { return kept_; }

  base::Loc loc(const Node* n) const;
  /// A value threatwright needs that the source did not state (a warning).
  void inferred(const Node* at, std::string message, std::string hint = "");
  /// Source data that has no place in the model (a warning).
  void lost(const Node* at, std::string message, std::string hint = "");
  /// The source is broken where it matters: an error (exit 2).
  void invalid(const Node* at, std::string message, std::string hint = "");
  /// A broken element: an error, or with --skip-broken a warning and the element is dropped.
  void broken(const Node* at, std::string code, std::string message, std::string hint = "");
  void broken(const base::Loc& at, std::string code, std::string message, std::string hint = "");
  bool failed() const { return diags_->has_errors(); }

  /// Switches diagnostics to another file (included files).
  void set_file(const base::SourceFile& f) { file_ = &f; }
  /// The file an include reader parsed last.
  const base::SourceFile* last_included() const { return last_included_; }
  void set_last_included(const base::SourceFile* f) { last_included_ = f; }

 private:
  const base::SourceFile* file_;
  base::Diagnostics* diags_;
  std::string tool_;
  bool skip_broken_;
  IdSpace ids_;
  KeptIds kept_;
  const base::SourceFile* last_included_ = nullptr;
};

/// Foreign ids of one kind of element: the first element with an id owns it; a later one
/// with the same id is reported as broken and left out, so two elements never share the
/// threatwright id made for that foreign id.
class FirstClaim {
 public:
  /// True when `at` is the first element with `foreign_id`; else reports `at` (as `what`).
  bool claim(Context& cx, const std::string& foreign_id, const Node* at, std::string_view what);
  /// True when `at` owns `foreign_id`: false for a duplicate that was left out.
  bool owns(const std::string& foreign_id, const Node* at) const;

 private:
  struct Owner {
    const Node* at;
    base::Loc loc;
  };
  std::map<std::string, Owner> owner_;
};

// Reading a parsed document. Absent and null values read as nullptr / empty.

/// The value under `key` in mapping `map`, or nullptr (absent, null, or `map` not a mapping).
const Node* get(const Node* map, std::string_view key);
/// A scalar's text ("" for anything else); `get(map, key)`'s text.
std::string text(const Node* n);
std::string str(const Node* map, std::string_view key);
/// true/false scalars only.
std::optional<bool> boolean(const Node* n);
std::optional<bool> boolean(const Node* map, std::string_view key);
std::optional<double> number(const Node* n);
/// Items of a list (an empty span for anything else).
std::vector<const Node*> items(const Node* seq);
/// Entries of a mapping as (key node, value node).
std::vector<std::pair<const Node*, const Node*>> entries(const Node* map);
/// Lower case ASCII.
std::string lower(std::string_view s);
/// Trimmed of ASCII white space.
std::string trim(std::string_view s);
/// The first sentence or line of `s`, at most `max` bytes (on a UTF-8 boundary).
std::string first_line(std::string_view s, size_t max = 120);
/// `s` without HTML tags.
std::string strip_tags(std::string_view s);

/// A STRIDE category from a word in any of the spellings the tools use ("Elevation of
/// Privileges", "Info Disclosure", "DoS", "S", a Threat Dragon translation, ...).
std::optional<std::string> stride_word(std::string_view word);
/// CIA fallback: confidentiality -> information-disclosure, integrity -> tampering,
/// availability -> denial-of-service.
std::optional<std::string> cia_stride(std::string_view word);

/// A protocol name from free text ("HTTPS", "HTTP/S", "TCP 1234", "JDBC"): a built-in protocol
/// or a synonym's meaning; empty when unknown. Sets `port` from a trailing number.
std::string protocol_word(std::string_view free, std::optional<int>* port = nullptr);
/// A component kind from free text (a technology or type name): built-in kind or synonym
/// meaning; empty when unknown.
std::string kind_word(std::string_view free);

}  // namespace tw::import
