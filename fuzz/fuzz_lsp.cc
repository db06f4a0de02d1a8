// libFuzzer target: any bytes as the stdin of `threatwright lsp` (Content-Length framed
// JSON-RPC) must be answered with well-formed framed JSON, never a crash or hang. The session
// is initialized and has a model open (from memory: an untitled document), so hover,
// completion, definition, references, code actions and changes of the model are reachable.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "lsp/framing.h"
#include "lsp/server.h"

namespace {

const char* kModel =
    "threatwright: 1\nsystem:\n  name: S\nassets:\n  - {id: a, name: A, value: high, impact: x}\n"
    "components:\n  - {id: web, type: process, internet_facing: true}\n"
    "  - {id: db, type: data-store, stores: [a]}\n"
    "flows:\n  - {id: f, from: web, to: dbx, data: [a]}\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tw::lsp::Json;
  size_t sent = 0;
  tw::lsp::ServerOptions o;
  o.root = "/nonexistent-fuzz-root";  // nothing on disk is readable
  o.max_message_bytes = 1 << 16;
  tw::lsp::Server server(
      o,
      [&](const Json& m) {
        if (!m.is_object() || m.value("jsonrpc", "") != "2.0") __builtin_trap();
        ++sent;
      },
      nullptr);
  server.handle(
      Json{{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"}, {"params", Json::object()}});
  server.handle(Json{{"jsonrpc", "2.0"},
                     {"method", "textDocument/didOpen"},
                     {"params", Json{{"textDocument", Json{{"uri", "untitled:m"},
                                                           {"languageId", "yaml"},
                                                           {"version", 1},
                                                           {"text", kModel}}}}}});
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t pos = 0;
  tw::lsp::MessageReader reader(
      [&](char* buf, size_t n) -> long {
        size_t k = std::min(n, input.size() - pos);
        std::copy_n(input.data() + pos, k, buf);
        pos += k;
        return static_cast<long>(k);
      },
      o.max_message_bytes);
  std::ostringstream out;
  server.serve(reader, out);
  // Every answer is framed JSON.
  std::string s = out.str();
  tw::lsp::MessageReader check(
      [&s, at = size_t{0}](char* buf, size_t n) mutable -> long {
        size_t k = std::min(n, s.size() - at);
        std::copy_n(s.data() + at, k, buf);
        at += k;
        return static_cast<long>(k);
      },
      size_t{1} << 30);
  std::string body;
  while (check.next(body) == tw::lsp::MessageReader::Status::Message) {
    if (Json::parse(body, nullptr, false).is_discarded()) __builtin_trap();
  }
  return 0;
}
