// Raw JSON-RPC protocol tests: lines in, lines out, against a fake provider.

#include "mcp/server.h"

#include <gtest/gtest.h>

#include <cstring>
#include <sstream>
#include <stdexcept>

namespace tw::mcp {
namespace {

class FakeProvider : public Provider {
 public:
  int refreshes = 0;
  void refresh() override { ++refreshes; }
  std::string instructions() const override { return "fake instructions"; }
  Json tools() const override {
    return Json::array(
        {Json{{"name", "echo"},
              {"description", "Echoes its text"},
              {"inputSchema", {{"type", "object"}}},
              {"outputSchema", {{"type", "object"}}}},
         Json{{"name", "boom"}, {"description", "Throws"}, {"inputSchema", {{"type", "object"}}}}});
  }
  std::optional<ToolResult> call_tool(const std::string& name, const Json& args) override {
    if (name == "echo") {
      if (!args.contains("text")) return ToolResult::error("argument 'text' is required");
      return ToolResult{args["text"].get<std::string>(), Json{{"echo", args["text"]}}, false};
    }
    if (name == "boom") throw std::runtime_error("kaboom");
    return std::nullopt;
  }
  Json resources() const override {
    return Json::array({Json{{"uri", "fake://doc"}, {"name", "doc"}}});
  }
  std::optional<Json> read_resource(const std::string& uri) override {
    if (uri != "fake://doc") return std::nullopt;
    return Json::array({Json{{"uri", uri}, {"mimeType", "text/markdown"}, {"text", "# Doc"}}});
  }
  Json prompts() const override { return Json::array({Json{{"name", "p"}}}); }
  base::Result<Json> get_prompt(const std::string& name, const Json& args) override {
    if (name != "p") return base::Error{"unknown prompt '" + name + "'"};
    return Json{{"messages", Json::array()}};
  }
};

class ServerTest : public ::testing::Test {
 protected:
  FakeProvider provider;
  Server server{provider, ServerOptions{"tw", "tw title", "1.2.3", 1024}};

  Json send(std::string_view line) {
    std::string out = server.handle_line(line);
    if (out.empty()) return nullptr;
    EXPECT_EQ(out.find('\n'), std::string::npos);
    return Json::parse(out);
  }
  Json request(const std::string& method, Json params = nullptr, Json id = 1) {
    Json msg{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) msg["params"] = std::move(params);
    return send(msg.dump());
  }
  int error_code(const Json& r) { return r.at("error").at("code").get<int>(); }
  void init(const char* version = "2025-06-18") {
    Json r = request("initialize", Json{{"protocolVersion", version},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "test"}, {"version", "0"}}}});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    EXPECT_EQ(send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"), nullptr);
  }
};

TEST_F(ServerTest, InitializeEchoesASupportedVersion) {
  Json r = request("initialize", Json{{"protocolVersion", "2025-06-18"},
                                      {"capabilities", Json::object()},
                                      {"clientInfo", {{"name", "t"}, {"version", "1"}}}});
  EXPECT_EQ(r["id"], 1);
  EXPECT_EQ(r["result"]["protocolVersion"], "2025-06-18");
  EXPECT_EQ(r["result"]["serverInfo"]["name"], "tw");
  EXPECT_EQ(r["result"]["serverInfo"]["version"], "1.2.3");
  EXPECT_EQ(r["result"]["instructions"], "fake instructions");
  EXPECT_TRUE(r["result"]["capabilities"].contains("tools"));
  EXPECT_TRUE(r["result"]["capabilities"].contains("resources"));
  EXPECT_TRUE(r["result"]["capabilities"].contains("prompts"));
  EXPECT_FALSE(server.initialized());
  send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  EXPECT_TRUE(server.initialized());
}

TEST_F(ServerTest, InitializeOffersTheLatestVersionForAnUnknownOne) {
  Json r = request("initialize", Json{{"protocolVersion", "1999-01-01"}});
  EXPECT_EQ(r["result"]["protocolVersion"], supported_protocol_versions().front());
  r = request("initialize", Json{{"protocolVersion", "2024-11-05"}});
  EXPECT_EQ(r["result"]["protocolVersion"], "2024-11-05");
}

TEST_F(ServerTest, InitializeWithoutAVersionIsInvalidParams) {
  Json r = request("initialize", Json::object());
  EXPECT_EQ(error_code(r), kInvalidParams);
  EXPECT_TRUE(r["error"]["data"]["supported"].is_array());
}

TEST_F(ServerTest, Ping) {
  Json r = request("ping", nullptr, "abc");
  EXPECT_EQ(r, Json::parse(R"({"jsonrpc":"2.0","id":"abc","result":{}})"));
}

TEST_F(ServerTest, ToolsListAndCall) {
  init();
  Json r = request("tools/list");
  ASSERT_EQ(r["result"]["tools"].size(), 2u);
  EXPECT_EQ(r["result"]["tools"][0]["name"], "echo");
  EXPECT_TRUE(r["result"]["tools"][0].contains("outputSchema"));
  r = request("tools/call", Json{{"name", "echo"}, {"arguments", {{"text", "hi"}}}}, 2);
  EXPECT_EQ(r["id"], 2);
  EXPECT_EQ(r["result"]["isError"], false);
  EXPECT_EQ(r["result"]["content"][0], (Json{{"type", "text"}, {"text", "hi"}}));
  EXPECT_EQ(r["result"]["structuredContent"], (Json{{"echo", "hi"}}));
  EXPECT_GE(provider.refreshes, 2);
}

TEST_F(ServerTest, ToolExecutionErrorsAreResultsWithIsError) {
  init();
  Json r = request("tools/call", Json{{"name", "echo"}, {"arguments", Json::object()}});
  EXPECT_EQ(r["result"]["isError"], true);
  EXPECT_EQ(r["result"]["content"][0]["text"], "argument 'text' is required");
  EXPECT_FALSE(r["result"].contains("structuredContent"));
}

TEST_F(ServerTest, OlderProtocolsGetNoStructuredContent) {
  init("2025-03-26");
  Json r = request("tools/list");
  EXPECT_FALSE(r["result"]["tools"][0].contains("outputSchema"));
  r = request("tools/call", Json{{"name", "echo"}, {"arguments", {{"text", "x"}}}});
  EXPECT_FALSE(r["result"].contains("structuredContent"));
  EXPECT_EQ(r["result"]["content"][0]["text"], "x");
}

TEST_F(ServerTest, UnknownToolAndBadToolParamsAreInvalidParams) {
  init();
  Json r = request("tools/call", Json{{"name", "nope"}});
  EXPECT_EQ(error_code(r), kInvalidParams);
  EXPECT_EQ(r["error"]["message"], "unknown tool: nope");
  EXPECT_EQ(r["error"]["data"]["available"], (Json{"echo", "boom"}));
  EXPECT_EQ(error_code(request("tools/call", Json::object())), kInvalidParams);
  EXPECT_EQ(error_code(request("tools/call", Json{{"name", 3}})), kInvalidParams);
  EXPECT_EQ(error_code(request("tools/call", Json{{"name", "echo"}, {"arguments", "x"}})),
            kInvalidParams);
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1]})")),
            kInvalidParams);
}

TEST_F(ServerTest, AProviderExceptionIsAnInternalErrorNotACrash) {
  init();
  Json r = request("tools/call", Json{{"name", "boom"}});
  EXPECT_EQ(error_code(r), kInternalError);
  EXPECT_EQ(r["error"]["message"], "internal error: kaboom");
  EXPECT_EQ(request("ping")["result"], Json::object());  // still serving
}

TEST_F(ServerTest, ResourcesAndPrompts) {
  init();
  EXPECT_EQ(request("resources/list")["result"]["resources"][0]["uri"], "fake://doc");
  Json r = request("resources/read", Json{{"uri", "fake://doc"}});
  EXPECT_EQ(r["result"]["contents"][0]["text"], "# Doc");
  r = request("resources/read", Json{{"uri", "fake://none"}});
  EXPECT_EQ(error_code(r), kResourceNotFound);
  EXPECT_EQ(error_code(request("resources/read", Json::object())), kInvalidParams);
  EXPECT_EQ(request("resources/templates/list")["result"]["resourceTemplates"], Json::array());
  EXPECT_EQ(request("prompts/list")["result"]["prompts"][0]["name"], "p");
  EXPECT_EQ(request("prompts/get", Json{{"name", "p"}})["result"]["messages"], Json::array());
  r = request("prompts/get", Json{{"name", "q"}});
  EXPECT_EQ(error_code(r), kInvalidParams);
  EXPECT_EQ(r["error"]["message"], "invalid params: unknown prompt 'q'");
}

TEST_F(ServerTest, MalformedJsonIsAParseError) {
  Json r = send(R"({"jsonrpc":"2.0","id":1,"method":)");
  EXPECT_EQ(error_code(r), kParseError);
  EXPECT_TRUE(r["id"].is_null());
  EXPECT_EQ(error_code(send("not json at all")), kParseError);
  EXPECT_EQ(error_code(send("{\"a\":\"\xff\"}")), kParseError);  // invalid UTF-8
}

// Found by fuzz_mcp: a number too large for a double made the JSON parser throw
// out_of_range, not parse_error, and the server died.
TEST_F(ServerTest, NumberOverflowIsAParseErrorNotACrash) {
  Json r = send(R"({"jsonrpc":"2.0","id":2000E02840,"method":"ping"})");
  EXPECT_EQ(error_code(r), kParseError);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("number overflow"), std::string::npos)
      << r.dump();
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":-1e99999}})")),
            kParseError);
}

TEST_F(ServerTest, DeepNestingIsRefusedBeforeParsing) {
  std::string deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":" +
                     std::string(100, '[') + std::string(100, ']') + "}}";
  Json r = send(deep);
  EXPECT_EQ(error_code(r), kParseError);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("nested deeper"), std::string::npos);
}

TEST_F(ServerTest, InvalidRequests) {
  EXPECT_EQ(error_code(send("[]")), kInvalidRequest);
  EXPECT_EQ(error_code(send("42")), kInvalidRequest);
  EXPECT_EQ(error_code(send(R"({"id":1,"method":"ping"})")), kInvalidRequest);
  EXPECT_EQ(send(R"({"id":1,"method":"ping"})")["id"], 1);
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"1.0","id":1,"method":"ping"})")), kInvalidRequest);
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"2.0","id":1})")), kInvalidRequest);
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"2.0","id":1,"method":5})")), kInvalidRequest);
  Json r = send(R"({"jsonrpc":"2.0","id":null,"method":"ping"})");
  EXPECT_EQ(error_code(r), kInvalidRequest);
  EXPECT_TRUE(r["id"].is_null());
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})")), kInvalidRequest);
  EXPECT_EQ(error_code(send(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":7})")),
            kInvalidRequest);
}

TEST_F(ServerTest, UnknownMethodsAreMethodNotFound) {
  Json r = request("tools/destroy");
  EXPECT_EQ(error_code(r), kMethodNotFound);
  EXPECT_EQ(r["error"]["message"], "method not found: tools/destroy");
  EXPECT_EQ(error_code(request("logging/setLevel", Json{{"level", "debug"}})), kMethodNotFound);
}

TEST_F(ServerTest, NotificationsAndClientResponsesGetNoAnswer) {
  EXPECT_EQ(send(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{}})"), nullptr);
  EXPECT_EQ(send(R"({"jsonrpc":"2.0","method":"no/such/notification"})"), nullptr);
  EXPECT_EQ(send(R"({"jsonrpc":"2.0","id":5,"result":{}})"), nullptr);
}

TEST_F(ServerTest, BatchesAnswerEachRequest) {
  Json r = send(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},)"
                R"({"jsonrpc":"2.0","method":"notifications/initialized"},)"
                R"({"jsonrpc":"2.0","id":2,"method":"nope"}, 3])");
  ASSERT_TRUE(r.is_array());
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0]["result"], Json::object());
  EXPECT_EQ(r[1]["error"]["code"], kMethodNotFound);
  EXPECT_EQ(r[2]["error"]["code"], kInvalidRequest);
  EXPECT_EQ(send(R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])"), nullptr);
}

TEST_F(ServerTest, ServeAnswersLineByLineAndBoundsMessageSize) {
  std::string input = R"({"jsonrpc":"2.0","id":1,"method":"ping"})"
                      "\n" +
                      std::string(5000, ' ') + "{}\n" +  // over the 1024-byte limit
                      R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                      "\n"
                      "garbage\n" +
                      R"({"jsonrpc":"2.0","id":2,"method":"ping"})";  // no final newline
  size_t pos = 0;
  LineReader reader(
      [&](char* buf, size_t n) -> long {
        size_t k = std::min<size_t>({n, input.size() - pos, 100});
        std::memcpy(buf, input.data() + pos, k);
        pos += k;
        return static_cast<long>(k);
      },
      1024);
  std::ostringstream out, log;
  EXPECT_TRUE(server.serve(reader, out, log));
  std::istringstream replies(out.str());
  std::vector<Json> got;
  for (std::string line; std::getline(replies, line);) got.push_back(Json::parse(line));
  ASSERT_EQ(got.size(), 4u) << out.str();
  EXPECT_EQ(got[0]["id"], 1);
  EXPECT_EQ(got[1]["error"]["code"], kInvalidRequest);
  EXPECT_EQ(got[1]["error"]["data"]["limit"], 1024);
  EXPECT_EQ(got[2]["error"]["code"], kParseError);
  EXPECT_EQ(got[3]["id"], 2);
  EXPECT_NE(log.str().find("dropped a message"), std::string::npos);
}

}  // namespace
}  // namespace tw::mcp
