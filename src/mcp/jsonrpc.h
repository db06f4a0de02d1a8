#pragma once
// JSON-RPC 2.0 framing for the MCP stdio transport: newline-delimited messages read with a
// bounded line length, the standard error codes, and the shapes of responses.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/chunk_reader.h"

namespace tw::mcp {

using Json = nlohmann::json;

/// JSON-RPC 2.0 error codes, plus the MCP code for an unknown resource.
enum ErrorCode : int {
  kParseError = -32700,      ///< not JSON at all
  kInvalidRequest = -32600,  ///< JSON, but not a valid request object
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kResourceNotFound = -32002,
  kReplyTooLarge = -32003,  ///< threatwright: the replies to one message exceed their budget
};

/// Largest message accepted by default (one line of the stdio transport).
inline constexpr size_t kDefaultMaxMessageBytes = 4u << 20;
/// Most requests and notifications in one batch by default.
inline constexpr size_t kDefaultMaxBatch = 100;
/// Largest reply to one message by default (a batch's replies together).
inline constexpr size_t kDefaultMaxReplyBytes = 32u << 20;
/// Deepest nesting of arrays and objects accepted in a message.
inline constexpr int kMaxJsonDepth = 64;

/// Splits a byte stream into lines with a hard bound on their length: a longer line is
/// skipped up to its newline without being kept, so memory stays bounded whatever comes in.
class LineReader {
 public:
  /// Reads up to `n` bytes into `buf`: the count read, 0 at end of input, negative on error.
  using ReadFn = base::ChunkReader::ReadFn;

  LineReader(ReadFn read, size_t max_line);

  enum class Status {
    Line,     ///< `line` holds the next non-empty line (without "\n" or "\r\n")
    TooLong,  ///< a line longer than max_line was skipped; `line` is cleared
    End,      ///< no more input
  };
  Status next(std::string& line);

 private:
  base::ChunkReader in_;
  size_t max_;
};

/// A response carrying `result` for request `id`.
Json make_result(const Json& id, Json result);
/// An error response; `id` is null when the request's id could not be read.
Json make_error(const Json& id, int code, std::string message, Json data = nullptr);

/// One line of output: compact JSON, invalid UTF-8 replaced, no embedded newline.
std::string to_line(const Json& message);

}  // namespace tw::mcp
