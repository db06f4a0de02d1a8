#pragma once
// The LSP base protocol: messages framed by a `Content-Length: N` header block ("\r\n"
// separated, ended by an empty line) followed by N bytes of JSON. Reading is bounded: a
// header block or a body past its limit is skipped without being kept, so memory stays
// bounded whatever a client sends.

#include <cstddef>
#include <string>
#include <string_view>

#include "base/chunk_reader.h"

namespace tw::lsp {

/// Largest message body accepted by default.
inline constexpr size_t kDefaultMaxMessageBytes = 64u << 20;
/// Largest header block (all header lines together).
inline constexpr size_t kMaxHeaderBytes = 8 * 1024;

class MessageReader {
 public:
  /// Reads up to `n` bytes into `buf`: the count read, 0 at end of input, negative on error.
  using ReadFn = base::ChunkReader::ReadFn;

  MessageReader(ReadFn read, size_t max_body);

  enum class Status {
    Message,    ///< `body` holds the next message's bytes
    TooLarge,   ///< Content-Length over the limit: the body was skipped; `body` is cleared
    BadHeader,  ///< no usable Content-Length, or a header block too long (`error` says which)
    End,        ///< no more input (or it ended in the middle of a message)
  };
  Status next(std::string& body);
  /// What was wrong with the last BadHeader.
  const std::string& error() const { return error_; }

 private:
  base::ChunkReader in_;
  size_t max_;
  std::string error_;
};

/// One framed message: "Content-Length: N\r\n\r\n" + body.
std::string frame(std::string_view body);

}  // namespace tw::lsp
