#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lsp/completion.h"
#include "lsp/framing.h"
#include "lsp/position.h"
#include "lsp/server.h"

namespace tw::lsp {
namespace {

// ---- framing ----

// A reader over `input`, handing out at most `chunk` bytes per read.
MessageReader reader_of(const std::string& input, size_t chunk, size_t max = 1 << 20) {
  auto pos = std::make_shared<size_t>(0);
  return MessageReader(
      [input, chunk, pos](char* buf, size_t n) -> long {
        size_t k = std::min({n, chunk, input.size() - *pos});
        std::copy_n(input.data() + *pos, k, buf);
        *pos += k;
        return static_cast<long>(k);
      },
      max);
}

TEST(Framing, ReadsMessagesWhateverTheChunking) {
  std::string in = frame("{\"a\":1}") + frame("{\"b\":\"\xc3\xa9\"}");
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{1000}}) {
    MessageReader r = reader_of(in, chunk);
    std::string body;
    ASSERT_EQ(r.next(body), MessageReader::Status::Message);
    EXPECT_EQ(body, "{\"a\":1}");
    ASSERT_EQ(r.next(body), MessageReader::Status::Message);
    EXPECT_EQ(body, "{\"b\":\"\xc3\xa9\"}");
    EXPECT_EQ(r.next(body), MessageReader::Status::End);
  }
}

TEST(Framing, HeaderNamesAreCaseInsensitiveAndOtherHeadersIgnored) {
  MessageReader r = reader_of(
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", 7);
  std::string body;
  ASSERT_EQ(r.next(body), MessageReader::Status::Message);
  EXPECT_EQ(body, "{}");
}

TEST(Framing, BadHeadersAreReportedAndReadingGoesOn) {
  MessageReader r = reader_of("Foo: bar\r\n\r\nContent-Length: x1\r\n\r\n" + frame("{}"), 5);
  std::string body;
  EXPECT_EQ(r.next(body), MessageReader::Status::BadHeader);
  EXPECT_NE(r.error().find("without a Content-Length"), std::string::npos);
  EXPECT_EQ(r.next(body), MessageReader::Status::BadHeader);
  EXPECT_NE(r.error().find("not a number"), std::string::npos);
  ASSERT_EQ(r.next(body), MessageReader::Status::Message);
  EXPECT_EQ(body, "{}");
}

TEST(Framing, TooLargeBodiesAreSkippedNotKept) {
  std::string big(5000, 'x');
  MessageReader r = reader_of(frame(big) + frame("{}"), 100, 1024);
  std::string body;
  EXPECT_EQ(r.next(body), MessageReader::Status::TooLarge);
  EXPECT_TRUE(body.empty());
  ASSERT_EQ(r.next(body), MessageReader::Status::Message);
  EXPECT_EQ(body, "{}");
}

TEST(Framing, AHugeContentLengthThatNeverArrivesEnds) {
  MessageReader r = reader_of("Content-Length: 99999999999999\r\n\r\n{}", 10, 1024);
  std::string body;
  EXPECT_EQ(r.next(body), MessageReader::Status::End);
  MessageReader r2 = reader_of("Content-Length: 10\r\n\r\n{}", 10);
  EXPECT_EQ(r2.next(body), MessageReader::Status::End);  // truncated body
}

TEST(Framing, EndlessGarbageWithoutHeaderEndIsBounded) {
  MessageReader r = reader_of(std::string(3 * kMaxHeaderBytes, 'g'), 1000);
  std::string body;
  EXPECT_EQ(r.next(body), MessageReader::Status::BadHeader);
}

// ---- positions ----

TEST(Position, CodePointsToUtf16) {
  // "a", U+1D11E (4 bytes, 2 UTF-16 units), "é" (2 bytes, 1 unit), " b".
  std::string line = "a\xf0\x9d\x84\x9e\xc3\xa9 b";
  EXPECT_EQ(utf16_of_codepoint(line, 0), 0u);
  EXPECT_EQ(utf16_of_codepoint(line, 1), 1u);
  EXPECT_EQ(utf16_of_codepoint(line, 2), 3u);
  EXPECT_EQ(utf16_of_codepoint(line, 3), 4u);
  EXPECT_EQ(utf16_of_codepoint(line, 5), 6u);
  EXPECT_EQ(utf16_of_codepoint(line, 99), 6u);  // clamped
  EXPECT_EQ(byte_of_utf16(line, 1), 1u);
  EXPECT_EQ(byte_of_utf16(line, 2), 1u);  // inside the pair: its start
  EXPECT_EQ(byte_of_utf16(line, 3), 5u);
  EXPECT_EQ(byte_of_utf16(line, 4), 7u);
  EXPECT_EQ(utf16_of_byte(line, 7), 4u);
  // An invalid byte is one unit.
  EXPECT_EQ(utf16_of_codepoint("\xff"
                               "a",
                               1),
            1u);
  EXPECT_EQ(byte_of_utf16("\xff"
                          "a",
                          1),
            1u);
}

TEST(Position, LinesIgnoreCarriageReturns) {
  EXPECT_EQ(line_at("a\r\nbc\r\n", 1), "bc");
  EXPECT_EQ(line_at("a\nb", 5), "");
}

TEST(Position, FileUris) {
  EXPECT_EQ(uri_to_path("file:///tmp/a%20b/m.yaml").value(), "/tmp/a b/m.yaml");
  EXPECT_EQ(uri_to_path("file://localhost/x").value(), "/x");
  EXPECT_FALSE(uri_to_path("http://x/y"));
  EXPECT_FALSE(uri_to_path("file://host/y"));
  EXPECT_FALSE(uri_to_path("file:///a%00b"));
  EXPECT_EQ(path_to_uri("/tmp/a b/\xc3\xa9.yaml"), "file:///tmp/a%20b/%C3%A9.yaml");
  EXPECT_EQ(uri_to_path(path_to_uri("/tmp/a b#?%/x")).value(), "/tmp/a b#?%/x");
}

// ---- completion context ----

TEST(Completion, KeysOfTheSectionItem) {
  std::string t = "components:\n  - id: api\n    na\n";
  CompletionContext c = completion_context(t, 2, 6);
  EXPECT_EQ(c.what, CompletionContext::What::Key);
  EXPECT_EQ(c.path, std::vector<std::string>{"components"});
  EXPECT_EQ(c.prefix, "na");
  auto keys = keys_at(c.path);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "internet_facing"), keys.end());
}

TEST(Completion, NestedKeysAndTopLevel) {
  std::string t = "controls:\n  - id: c\n    verification:\n      com\n";
  CompletionContext c = completion_context(t, 3, 9);
  EXPECT_EQ(c.what, CompletionContext::What::Key);
  EXPECT_EQ(c.path, (std::vector<std::string>{"controls", "verification"}));
  CompletionContext top = completion_context("system:\n  name: x\nfl\n", 2, 2);
  EXPECT_EQ(top.what, CompletionContext::What::Key);
  EXPECT_TRUE(top.path.empty());
}

TEST(Completion, EnumValuesAndReferences) {
  std::string t = "components:\n  - id: api\n    type: pro\n    boundary: \n";
  CompletionContext c = completion_context(t, 2, 13);
  EXPECT_EQ(c.what, CompletionContext::What::Value);
  EXPECT_EQ(c.path, (std::vector<std::string>{"components", "type"}));
  EXPECT_EQ(c.prefix, "pro");
  ValueSpec v = values_at(c.path);
  EXPECT_NE(std::find(v.words.begin(), v.words.end(), "data-store"), v.words.end());
  CompletionContext b = completion_context(t, 3, 14);
  EXPECT_EQ(values_at(b.path).kinds, std::vector<model::Kind>{model::Kind::Boundary});
}

TEST(Completion, ListItemsAndFlowListsOfReferenceFields) {
  std::string t = "controls:\n  - id: c\n    mitigates:\n      - sql\n";
  CompletionContext c = completion_context(t, 3, 11);
  EXPECT_EQ(c.what, CompletionContext::What::Value);
  EXPECT_EQ(c.path, (std::vector<std::string>{"controls", "mitigates"}));
  EXPECT_TRUE(values_at(c.path).threat_ids);
  std::string f = "flows:\n  - id: f\n    data: [orders, cu\n";
  CompletionContext d = completion_context(f, 2, 22);
  EXPECT_EQ(d.path, (std::vector<std::string>{"flows", "data"}));
  EXPECT_EQ(d.prefix, "cu");
  EXPECT_EQ(values_at(d.path).kinds, std::vector<model::Kind>{model::Kind::Asset});
  // Status depends on the section.
  EXPECT_EQ(values_at({"controls", "status"}).words.size(),
            model::names<model::ControlStatus>().size());
}

// Open vocabularies complete from the built-in lists: component kinds, flow protocols, and the
// base of a model's own kind or protocol.
TEST(Completion, VocabularyValues) {
  auto has = [](const ValueSpec& v, std::string_view w) {
    return std::find(v.words.begin(), v.words.end(), w) != v.words.end();
  };
  EXPECT_TRUE(has(values_at({"components", "kind"}), "sql-database"));
  EXPECT_TRUE(has(values_at({"kinds", "base"}), "sql-database"));
  EXPECT_FALSE(has(values_at({"components", "kind"}), "https"));
  EXPECT_TRUE(has(values_at({"flows", "protocol"}), "https"));
  EXPECT_TRUE(has(values_at({"protocols", "base"}), "https"));
  EXPECT_TRUE(has(values_at({"supply_chain", "ecosystem"}), "npm"));
  // Supply-chain kinds stay the closed enum.
  EXPECT_FALSE(has(values_at({"supply_chain", "kind"}), "sql-database"));
  EXPECT_EQ(keys_at({"kinds"}), (std::vector<std::string_view>{"id", "base", "description"}));
}

// Keys come from the format's tables (load/format.h): a key the loader reads is offered, at any
// depth, attack-tree nodes nested without end included.
TEST(Completion, KeysComeFromTheFormatTables) {
  auto has = [](const std::vector<std::string_view>& v, std::string_view w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  EXPECT_TRUE(has(keys_at({"pasta", "scope"}), "in_scope"));
  EXPECT_TRUE(has(keys_at({"attack_trees", "root", "any", "all", "any"}), "step"));
  EXPECT_TRUE(has(keys_at({"controls", "verification", "expect"}), "stdout_matches"));
  EXPECT_TRUE(keys_at({"components", "nonsense"}).empty());
  EXPECT_EQ(values_at({"components", "internet_facing"}).words,
            (std::vector<std::string_view>{"true", "false"}));
  auto status = values_at({"decisions", "status"}).words;
  EXPECT_FALSE(has(status, "claimed"));
  EXPECT_TRUE(has(status, "accepted"));
}

// Every key completion offers is one the loader reads: a mapping holding all of them (null
// values) draws no unknown-key diagnostic. A key renamed or dropped in load/builder.cc fails
// here.
TEST(Completion, EveryOfferedKeyIsAcceptedByTheLoader) {
  struct Case {
    std::vector<std::string> path;
    std::string before, indent;  // YAML leading to the mapping, and the mapping's indent
  };
  std::vector<Case> cases = {
      {{}, "", ""},
      {{"system"}, "system:\n", "  "},
      {{"system", "review"}, "system:\n  review:\n", "    "},
      {{"assets", "cia"}, "assets:\n  - cia:\n", "      "},
      {{"controls", "verification"}, "controls:\n  - verification:\n", "      "},
      {{"controls", "verification", "expect"},
       "controls:\n  - verification:\n      expect:\n",
       "        "},
      {{"pasta"}, "pasta:\n", "  "},
      {{"pasta", "scope"}, "pasta:\n  scope:\n", "    "},
      {{"pasta", "objectives"}, "pasta:\n  objectives:\n    - ", ""},
      {{"pasta", "scope", "out_of_scope"}, "pasta:\n  scope:\n    out_of_scope:\n      - ", ""},
      {{"pasta", "threat_intelligence"}, "pasta:\n  threat_intelligence:\n    - ", ""},
      {{"pasta", "vulnerabilities"}, "pasta:\n  vulnerabilities:\n    - ", ""},
      {{"attack_trees", "root"}, "attack_trees:\n  - root:\n", "      "},
  };
  for (const char* section : {"assets", "adversaries", "boundaries", "components", "flows",
                              "supply_chain", "controls", "threats", "decisions", "failure_modes",
                              "not_applicable", "attack_trees", "kinds", "protocols"}) {
    cases.push_back({{section}, std::string(section) + ":\n  - ", ""});
  }
  for (const Case& c : cases) {
    auto keys = keys_at(c.path);
    ASSERT_FALSE(keys.empty()) << c.before;
    std::string yaml = c.before;
    if (c.indent.empty() && !c.before.empty()) {  // a flow mapping as a list item
      yaml += "{";
      for (size_t i = 0; i < keys.size(); ++i)
        yaml += (i ? ", " : "") + std::string(keys[i]) + ": null";
      yaml += "}\n";
    } else {
      for (auto k : keys) yaml += c.indent + std::string(k) + ": null\n";
    }
    load::LoadResult r = load::load_model_text("keys.yaml", yaml);
    for (const auto& d : r.diagnostics.items()) {
      EXPECT_NE(d.code, "unknown-key") << yaml << "\n" << d.message;
    }
  }
}

// ---- the server on a model in a temporary folder ----

const char* kModel =
    "threatwright: 1\n"
    "system:\n"
    "  name: Shop\n"
    "assets:\n"
    "  - id: orders\n"
    "    name: Orders\n"
    "    value: high\n"
    "    impact: all orders leak\n"
    "boundaries:\n"
    "  - id: dmz\n"
    "    name: DMZ\n"
    "    trust: semi-trusted\n"
    "components:\n"
    "  - id: user\n"
    "    type: external-entity\n"
    "  - id: api\n"
    "    type: process\n"
    "    boundary: dmz\n"
    "  - id: db\n"
    "    type: data-store\n"
    "    boundary: dmz\n"
    "    stores: [orders]\n"
    "flows:\n"
    "  - id: f1\n"
    "    from: user\n"
    "    to: api\n"
    "    data: [orders]\n"
    "  - {id: f2, name: \"\xf0\x9d\x84\x9e\xc3\xa9\", from: api, to: dbx}\n";  // line 27

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tw-lsp-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ + "/m.yaml") << kModel;
    path_ = dir_ + "/m.yaml";
    uri_ = path_to_uri(path_);
    ServerOptions o;
    server_ = std::make_unique<Server>(
        o, [this](const Json& m) { sent_.push_back(m); }, &log_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Json request(const std::string& method, Json params) {
    sent_.clear();
    server_->handle(
        Json{{"jsonrpc", "2.0"}, {"id", ++id_}, {"method", method}, {"params", params}});
    for (const Json& m : sent_) {
      if (m.contains("id") && m["id"] == id_) return m;
    }
    return nullptr;
  }
  void notify(const std::string& method, Json params) {
    sent_.clear();
    server_->handle(Json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void start() {
    Json r = request("initialize",
                     Json{{"rootUri", path_to_uri(dir_)}, {"capabilities", Json::object()}});
    ASSERT_TRUE(r.contains("result"));
    notify("initialized", Json::object());
  }
  void open(const std::string& text) {
    notify("textDocument/didOpen",
           Json{{"textDocument",
                 Json{{"uri", uri_}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}});
  }
  // The diagnostics published for our file in the last batch of messages.
  Json diagnostics() {
    Json out;
    for (const Json& m : sent_) {
      if (m.value("method", "") == "textDocument/publishDiagnostics" &&
          m["params"]["uri"] == uri_) {
        out = m["params"]["diagnostics"];
      }
    }
    return out;
  }
  Json at(const std::string& method, uint32_t line, uint32_t ch, Json extra = Json::object()) {
    Json p{{"textDocument", Json{{"uri", uri_}}},
           {"position", Json{{"line", line}, {"character", ch}}}};
    p.update(extra);
    return request(method, p);
  }

  std::string dir_, path_, uri_;
  std::unique_ptr<Server> server_;
  std::vector<Json> sent_;
  std::ostringstream log_;
  int id_ = 0;
};

TEST_F(ServerTest, RefusesRequestsBeforeInitialize) {
  Json r = at("textDocument/hover", 0, 0);
  EXPECT_EQ(r["error"]["code"], kServerNotInitialized);
}

TEST_F(ServerTest, DiagnosticsHaveUtf16RangesCodesAndAFix) {
  start();
  open(kModel);
  Json ds = diagnostics();
  ASSERT_TRUE(ds.is_array());
  const Json* unknown = nullptr;
  for (const Json& d : ds) {
    if (d["code"] == "unknown-id") unknown = &d;
  }
  ASSERT_NE(unknown, nullptr) << ds.dump(1);
  // "  - {id: f2, name: "𝄞é", from: api, to: dbx}": "dbx" starts at code point 40, which is
  // UTF-16 unit 41 (the musical symbol takes two units).
  EXPECT_EQ((*unknown)["range"]["start"], (Json{{"line", 27}, {"character", 41}}));
  EXPECT_EQ((*unknown)["range"]["end"], (Json{{"line", 27}, {"character", 44}}));
  EXPECT_EQ((*unknown)["severity"], 1);
  EXPECT_EQ((*unknown)["data"]["replacement"], "db");

  Json actions = request("textDocument/codeAction",
                         Json{{"textDocument", Json{{"uri", uri_}}},
                              {"range", (*unknown)["range"]},
                              {"context", Json{{"diagnostics", Json::array({*unknown})}}}});
  ASSERT_EQ(actions["result"].size(), 1u) << actions.dump(1);
  Json edit = actions["result"][0]["edit"]["changes"][uri_][0];
  EXPECT_EQ(edit["newText"], "db");
  EXPECT_EQ(edit["range"], (*unknown)["range"]);

  // Fixing the text clears the error: the editor's text is checked, not the file.
  std::string fixed = kModel;
  fixed.replace(fixed.find("to: dbx"), 7, "to: db");
  notify("textDocument/didChange", Json{{"textDocument", Json{{"uri", uri_}, {"version", 2}}},
                                        {"contentChanges", Json::array({Json{{"text", fixed}}})}});
  for (const Json& d : diagnostics()) EXPECT_NE(d["code"], "unknown-id");
  EXPECT_TRUE(diagnostics().is_array());
}

TEST_F(ServerTest, IncrementalChangesApplyUtf16Ranges) {
  start();
  open(kModel);
  // Replace "dbx" (UTF-16 41..44 on line 27) by "db".
  notify("textDocument/didChange",
         Json{{"textDocument", Json{{"uri", uri_}, {"version", 2}}},
              {"contentChanges",
               Json::array({Json{{"range", Json{{"start", Json{{"line", 27}, {"character", 41}}},
                                                {"end", Json{{"line", 27}, {"character", 44}}}}},
                                 {"text", "db"}}})}});
  const std::string* text = server_->workspace()->text(path_);
  ASSERT_NE(text, nullptr);
  EXPECT_NE(text->find("to: db}"), std::string::npos);
  for (const Json& d : diagnostics()) EXPECT_NE(d["code"], "unknown-id");
}

TEST_F(ServerTest, HoverDefinitionReferences) {
  start();
  std::string fixed = kModel;
  fixed.replace(fixed.find("to: dbx"), 7, "to: db");
  open(fixed);
  // Line 25 "    to: api": hover on api.
  Json h = at("textDocument/hover", 25, 9);
  std::string md = h["result"]["contents"]["value"];
  EXPECT_NE(md.find("**component** `api`"), std::string::npos) << md;
  EXPECT_NE(md.find("threat(s)"), std::string::npos) << md;
  // Definition: "  - id: api" is line 15, the id at character 8.
  Json d = at("textDocument/definition", 25, 9);
  EXPECT_EQ(d["result"]["uri"], uri_);
  EXPECT_EQ(d["result"]["range"]["start"], (Json{{"line", 15}, {"character", 8}}));
  // References of api: the flows f1 (to) and f2 (from), plus the definition when asked.
  Json r =
      at("textDocument/references", 15, 9, Json{{"context", Json{{"includeDeclaration", false}}}});
  EXPECT_EQ(r["result"].size(), 2u) << r.dump(1);
  Json r2 =
      at("textDocument/references", 15, 9, Json{{"context", Json{{"includeDeclaration", true}}}});
  EXPECT_EQ(r2["result"].size(), 3u);
  // Nothing on a key that is no id.
  EXPECT_TRUE(at("textDocument/hover", 2, 3)["result"].is_null());
}

TEST_F(ServerTest, HoverOnThreatAndRuleIds) {
  start();
  std::string fixed = kModel;
  fixed.replace(fixed.find("to: dbx"), 7, "to: db");
  open(fixed);
  const Snapshot* s = server_->workspace()->snapshot_for(path_);
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->analyzed);
  ASSERT_FALSE(s->analysis.threats.empty());
  // Copies: the snapshot is replaced by the next check.
  const engine::Threat t = s->analysis.threats.front();
  // Write a control that mitigates it and hover there.
  std::string text = fixed + "controls:\n  - id: c1\n    mitigates: [" + t.id + "]\n";
  notify("textDocument/didChange", Json{{"textDocument", Json{{"uri", uri_}, {"version", 2}}},
                                        {"contentChanges", Json::array({Json{{"text", text}}})}});
  Json h = at("textDocument/hover", 30, 17);
  std::string md = h["result"]["contents"]["value"];
  EXPECT_NE(md.find("**threat**"), std::string::npos) << md;
  EXPECT_NE(md.find(std::string(engine::severity_name(t.severity))), std::string::npos);
  EXPECT_NE(md.find("*Mitigation:*"), std::string::npos) << md;
  // Definition of a generated threat id: its target.
  Json d = at("textDocument/definition", 30, 17);
  EXPECT_TRUE(d["result"].is_object()) << d.dump();
  // A rule id alone (here in a comment): the rule's explanation.
  ASSERT_FALSE(t.rule_id().empty());
  text += "# see " + t.rule_id() + "\n";
  notify("textDocument/didChange", Json{{"textDocument", Json{{"uri", uri_}, {"version", 3}}},
                                        {"contentChanges", Json::array({Json{{"text", text}}})}});
  Json r = at("textDocument/hover", 31, 7);
  std::string rule_md = r["result"]["contents"]["value"];
  EXPECT_EQ(rule_md.rfind("**rule** `" + t.rule_id() + "`", 0), 0u) << rule_md;
  EXPECT_NE(rule_md.find("*Detects:*"), std::string::npos) << rule_md;
}

TEST_F(ServerTest, CompletionOffersIdsAndEnumValues) {
  start();
  std::string text = kModel;
  text += "  - id: f3\n    from: \n    encrypted: \n";
  open(text);
  Json c = at("textDocument/completion", 29, 10);
  std::vector<std::string> labels;
  for (const Json& i : c["result"]["items"]) labels.push_back(i["label"]);
  EXPECT_EQ(labels, (std::vector<std::string>{"api", "db", "user"}));
  Json b = at("textDocument/completion", 30, 15);
  labels.clear();
  for (const Json& i : b["result"]["items"]) labels.push_back(i["label"]);
  EXPECT_EQ(labels, (std::vector<std::string>{"true", "false"}));
}

TEST_F(ServerTest, BadMessagesGetJsonRpcErrors) {
  sent_.clear();
  server_->handle_body("{not json");
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0]["error"]["code"], kParseError);
  sent_.clear();
  server_->handle_body("[1,2]");
  EXPECT_EQ(sent_[0]["error"]["code"], kInvalidRequest);
  sent_.clear();
  server_->handle_body(std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0]["error"]["code"], kInvalidRequest);
  EXPECT_NE(sent_[0]["error"]["message"].get<std::string>().find("deeper"), std::string::npos);
  start();
  EXPECT_EQ(request("no/such", Json::object())["error"]["code"], kMethodNotFound);
  EXPECT_EQ(at("textDocument/hover", 0, 0, Json{{"position", Json{{"line", -1}}}})["error"]["code"],
            kInvalidParams);
  EXPECT_EQ(request("textDocument/hover", Json{{"textDocument", 5}})["error"]["code"],
            kInvalidParams);
  EXPECT_FALSE(server_->exited());
  EXPECT_EQ(request("shutdown", Json::object())["result"], nullptr);
  EXPECT_EQ(request("textDocument/hover", Json::object())["error"]["code"], kInvalidRequest);
  notify("exit", Json::object());
  EXPECT_TRUE(server_->exited());
  EXPECT_EQ(server_->exit_code(), 0);
}

TEST_F(ServerTest, DocumentsOutsideTheRootAreNotRead) {
  start();
  notify("textDocument/didOpen", Json{{"textDocument", Json{{"uri", "file:///etc/passwd"},
                                                            {"languageId", "yaml"},
                                                            {"version", 1},
                                                            {"text", "x: 1"}}}});
  for (const Json& m : sent_) EXPECT_NE(m.value("method", ""), "textDocument/publishDiagnostics");
  EXPECT_NE(log_.str().find("outside the workspace root"), std::string::npos);
  // An include that climbs out of the root is refused by the loader's containment too.
  EXPECT_FALSE(server_->workspace()->contains("/etc/passwd"));
  EXPECT_TRUE(server_->workspace()->contains(path_));
}

TEST_F(ServerTest, IncludedFilesGetTheirOwnDiagnosticsAndTheirEditorText) {
  std::string root_text = kModel;
  root_text.replace(root_text.find("to: dbx"), 7, "to: db");
  root_text = "include: [more.yaml]\n" + root_text;
  std::ofstream(path_) << root_text;
  std::ofstream(dir_ + "/more.yaml")
      << "threatwright: 1\nflows:\n  - {id: f9, from: api, to: nowhere}\n";
  std::string more_uri = path_to_uri(dir_ + "/more.yaml");
  start();
  open(root_text);
  auto for_uri = [&](const std::string& u) {
    Json out;
    for (const Json& m : sent_) {
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == u) {
        out = m["params"]["diagnostics"];
      }
    }
    return out;
  };
  Json more = for_uri(more_uri);
  ASSERT_TRUE(more.is_array());
  const Json* unknown = nullptr;
  for (const Json& d : more) {
    if (d["code"] == "unknown-id") unknown = &d;
  }
  ASSERT_NE(unknown, nullptr) << more.dump(1);
  EXPECT_EQ((*unknown)["range"]["start"], (Json{{"line", 2}, {"character", 28}}));
  for (const Json& d : diagnostics()) EXPECT_NE(d["code"], "unknown-id");
  // Opening the included file with a fix not yet saved re-checks the whole model from it.
  notify("textDocument/didOpen",
         Json{{"textDocument",
               Json{{"uri", more_uri},
                    {"languageId", "yaml"},
                    {"version", 1},
                    {"text", "threatwright: 1\nflows:\n  - {id: f9, from: api, to: db}\n"}}}});
  Json cleared = for_uri(more_uri);
  ASSERT_TRUE(cleared.is_array());
  for (const Json& d : cleared) EXPECT_NE(d["code"], "unknown-id") << cleared.dump(1);
  // It was checked as part of the root model (no "missing section" errors of its own).
  EXPECT_EQ(server_->workspace()->root_of(dir_ + "/more.yaml"), path_);
}

TEST_F(ServerTest, ModelsNamedAtStartUpAreCheckedWhenInitialized) {
  ServerOptions o;
  o.models = {path_};  // kModel on disk, with its dangling "dbx"
  server_ = std::make_unique<Server>(
      o, [this](const Json& m) { sent_.push_back(m); }, &log_);
  request("initialize", Json{{"rootUri", path_to_uri(dir_)}});
  notify("initialized", Json::object());
  Json ds = diagnostics();
  ASSERT_TRUE(ds.is_array());
  bool unknown = false;
  for (const Json& d : ds) unknown = unknown || d["code"] == "unknown-id";
  EXPECT_TRUE(unknown) << ds.dump(1);
}

TEST_F(ServerTest, YamlThatIsNoModelGetsNoDiagnostics) {
  start();
  open("name: ci\non: [push]\njobs: {}\n");
  for (const Json& m : sent_) EXPECT_NE(m.value("method", ""), "textDocument/publishDiagnostics");
  EXPECT_EQ(server_->workspace()->snapshot_for(path_), nullptr);
  // Once it becomes a model, it is checked.
  notify("textDocument/didChange", Json{{"textDocument", Json{{"uri", uri_}, {"version", 2}}},
                                        {"contentChanges", Json::array({Json{{"text", kModel}}})}});
  EXPECT_TRUE(diagnostics().is_array());
}

TEST_F(ServerTest, ServeOverAStream) {
  std::string in = frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                   "Content-Length: 99999999999\r\n\r\n";
  MessageReader r = reader_of(in, 7, 1024);
  std::ostringstream out;
  int code = server_->serve(r, out);
  EXPECT_EQ(code, 1);  // input ended without shutdown and exit
  EXPECT_NE(out.str().find("\"capabilities\""), std::string::npos);
  EXPECT_EQ(out.str().rfind("Content-Length: ", 0), 0u);
}

}  // namespace
}  // namespace tw::lsp
