#pragma once
// Output written as it is produced: a small buffer in front of a std::ostream, so that a writer
// never holds its whole document (a JSON analysis of a large model runs to hundreds of
// megabytes). The interface is the part of std::string's that writers use (`+=`, `append`), so a
// writer reads as if it built a string.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace tw::base {

/// A buffered writer to a std::ostream; flushed when the buffer passes 64 KiB and when
/// destroyed. Writes to a failed stream are dropped, as the stream itself drops them.
class Output {
 public:
  explicit Output(std::ostream& os);
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output();

  Output& operator+=(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kFlushAt) drain();
    return *this;
  }
  Output& operator+=(char c) {
    buf_.push_back(c);
    if (buf_.size() >= kFlushAt) drain();
    return *this;
  }
  void append(std::string_view s) { *this += s; }
  void append(size_t n, char c) {
    buf_.append(n, c);
    if (buf_.size() >= kFlushAt) drain();
  }
  /// True while nothing has been written.
  bool empty() const { return written_ == 0 && buf_.empty(); }
  /// Hands the buffer to the stream (and flushes the stream).
  void flush();

 private:
  void drain();

  static constexpr size_t kFlushAt = size_t{64} << 10;
  std::ostream& os_;
  std::string buf_;
  size_t written_ = 0;
};

}  // namespace tw::base
