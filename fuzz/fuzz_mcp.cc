// libFuzzer target: any bytes as one MCP (JSON-RPC) message line must get a well-formed
// answer or none, never a crash or hang; tool calls reach assess_change with fuzzed fragments.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mcp/server.h"
#include "mcp/tools.h"
#include "mcp/workspace.h"

#ifndef TW_SOURCE_DIR
#error "TW_SOURCE_DIR must name the source tree (for the example model)"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto* workspace = new tw::mcp::Workspace(TW_SOURCE_DIR "/examples/acme-shop/model.yaml",
                                                  tw::mcp::WorkspaceOptions{});
  static auto* tools = new tw::mcp::ThreatTools(*workspace);
  tw::mcp::Server server(*tools, tw::mcp::ServerOptions{});
  // An initialized session, so tool calls are reachable.
  server.handle_line(
      R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
      R"("capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}})");
  server.handle_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  std::string answer =
      server.handle_line(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!answer.empty() && answer.front() != '{' && answer.front() != '[') __builtin_trap();
  return 0;
}
