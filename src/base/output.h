#pragma once
// Output written as it is produced: a small buffer in front of a std::ostream, so that a writer
// never holds its whole document (a JSON analysis of a large model runs to hundreds of
// megabytes). The interface is the part of std::string's that writers use (`+=`, `append`), so a
// writer reads as if it built a string.

#include <cstddef>
#include <cstring>
#include <iosfwd>
#include <memory>
#include <string_view>

namespace tw::base {

/// A buffered writer to a std::ostream; handed on when the buffer passes 64 KiB, and flushed
/// when destroyed. Writes to a failed stream are dropped, as the stream itself drops them.
class Output {
 public:
  explicit Output(std::ostream& os);
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output();

  Output& operator+=(std::string_view s) {
    char* p = claim(s.size());
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    commit(p + s.size());
    return *this;
  }
  Output& operator+=(char c) {
    char* p = claim(1);
    *p = c;
    commit(p + 1);
    return *this;
  }
  void append(std::string_view s) { *this += s; }
  void append(size_t n, char c) {
    char* p = claim(n);
    std::memset(p, c, n);
    commit(p + n);
  }

  /// Room for `n` more bytes (and kSlack beyond them, which writers may scribble on): where to
  /// write them. Then commit() with the end of what was written.
  char* claim(size_t n) {
    if (capacity_ - pos_ < n + kSlack) make_room(n);
    return buf_.get() + pos_;
  }
  void commit(char* end) {
    pos_ = static_cast<size_t>(end - buf_.get());
    if (pos_ >= kFlushAt) drain();
  }
  /// Bytes past a claim that may be overwritten (for fixed-size copies).
  static constexpr size_t kSlack = 128;

  /// True while nothing has been written.
  bool empty() const { return written_ == 0 && pos_ == 0; }
  /// Hands the buffer to the stream and flushes the stream.
  void flush();

 private:
  void drain();
  void make_room(size_t n);

  static constexpr size_t kFlushAt = size_t{64} << 10;
  std::ostream& os_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;
  size_t pos_ = 0;
  size_t written_ = 0;
};

}  // namespace tw::base
