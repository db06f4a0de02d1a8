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

std::string calls(size_t n, const char* method = "ping", size_t first_id = 1) {
  std::string batch = "[";
  for (size_t i = 0; i < n; ++i) {
    if (i) batch += ',';
    batch += R"({"jsonrpc":"2.0","id":)" + std::to_string(first_id + i) + R"(,"method":")" +
             method + "\"}";
  }
  return batch + "]";
}

// The review's B16: one line of 47,000 calls built an 834 MB reply. A batch longer than the
// limit is refused whole, at once, with one small error.
TEST(ServerLimits, ALongBatchIsRefusedWholeBeforeAnyWork) {
  FakeProvider provider;
  Server server(provider, ServerOptions{});
  std::string batch = "[";
  for (int i = 0; i < 47000; ++i) {
    if (i) batch += ',';
    batch += R"({"jsonrpc":"2.0","id":)" + std::to_string(i) +
             R"(,"method":"tools/call","params":{"name":"get_threat_model"}})";
  }
  batch += "]";
  ASSERT_LT(batch.size(), kDefaultMaxMessageBytes) << "the review's line was 4.1 MB";
  std::string out = server.handle_line(batch);
  EXPECT_LT(out.size(), 300u) << out.substr(0, 300);
  Json r = Json::parse(out);
  ASSERT_TRUE(r.is_object()) << "one error, not one per item";
  EXPECT_EQ(r["error"]["code"], kInvalidRequest);
  EXPECT_EQ(r["error"]["message"],
            "invalid request: a batch may hold at most 100 messages, this one holds 47000");
  EXPECT_EQ(r["error"]["data"]["limit"], 100);
  EXPECT_EQ(provider.refreshes, 0) << "nothing was processed";
  // At the limit, every request is answered.
  Json ok = Json::parse(server.handle_line(calls(kDefaultMaxBatch)));
  ASSERT_TRUE(ok.is_array());
  EXPECT_EQ(ok.size(), kDefaultMaxBatch);
  EXPECT_EQ(ok.back()["id"], 100);
  EXPECT_TRUE(Json::parse(server.handle_line(calls(kDefaultMaxBatch + 1))).contains("error"));
}

// Replies to one message share a budget: once it is spent, the rest of the batch is answered
// with an error without being processed.
TEST(ServerLimits, RepliesToOneMessageAreBounded) {
  FakeProvider provider;
  ServerOptions o;
  o.max_reply_bytes = 4096;
  Server server(provider, o);
  std::string big(1500, 'x');
  std::string batch = "[";
  for (int i = 1; i <= 6; ++i) {
    if (i > 1) batch += ',';
    batch += R"({"jsonrpc":"2.0","id":)" + std::to_string(i) +
             R"(,"method":"tools/call","params":{"name":"echo","arguments":{"text":")" + big +
             "\"}}}";
  }
  batch += R"(,{"jsonrpc":"2.0","method":"notifications/initialized"}])";
  std::string out = server.handle_line(batch);
  EXPECT_LT(out.size(), 4096u + 6 * 400) << "the budget plus small errors";
  Json r = Json::parse(out);
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0]["result"]["content"][0]["text"], big);
  // Each echo reply holds the text twice (content and structuredContent): about 3 KB.
  EXPECT_EQ(r[1]["error"]["code"], kReplyTooLarge);
  EXPECT_EQ(r[1]["id"], 2);
  for (int i = 2; i < 6; ++i) {
    EXPECT_EQ(r[i]["error"]["code"], kReplyTooLarge) << i;
    EXPECT_EQ(r[i]["id"], i + 1);
    EXPECT_NE(r[i]["error"]["message"].get<std::string>().find("not processed"), std::string::npos);
  }
  EXPECT_EQ(provider.refreshes, 2) << "the calls after the budget ran out were not processed";
  EXPECT_TRUE(server.initialized()) << "notifications are still handled";
  // A single reply over the budget is an error too; a small one passes.
  Json one = Json::parse(server.handle_line(
      R"({"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"echo","arguments":{"text":")" +
      std::string(3000, 'y') + "\"}}}"));
  EXPECT_EQ(one["error"]["code"], kReplyTooLarge);
  EXPECT_EQ(one["error"]["data"]["limit"], 4096);
  EXPECT_EQ(Json::parse(server.handle_line(calls(3)))[2]["id"], 3);
}

// Every string the server sends is clean: no controls (other than newline and tab), no bidi
// or hidden characters, valid UTF-8, whatever the provider returns.
TEST(ServerLimits, RepliesCarryNoControlOrHiddenCharacters) {
  FakeProvider provider;
  Server server(provider, ServerOptions{});
  std::string hostile = "a\\u001b[31mb\\u009bc\\u202ed\\u2066e\\ufeff\\udb40\\udc41f\\ng";
  std::string out = server.handle_line(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":")" +
      hostile + "\"}}}");
  Json r = Json::parse(out);
  EXPECT_EQ(r["result"]["content"][0]["text"], "a[31mbcdef\ng");
  EXPECT_EQ(r["result"]["structuredContent"]["echo"], "a[31mbcdef\ng");
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
