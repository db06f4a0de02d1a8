#pragma once
// The MCP protocol over JSON-RPC 2.0: lifecycle (initialize with version negotiation,
// notifications/initialized, ping), tools, resources and prompts, answered from a Provider.
// Read-only: the server never writes files. Every malformed input gets a JSON-RPC error or a
// tool error; nothing a client sends can crash or stall it. Work and replies are bounded per
// message (batch length, reply bytes), and every string sent passes base::clean_utf8: model
// text reaches the agent without control, bidi or hidden characters.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/jsonrpc.h"
#include "mcp/provider.h"

namespace tw::mcp {

/// Protocol revisions this server speaks, newest first.
const std::vector<std::string>& supported_protocol_versions();

struct ServerOptions {
  std::string name = "threatwright";
  std::string title = "threatwright threat model";
  std::string version = "0.0.0";
  size_t max_message_bytes = kDefaultMaxMessageBytes;
  /// A longer batch is refused whole (-32600), before any of it is processed.
  size_t max_batch = kDefaultMaxBatch;
  /// Replies to one message stop here: a reply that would pass it is replaced by a
  /// kReplyTooLarge error, and the rest of a batch is answered with that error unprocessed.
  size_t max_reply_bytes = kDefaultMaxReplyBytes;
};

class Server {
 public:
  Server(Provider& provider, ServerOptions options);

  /// Handles one message (a line of the stdio transport). Returns the response line without
  /// its newline, or an empty string when the message needs no answer (a notification).
  std::string handle_line(std::string_view line);

  /// The error line for a message that exceeded the size limit.
  std::string too_long_line() const;

  /// Serves until the input ends: reads lines from `in`, writes one line per response to
  /// `out` (flushed after each), logs to `log`. Returns false when writing failed.
  bool serve(LineReader& in, std::ostream& out, std::ostream& log);

  /// The protocol version agreed at initialize (empty before).
  const std::string& protocol_version() const { return version_; }
  bool initialized() const { return initialized_; }

 private:
  Json handle(const Json& msg);
  std::string handle_batch(const Json& batch);
  /// `reply` as a line, or the kReplyTooLarge error for its request when it is over `budget`
  /// (then `*over` is set).
  std::string bounded_line(Json reply, size_t budget, bool* over = nullptr) const;
  Json dispatch(const Json& id, const std::string& method, const Json& params);
  Json initialize(const Json& id, const Json& params);
  Json call_tool(const Json& id, const Json& params);
  Json read_resource(const Json& id, const Json& params);
  Json get_prompt(const Json& id, const Json& params);
  void notify(const std::string& method, const Json& params);
  bool structured_supported() const;

  Provider& provider_;
  ServerOptions options_;
  std::string version_;
  bool initialized_ = false;
  std::ostream* log_ = nullptr;
};

}  // namespace tw::mcp
