#pragma once
// The model an importer writes, as a small YAML tree that is emitted as readable block YAML
// with comments where a value was inferred. Importers build it; nothing here knows a format.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tw::import {

/// One YAML value of the model being written: a scalar, a list or a mapping (keys in order).
class Yaml {
 public:
  enum class Kind { Scalar, Seq, Map };

  /// Text, quoted when YAML would read it as something else.
  static Yaml str(std::string_view text);
  /// A plain word written as is: numbers, booleans, enum values, ids (quoted after all when
  /// it holds anything but letters, digits and `-_.+`).
  static Yaml word(std::string_view text);
  static Yaml boolean(bool b) { return word(b ? "true" : "false"); }
  static Yaml number(long long n) { return word(std::to_string(n)); }
  static Yaml seq() { return Yaml(Kind::Seq); }
  static Yaml map() { return Yaml(Kind::Map); }
  /// A list of words written on one line: `[a, b]`.
  static Yaml words(const std::vector<std::string>& items);

  Kind kind() const { return kind_; }
  /// A scalar's text.
  const std::string& text() const { return text_; }
  bool empty() const { return kind_ == Kind::Scalar ? text_.empty() : items_.empty(); }

  /// Sets (or replaces) `key` in a mapping; returns the stored value.
  Yaml& set(std::string_view key, Yaml value);
  /// Sets `key` to text unless the text is empty.
  Yaml& set_str(std::string_view key, std::string_view text);
  /// Appends to a list; returns the stored value.
  Yaml& add(Yaml value);
  Yaml* find(std::string_view key);
  const std::vector<std::pair<std::string, Yaml>>& entries() const { return items_; }
  std::vector<std::pair<std::string, Yaml>>& entries() { return items_; }
  size_t size() const { return items_.size(); }

  /// A comment shown after the value (scalars) or on the line above its key (collections).
  Yaml& comment(std::string_view text);
  const std::string& comment_text() const { return comment_; }

  /// Block YAML; `indent` spaces before every line.
  std::string emit(int indent = 0) const;

 private:
  explicit Yaml(Kind k) : kind_(k) {}
  void emit_map(std::string& out, int indent, bool first_inline) const;
  void emit_seq(std::string& out, int indent) const;
  std::string inline_text() const;

  Kind kind_ = Kind::Scalar;
  bool raw_ = false;   ///< a plain word, never quoted
  bool flow_ = false;  ///< a list of words on one line
  std::string text_;
  std::string comment_;
  std::vector<std::pair<std::string, Yaml>> items_;  ///< map entries; list items with ""
};

/// `text` as a YAML scalar: plain when YAML reads it back as the same string, else quoted;
/// several lines become a literal block when `indent` allows.
std::string yaml_scalar(std::string_view text);

}  // namespace tw::import
