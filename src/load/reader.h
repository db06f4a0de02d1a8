#pragma once
// Typed access to YAML mappings with diagnostics: every wrong type, unknown key, bad enum
// value, bad date or bad id is reported at its position, with "did you mean" where it helps.

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/enums.h"
#include "model/model.h"

namespace tw::load {

struct Node;

/// Shared state while building one model: which file a node comes from, where to report.
struct BuildContext {
  const base::SourceFile* file = nullptr;
  base::Diagnostics* diags = nullptr;
  base::Loc loc(const Node* n) const;
  /// Lines in `file`, counted when first needed (0 until then).
  uint32_t lines = 0;
};

struct MapSpec;

/// Reads one mapping. The constructor reports a non-mapping, duplicate keys and keys `spec`
/// (format.h) does not list (keys starting with "x-" are user extensions and ignored). Messages
/// name the mapping `what`, or the spec's own name when empty. Reading a key the spec does not
/// list is a bug (std::logic_error).
class MapReader {
 public:
  MapReader(BuildContext& ctx, const Node* node, const MapSpec& spec, std::string_view what = {});
  /// For mappings outside the model format (rule packs): the known keys given as a list.
  MapReader(BuildContext& ctx,
            const Node* node,
            std::string_view what,
            std::initializer_list<std::string_view> known);

  bool ok() const { return map_ != nullptr; }
  const Node* node() const { return node_; }
  base::Loc loc() const { return ctx_.loc(node_); }
  /// The value under `key`, or nullptr when absent or null.
  const Node* get(std::string_view key) const;
  base::Loc loc_of(std::string_view key) const;

  std::string str(std::string_view key, bool required = false);
  std::string id(std::string_view key = "id");
  std::optional<bool> boolean(std::string_view key);
  std::optional<int> integer(std::string_view key, int min, int max);
  std::optional<base::Date> date(std::string_view key, bool required = false);
  /// 1..5 from "very-low".."very-high" or a number.
  std::optional<int> rating(std::string_view key);
  model::Ref ref(std::string_view key, bool required = false);
  std::vector<model::Ref> refs(std::string_view key, bool required = false);
  std::vector<std::string> strings(std::string_view key);
  std::vector<int> ints(std::string_view key);
  std::vector<model::Stride> strides(std::string_view key, bool required = false);

  template <class E>
  std::optional<E> enumv(std::string_view key, bool required = false) {
    const Node* v = get(key);
    if (!v) {
      if (required) missing(key);
      return std::nullopt;
    }
    return enum_value<E>(v, key);
  }

  /// A list of enum values, or one; duplicates dropped, sorted.
  template <class E>
  std::vector<E> enums(std::string_view key) {
    std::vector<E> out;
    const Node* v = get(key);
    if (!v) return out;
    auto one = [&](const Node* n) {
      if (auto e = enum_value<E>(n, key)) {
        if (std::find(out.begin(), out.end(), *e) == out.end()) out.push_back(*e);
      }
    };
    if (is_seq(v)) {
      for (size_t i = 0; i < seq_count(v); ++i) one(seq_item(v, i));
    } else {
      one(v);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  /// Reports that `key` must be present.
  void missing(std::string_view key);

  template <class E>
  std::optional<E> enum_value(const Node* v, std::string_view key) {
    auto text = scalar_text(v, key);
    if (!text) return std::nullopt;
    if (auto e = model::parse<E>(*text)) return e;
    bad_enum(v, key, *text, model::names<E>());
    return std::nullopt;
  }

 private:
  static bool is_seq(const Node* v);
  static size_t seq_count(const Node* v);
  static const Node* seq_item(const Node* v, size_t i);
  std::optional<std::string_view> scalar_text(const Node* v, std::string_view key);
  void bad_enum(const Node* v,
                std::string_view key,
                std::string_view got,
                const std::vector<std::string_view>& allowed);
  model::Ref make_ref(const Node* v, std::string_view key);
  void read_keys();
  size_t slot(std::string_view key) const;

  BuildContext& ctx_;
  const Node* node_;
  const Node* map_ = nullptr;
  std::string what_;
  // The value node of each known key (nullptr when absent), filled in one pass.
  static constexpr size_t kMaxKeys = 64;
  std::string_view keys_[kMaxKeys];
  const Node* values_[kMaxKeys] = {};
  const Node* key_nodes_[kMaxKeys] = {};
  size_t nkeys_ = 0;
};

/// Validates an id: `[a-z0-9][a-z0-9._-]*`.
bool valid_id(std::string_view id);

}  // namespace tw::load
