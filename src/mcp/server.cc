#include "mcp/server.h"

#include <algorithm>
#include <exception>
#include <new>
#include <ostream>

#include "base/escape.h"
#include "base/text.h"

namespace tw::mcp {

const std::vector<std::string>& supported_protocol_versions() {
  static const std::vector<std::string> versions = {"2025-11-25", "2025-06-18", "2025-03-26",
                                                    "2024-11-05"};
  return versions;
}

namespace {

bool valid_id(const Json& id) { return id.is_string() || id.is_number_integer(); }

// The request's id when it is a usable one, else null (for error responses).
Json id_of(const Json& msg) {
  if (msg.is_object()) {
    auto it = msg.find("id");
    if (it != msg.end() && valid_id(*it)) return *it;
  }
  return nullptr;
}

std::string type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

bool is_request(const Json& m) { return m.is_object() && m.contains("method") && m.contains("id"); }

}  // namespace

Server::Server(Provider& provider, ServerOptions options)
    : provider_(provider), options_(std::move(options)) {}

bool Server::structured_supported() const {
  // structuredContent and outputSchema arrived in 2025-06-18.
  return version_.empty() || version_ >= "2025-06-18";
}

std::string Server::too_long_line() const {
  return to_line(make_error(nullptr, kInvalidRequest,
                            "message too large: a message may hold at most " +
                                std::to_string(options_.max_message_bytes) + " bytes",
                            Json{{"limit", options_.max_message_bytes}}));
}

std::string Server::handle_line(std::string_view line) {
  if (line.size() > options_.max_message_bytes) return too_long_line();
  if (base::json_depth(line, kMaxJsonDepth) > kMaxJsonDepth) {
    return to_line(make_error(
        nullptr, kParseError,
        "parse error: JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"));
  }
  Json msg = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (msg.is_discarded()) {
    // Say where, as nlohmann would, without the cost of exceptions on the normal path.
    std::string detail;
    try {
      Json again = Json::parse(line);  // throws with the position
      (void)again;
    } catch (const Json::exception& e) {  // parse_error, or out_of_range for 1e99999
      detail = e.what();
      if (auto p = detail.find("parse error"); p != std::string::npos) {
        detail = detail.substr(p);
      } else if (auto q = detail.find("] "); q != std::string::npos) {
        detail = "parse error: " + detail.substr(q + 2);  // e.g. "number overflow parsing ..."
      }
    }
    return to_line(
        make_error(nullptr, kParseError, detail.empty() ? "parse error: not valid JSON" : detail));
  }
  if (msg.is_array()) {
    if (msg.empty())
      return to_line(make_error(nullptr, kInvalidRequest, "invalid request: empty batch"));
    return handle_batch(msg);
  }
  Json out = handle(msg);
  return out.is_null() ? std::string() : bounded_line(std::move(out), options_.max_reply_bytes);
}

std::string Server::bounded_line(Json reply, size_t budget, bool* over) const {
  // Every string sent is clean: no control (other than newline and tab), bidi or hidden
  // characters, which an agent reads but a person reviewing the exchange does not see.
  base::clean_json_strings(reply);
  std::string line = to_line(reply);
  if (over) *over = line.size() > budget;
  if (line.size() <= budget) return line;
  Json id = reply.contains("id") ? reply["id"] : Json(nullptr);
  return to_line(make_error(
      id, kReplyTooLarge,
      "reply too large: the replies to one message may hold at most " +
          std::to_string(options_.max_reply_bytes) +
          " bytes; ask for less (get_threat_model with 'component', list_threats with filters), "
          "or send the requests in separate messages",
      Json{{"limit", options_.max_reply_bytes}}));
}

std::string Server::handle_batch(const Json& batch) {
  if (batch.size() > options_.max_batch) {
    // Refused whole, before any work: one error, not one per item.
    return to_line(make_error(nullptr, kInvalidRequest,
                              "invalid request: a batch may hold at most " +
                                  std::to_string(options_.max_batch) +
                                  " messages, this one holds " + std::to_string(batch.size()),
                              Json{{"limit", options_.max_batch}, {"size", batch.size()}}));
  }
  std::string out = "[";
  size_t used = 2;
  bool exhausted = false;
  for (const Json& m : batch) {
    std::string line;
    if (exhausted && is_request(m)) {
      // Not processed: the budget is spent. The error itself is small and bounded by the
      // batch length.
      line = to_line(make_error(id_of(m), kReplyTooLarge,
                                "not processed: the replies to this batch reached " +
                                    std::to_string(options_.max_reply_bytes) +
                                    " bytes; send the rest in another message",
                                Json{{"limit", options_.max_reply_bytes}}));
    } else {
      Json r = handle(m);
      if (r.is_null()) continue;
      size_t left = options_.max_reply_bytes > used ? options_.max_reply_bytes - used : 0;
      bool over = false;
      line = bounded_line(std::move(r), left, &over);
      exhausted = over;  // the rest of the batch is not processed
    }
    if (out.size() > 1) out += ',';
    out += line;
    used = out.size() + 1;
  }
  if (out.size() == 1) return {};  // notifications only
  return out + "]";
}

Json Server::handle(const Json& msg) {
  if (!msg.is_object()) {
    return make_error(nullptr, kInvalidRequest,
                      "invalid request: a message must be a JSON object, got " + type_name(msg));
  }
  Json id = id_of(msg);
  auto jv = msg.find("jsonrpc");
  if (jv == msg.end() || *jv != "2.0") {
    return make_error(id, kInvalidRequest, "invalid request: 'jsonrpc' must be \"2.0\"");
  }
  auto m = msg.find("method");
  auto idit = msg.find("id");
  bool has_id = idit != msg.end();
  if (m == msg.end()) {
    if (has_id && (msg.contains("result") || msg.contains("error"))) {
      // A response to a request of ours; this server sends none, so it is dropped.
      if (log_) *log_ << "threatwright mcp: ignoring a response to an unknown request\n";
      return nullptr;
    }
    return make_error(id, kInvalidRequest, "invalid request: no 'method'");
  }
  if (!m->is_string()) {
    return make_error(id, kInvalidRequest, "invalid request: 'method' must be a string");
  }
  if (has_id && !valid_id(*idit)) {
    return make_error(
        nullptr, kInvalidRequest,
        "invalid request: 'id' must be a string or an integer, got " + type_name(*idit));
  }
  Json params = Json::object();
  if (auto p = msg.find("params"); p != msg.end()) {
    if (p->is_array()) {
      if (!has_id) return nullptr;
      return make_error(id, kInvalidParams, "invalid params: 'params' must be an object");
    }
    if (!p->is_object()) {
      if (!has_id) return nullptr;
      return make_error(id, kInvalidRequest,
                        "invalid request: 'params' must be an object, got " + type_name(*p));
    }
    params = *p;
  }
  const std::string& method = m->get_ref<const std::string&>();
  if (!has_id) {
    notify(method, params);
    return nullptr;
  }
  try {
    return dispatch(id, method, params);
  } catch (const std::bad_alloc&) {
    return make_error(id, kInternalError, "internal error: out of memory");
  } catch (const std::exception& e) {
    if (log_) *log_ << "threatwright mcp: internal error in " << method << ": " << e.what() << "\n";
    return make_error(id, kInternalError, std::string("internal error: ") + e.what());
  }
}

void Server::notify(const std::string& method, const Json& params) {
  if (method == "notifications/initialized") {
    initialized_ = true;
  }
  // notifications/cancelled, roots/list_changed, ...: requests are answered synchronously, so
  // there is nothing to cancel and nothing to update.
}

Json Server::dispatch(const Json& id, const std::string& method, const Json& params) {
  if (method == "initialize") return initialize(id, params);
  if (method == "ping") return make_result(id, Json::object());
  if (method == "tools/list") {
    provider_.refresh();
    Json tools = provider_.tools();
    if (!structured_supported()) {
      for (Json& t : tools) t.erase("outputSchema");
    }
    return make_result(id, Json{{"tools", std::move(tools)}});
  }
  if (method == "tools/call") return call_tool(id, params);
  if (method == "resources/list") {
    provider_.refresh();
    return make_result(id, Json{{"resources", provider_.resources()}});
  }
  if (method == "resources/templates/list") {
    return make_result(id, Json{{"resourceTemplates", Json::array()}});
  }
  if (method == "resources/read") return read_resource(id, params);
  if (method == "prompts/list") return make_result(id, Json{{"prompts", provider_.prompts()}});
  if (method == "prompts/get") return get_prompt(id, params);
  return make_error(id, kMethodNotFound, "method not found: " + method);
}

Json Server::initialize(const Json& id, const Json& params) {
  auto pv = params.find("protocolVersion");
  if (pv == params.end() || !pv->is_string()) {
    return make_error(id, kInvalidParams,
                      "invalid params: initialize needs 'protocolVersion' (a string)",
                      Json{{"supported", supported_protocol_versions()}});
  }
  const auto& versions = supported_protocol_versions();
  const std::string& asked = pv->get_ref<const std::string&>();
  // The client's version when this server speaks it, else the newest this server speaks.
  version_ =
      std::find(versions.begin(), versions.end(), asked) != versions.end() ? asked : versions[0];
  Json result{
      {"protocolVersion", version_},
      {"capabilities",
       {{"tools", {{"listChanged", false}}},
        {"resources", {{"subscribe", false}, {"listChanged", false}}},
        {"prompts", {{"listChanged", false}}}}},
      {"serverInfo",
       {{"name", options_.name}, {"title", options_.title}, {"version", options_.version}}},
  };
  std::string instructions = provider_.instructions();
  if (!instructions.empty()) result["instructions"] = instructions;
  return make_result(id, std::move(result));
}

Json Server::call_tool(const Json& id, const Json& params) {
  auto n = params.find("name");
  if (n == params.end() || !n->is_string()) {
    return make_error(id, kInvalidParams, "invalid params: tools/call needs 'name' (a string)");
  }
  Json args = Json::object();
  if (auto a = params.find("arguments"); a != params.end() && !a->is_null()) {
    if (!a->is_object()) {
      return make_error(id, kInvalidParams,
                        "invalid params: 'arguments' must be an object, got " + type_name(*a));
    }
    args = *a;
  }
  provider_.refresh();
  const std::string& name = n->get_ref<const std::string&>();
  std::optional<ToolResult> r = provider_.call_tool(name, args);
  if (!r) {
    std::vector<std::string> names;
    for (const Json& t : provider_.tools()) names.push_back(t.value("name", ""));
    return make_error(id, kInvalidParams, "unknown tool: " + name,
                      Json{{"available", std::move(names)}});
  }
  Json result{{"content", Json::array({Json{{"type", "text"}, {"text", r->text}}})},
              {"isError", r->is_error}};
  if (structured_supported() && r->structured.is_object()) {
    result["structuredContent"] = std::move(r->structured);
  }
  return make_result(id, std::move(result));
}

Json Server::read_resource(const Json& id, const Json& params) {
  auto u = params.find("uri");
  if (u == params.end() || !u->is_string()) {
    return make_error(id, kInvalidParams, "invalid params: resources/read needs 'uri' (a string)");
  }
  provider_.refresh();
  const std::string& uri = u->get_ref<const std::string&>();
  std::optional<Json> contents = provider_.read_resource(uri);
  if (!contents) {
    return make_error(id, kResourceNotFound, "resource not found: " + uri, Json{{"uri", uri}});
  }
  return make_result(id, Json{{"contents", std::move(*contents)}});
}

Json Server::get_prompt(const Json& id, const Json& params) {
  auto n = params.find("name");
  if (n == params.end() || !n->is_string()) {
    return make_error(id, kInvalidParams, "invalid params: prompts/get needs 'name' (a string)");
  }
  Json args = Json::object();
  if (auto a = params.find("arguments"); a != params.end() && !a->is_null()) {
    if (!a->is_object()) {
      return make_error(id, kInvalidParams, "invalid params: 'arguments' must be an object");
    }
    args = *a;
  }
  provider_.refresh();
  base::Result<Json> r = provider_.get_prompt(n->get_ref<const std::string&>(), args);
  if (!r.ok()) return make_error(id, kInvalidParams, "invalid params: " + r.error().message);
  return make_result(id, std::move(r.value()));
}

bool Server::serve(LineReader& in, std::ostream& out, std::ostream& log) {
  log_ = &log;
  std::string line;
  for (;;) {
    LineReader::Status s = in.next(line);
    if (s == LineReader::Status::End) return true;
    std::string reply;
    if (s == LineReader::Status::TooLong) {
      log << "threatwright mcp: dropped a message over " << options_.max_message_bytes
          << " bytes\n";
      reply = too_long_line();
    } else {
      reply = handle_line(line);
    }
    if (reply.empty()) continue;
    out << reply << '\n';
    out.flush();
    if (!out) return false;
  }
}

}  // namespace tw::mcp
