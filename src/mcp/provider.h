#pragma once
// What an MCP server offers, apart from the protocol: tools, resources and prompts. The server
// (mcp/server.h) speaks JSON-RPC and asks a Provider for the content; tests use a fake one.

#include <optional>
#include <string>

#include "base/result.h"
#include "mcp/jsonrpc.h"

namespace tw::mcp {

/// The outcome of one tool call: text for the model plus a structured copy.
struct ToolResult {
  std::string text;           ///< the `content` text block
  Json structured = nullptr;  ///< `structuredContent` (an object), or null for none
  bool is_error = false;      ///< a tool execution error the caller can correct and retry

  static ToolResult error(std::string text, Json structured = nullptr) {
    return ToolResult{std::move(text), std::move(structured), true};
  }
};

class Provider {
 public:
  virtual ~Provider() = default;

  /// Called before each request: reload inputs that changed on disk.
  virtual void refresh() {}
  /// Text for the `instructions` of the initialize result (may be empty).
  virtual std::string instructions() const { return {}; }

  /// Tool definitions: name, title, description, inputSchema, outputSchema, annotations.
  virtual Json tools() const = 0;
  /// Runs a tool; nullopt when no tool has this name.
  virtual std::optional<ToolResult> call_tool(const std::string& name, const Json& args) = 0;

  /// Resource descriptions (uri, name, title, description, mimeType).
  virtual Json resources() const = 0;
  /// The `contents` array of a resource; nullopt when no resource has this URI.
  virtual std::optional<Json> read_resource(const std::string& uri) = 0;

  /// Prompt descriptions (name, title, description, arguments).
  virtual Json prompts() const = 0;
  /// The prompt's result ({description, messages}); an Error for an unknown prompt or a
  /// missing required argument (reported as invalid params).
  virtual base::Result<Json> get_prompt(const std::string& name, const Json& args) = 0;
};

}  // namespace tw::mcp
