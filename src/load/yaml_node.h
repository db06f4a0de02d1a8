#pragma once
// YAML (and JSON) text -> a compact tree of nodes with positions, through libyaml's event
// API. Enforces the resource limits for untrusted input while parsing.

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"

namespace tw::load {

struct Limits;

/// A YAML node. Scalars hold text; sequences hold items; mappings hold key, value, key,
/// value, ... in document order. Nodes live in an Arena and are never freed one by one.
struct Node {
  enum class Kind : uint8_t { Scalar, Seq, Map };
  Kind kind = Kind::Scalar;
  bool plain = false;  ///< scalar written without quotes or tag (so may be null/bool/int)
  uint32_t line = 0, col = 0;
  uint32_t count = 0;  ///< children (mappings: twice the number of entries)
  std::string_view text;
  Node** kids = nullptr;
  uint64_t weight = 1;  ///< nodes in this subtree, for the alias expansion budget

  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  /// A plain scalar spelling null: empty, "~", "null", "Null", "NULL".
  bool is_null() const;
  size_t entries() const { return count / 2; }
  const Node* key(size_t i) const { return kids[2 * i]; }
  const Node* value(size_t i) const { return kids[2 * i + 1]; }
  const Node* item(size_t i) const { return kids[i]; }
  /// "a mapping", "a list", "text", ... for messages.
  const char* describe() const;
};

/// Bump allocator owning nodes and their text.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  void* allocate(size_t bytes, size_t align);
  std::string_view copy(const char* data, size_t n);
  Node* node();
  size_t bytes_used() const { return used_; }

  /// A position to roll back to, freeing everything allocated since.
  struct Mark {
    size_t blocks;
    char* cur;
    size_t left, used;
  };
  Mark mark() const { return Mark{blocks_.size(), cur_, left_, used_}; }
  /// Frees everything allocated since `m`, unless something allocated since then is pinned:
  /// then nothing is freed and the result is false.
  bool rollback(const Mark& m);
  /// Keeps everything allocated so far alive for the arena's lifetime: no rollback to an
  /// earlier mark frees it. Anchored nodes are pinned when defined, so an anchor (and every
  /// alias to it) can never point into reclaimed memory, whatever the caller rolls back.
  void pin() { pinned_ = used_; }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t left_ = 0;
  char* cur_ = nullptr;
  size_t used_ = 0;
  size_t pinned_ = 0;  ///< used_ when pin() was last called; rollbacks never go below it
};

/// Receives each item of a top-level list section (`components: [...]`) as soon as it is
/// parsed, and returns whether it consumed it. A consumed item is not kept in the tree, and
/// its memory is reclaimed after the call unless it holds an anchor (Arena::pin): this keeps
/// peak memory near the size of the typed model. An alias in a later item to an anchor of a
/// consumed item resolves to that anchor's node, as YAML says. Items not consumed stay in
/// the tree.
using ItemSink = std::function<bool(std::string_view section, const Node* item)>;

/// Parses one YAML document. Returns its root, or nullptr after reporting an error (with
/// position) to `diags`. A file holding only whitespace/comments yields nullptr and an
/// "empty file" error. `nodes_budget` is shared across the files of one model. With a
/// `sink`, items of top-level lists go to it instead of into the tree.
const Node* parse_yaml(const base::SourceFile& file,
                       Arena& arena,
                       const Limits& limits,
                       uint64_t& nodes_budget,
                       base::Diagnostics& diags,
                       const ItemSink* sink = nullptr);

/// Files of at least this many bytes are scanned on a second thread (when worker threads are
/// allowed, see base/parallel.h) while nodes are built; 256 KiB by default. Tests and fuzzers
/// lower it to exercise that path on small inputs.
void set_pipeline_threshold(size_t min_bytes);

/// Position of a node in `file` (the caret spans a single-line plain key or scalar).
base::Loc loc_of(const base::SourceFile& file, const Node* n);

}  // namespace tw::load
