#pragma once
// JSON written as it is produced, two-space indented, byte for byte what nlohmann::json's
// dump(2, ' ', false, error_handler_t::replace) gives for the same document: keys in the order
// written, "{}" and "[]" for empty containers, control characters as \b \t \n \f \r or \u00xx,
// '"' and '\' escaped, other characters as they are, and invalid UTF-8 replaced by U+FFFD the
// way nlohmann replaces it (one U+FFFD for a bad lead byte or for the valid start of a sequence
// cut short; the byte that cut it short is read again).

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/output.h"

namespace tw::base {

class JsonWriter {
 public:
  /// What happens to string values (never to keys) before they are escaped.
  enum class Strings {
    AsIs,   ///< written as they are (invalid UTF-8 still becomes U+FFFD)
    Clean,  ///< through clean_utf8 (escape.h): model text in reports, no hidden characters
  };

  explicit JsonWriter(Output& out, Strings strings = Strings::AsIs)
      : out_(out), strings_(strings) {}
  /// A writer of elements of an array that another writer has open `depth` levels deep (the
  /// array included), for writing parts of a long array apart (on other threads) and handing
  /// them over with append_elements(). `first`: these elements start the array.
  JsonWriter(Output& out, Strings strings, size_t depth, bool first);

  Strings strings_mode() const { return strings_; }
  /// How many containers are open.
  size_t depth() const { return stack_.size(); }
  /// True when the innermost open container has no element yet.
  bool at_first_element() const { return !stack_.empty() && !stack_.back().has_children; }
  /// Text written by a writer made with the second constructor, as elements of the innermost
  /// open array.
  void append_elements(std::string_view text);

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// The key of the next value; only inside an object.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b);
  void value(std::nullptr_t) { null(); }
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) void value(T n) {
    if constexpr (std::signed_integral<T>) {
      integer(static_cast<int64_t>(n));
    } else {
      unsigned_integer(static_cast<uint64_t>(n));
    }
  }
  void null();

  /// key(k) then value(v).
  template <class T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }
  /// key(k) then an array of the strings in `v`.
  template <class T>
  void field_strings(std::string_view k, const T& v) {
    key(k);
    begin_array();
    for (const auto& s : v) value(s);
    end_array();
  }

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void integer(int64_t n);
  void unsigned_integer(uint64_t n);
  void quoted(std::string_view s);

  Output& out_;
  Strings strings_;
  struct Level {
    bool has_children = false;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace tw::base
