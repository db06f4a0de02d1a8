// A byte stream read in chunks into a buffer that the reader consumes from the front: the
// shared input side of the line-framed MCP and the Content-Length-framed LSP readers.

#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>

namespace tw::base {

class ChunkReader {
 public:
  /// Reads up to `n` bytes into `buf`: the count read, 0 at end of input, negative on error.
  using ReadFn = std::function<long(char* buf, size_t n)>;

  explicit ChunkReader(ReadFn read) : read_(std::move(read)) {}

  /// Drops the consumed bytes, then appends one chunk (a pipe returns what is available).
  /// False at end of input or on a read error; the end is sticky.
  bool fill();

  /// The bytes read and not yet dropped; `pos` is where the unconsumed ones start.
  std::string buf;
  size_t pos = 0;

 private:
  ReadFn read_;
  bool eof_ = false;
};

}  // namespace tw::base
