#include "lsp/server.h"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>

#include "base/escape.h"
#include "base/file.h"
#include "base/text.h"
#include "lsp/completion.h"
#include "lsp/position.h"
#include "rules/registry.h"

namespace tw::lsp {

namespace {

// A request whose params do not fit: answered with kInvalidParams.
struct BadParams {
  std::string message;
};

const Json& member(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string str(const Json& j, const char* key) {
  const Json& v = member(j, key);
  if (!v.is_string()) throw BadParams{std::string("'") + key + "' must be a string"};
  return v.get<std::string>();
}

uint32_t uint(const Json& j, const char* key) {
  const Json& v = member(j, key);
  if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 0x7fffffff) {
    throw BadParams{std::string("'") + key + "' must be a non-negative integer"};
  }
  return static_cast<uint32_t>(v.get<long long>());
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == '@';
}

// "...; did you mean 'x'?" -> x
std::string suggestion_of(std::string_view message) {
  constexpr std::string_view kMark = "did you mean '";
  size_t at = message.rfind(kMark);
  if (at == std::string_view::npos) return {};
  size_t start = at + kMark.size();
  size_t end = message.find("'?", start);
  if (end == std::string_view::npos) return {};
  return std::string(message.substr(start, end - start));
}

std::string md_id(std::string_view s) { return base::md_code(s, false); }

/// Deepest nesting of arrays and objects accepted in a message: a deeper one is refused before
/// parsing (echoing or printing it would recurse that deep).
constexpr int kMaxJsonDepth = 64;

}  // namespace

Server::Server(ServerOptions options, std::function<void(const Json&)> send, std::ostream* log)
    : options_(std::move(options)), send_(std::move(send)), log_(log) {
  WorkspaceOptions wo;
  wo.root = options_.root;
  wo.load = options_.load;
  ws_ = std::make_unique<Workspace>(wo);
}

Server::~Server() = default;

void Server::notify(const std::string& method, Json params) {
  Json msg{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  send_(msg);
}

void Server::log_message(int type, const std::string& text) {
  if (log_) *log_ << "threatwright lsp: " << text << "\n";
  if (initialized_) notify("window/logMessage", Json{{"type", type}, {"message", text}});
}

void Server::reject_frame(const std::string& why) {
  if (log_) *log_ << "threatwright lsp: " << why << "\n";
  send_(Json{{"jsonrpc", "2.0"},
             {"id", nullptr},
             {"error", Json{{"code", kInvalidRequest}, {"message", why}}}});
}

void Server::handle_body(std::string_view body) {
  if (base::json_depth(body, kMaxJsonDepth) > kMaxJsonDepth) {
    send_(Json{{"jsonrpc", "2.0"},
               {"id", nullptr},
               {"error", Json{{"code", kInvalidRequest},
                              {"message", "the message nests deeper than " +
                                              std::to_string(kMaxJsonDepth) + " levels"}}}});
    return;
  }
  Json msg = Json::parse(body, nullptr, false);
  if (msg.is_discarded()) {
    send_(Json{{"jsonrpc", "2.0"},
               {"id", nullptr},
               {"error", Json{{"code", kParseError}, {"message", "the message is not JSON"}}}});
    return;
  }
  handle(msg);
}

void Server::handle(const Json& msg) {
  auto error = [&](const Json& id, int code, const std::string& message) {
    send_(Json{
        {"jsonrpc", "2.0"}, {"id", id}, {"error", Json{{"code", code}, {"message", message}}}});
  };
  if (!msg.is_object()) {
    error(nullptr, kInvalidRequest, "a message must be a JSON object (LSP has no batches)");
    return;
  }
  Json id = nullptr;
  bool is_request = false;
  if (auto it = msg.find("id"); it != msg.end()) {
    if (!it->is_string() && !it->is_number_integer()) {
      error(nullptr, kInvalidRequest, "'id' must be a string or an integer");
      return;
    }
    id = *it;
    is_request = true;
  }
  auto m = msg.find("method");
  if (m == msg.end()) {
    if (is_request) return;  // a response to a request of ours: we send none that need one
    error(nullptr, kInvalidRequest, "a message without 'method'");
    return;
  }
  if (!m->is_string()) {
    if (is_request) error(id, kInvalidRequest, "'method' must be a string");
    return;
  }
  std::string method = m->get<std::string>();
  Json params = msg.contains("params") ? msg["params"] : Json::object();

  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ && method != "initialize") {
    if (is_request) error(id, kServerNotInitialized, "the server is not initialized yet");
    return;
  }
  if (shutdown_) {
    if (is_request) error(id, kInvalidRequest, "the server is shutting down");
    return;
  }
  try {
    bool ok = true;
    Json result = dispatch(method, params, &ok);
    if (!is_request) return;
    if (!ok) {
      error(id, kMethodNotFound, "unknown method '" + base::clean_utf8(method) + "'");
      return;
    }
    Json reply{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
    base::clean_json_strings(reply);
    send_(reply);
  } catch (const BadParams& e) {
    if (is_request) error(id, kInvalidParams, e.message);
  } catch (const Json::exception& e) {
    if (is_request) error(id, kInvalidParams, std::string("bad params: ") + e.what());
  } catch (const std::exception& e) {
    log_message(1, std::string("internal error in ") + method + ": " + e.what());
    if (is_request) error(id, kInternalError, std::string("internal error: ") + e.what());
  }
}

Json Server::dispatch(const std::string& method, const Json& params, bool* ok) {
  auto pos = [&](uint32_t* line, uint32_t* ch) {
    const Json& p = member(params, "position");
    *line = uint(p, "line");
    *ch = uint(p, "character");
  };
  auto doc_path = [&]() {
    std::string why;
    std::string path = path_of(member(member(params, "textDocument"), "uri"), &why);
    return path;
  };
  if (method == "initialize") return initialize(params);
  if (method == "initialized") {
    for (const std::string& model : options_.models) {
      auto canon = base::canonical_path(model);
      if (!canon.ok() || !ws_->contains(*canon)) {
        log_message(2, "cannot serve the model '" + model + "' (missing or outside the root)");
        continue;
      }
      publish(ws_->check(*canon));
    }
    return nullptr;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/didOpen") return did_open(params), nullptr;
  if (method == "textDocument/didChange") return did_change(params), nullptr;
  if (method == "textDocument/didClose") return did_close(params), nullptr;
  if (method == "textDocument/didSave") {
    std::string p = doc_path();
    if (!p.empty()) recheck(p);
    return nullptr;
  }
  if (method == "workspace/didChangeWatchedFiles") {
    std::set<std::string> roots;
    for (const auto& s : published_) roots.insert(s.first);
    for (const auto& r : roots) recheck(r);
    return nullptr;
  }
  uint32_t line = 0, ch = 0;
  if (method == "textDocument/hover") {
    pos(&line, &ch);
    return hover(doc_path(), line, ch);
  }
  if (method == "textDocument/definition") {
    pos(&line, &ch);
    return definition(doc_path(), line, ch);
  }
  if (method == "textDocument/references") {
    pos(&line, &ch);
    bool decl = member(member(params, "context"), "includeDeclaration").is_boolean() &&
                member(member(params, "context"), "includeDeclaration").get<bool>();
    return references(doc_path(), line, ch, decl);
  }
  if (method == "textDocument/completion") {
    pos(&line, &ch);
    return completion(doc_path(), line, ch);
  }
  if (method == "textDocument/codeAction") {
    std::string uri = str(member(params, "textDocument"), "uri");
    return code_actions(uri, member(member(params, "context"), "diagnostics"));
  }
  if (method.rfind("$/", 0) == 0) return nullptr;  // optional notifications ($/cancelRequest)
  *ok = false;
  return nullptr;
}

Json Server::initialize(const Json& params) {
  // The workspace root: the first workspace folder, else rootUri, else the --root option.
  std::string root;
  const Json& folders = member(params, "workspaceFolders");
  if (folders.is_array() && !folders.empty()) {
    auto p = uri_to_path(member(folders[0], "uri").is_string()
                             ? member(folders[0], "uri").get<std::string>()
                             : std::string());
    if (p) root = *p;
  }
  if (root.empty() && member(params, "rootUri").is_string()) {
    auto p = uri_to_path(member(params, "rootUri").get<std::string>());
    if (p) root = *p;
  }
  if (!options_.root.empty()) root = options_.root;  // the command line wins
  if (root.empty()) {
    // No root named anywhere: the folder the editor started the server in, never the whole disk.
    std::error_code ec;
    root = std::filesystem::current_path(ec).string();
    if (ec || root.empty()) root = "/nonexistent";
  }
  {
    WorkspaceOptions wo;
    wo.root = root;
    wo.load = options_.load;
    ws_ = std::make_unique<Workspace>(wo);
  }
  initialized_ = true;
  Json caps{
      {"textDocumentSync", Json{{"openClose", true}, {"change", 2}, {"save", true}}},
      {"hoverProvider", true},
      {"completionProvider", Json{{"triggerCharacters", Json::array({":", " ", "-", "["})}}},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"codeActionProvider", Json{{"codeActionKinds", Json::array({"quickfix"})}}},
  };
  return Json{{"capabilities", caps},
              {"serverInfo", Json{{"name", options_.name}, {"version", options_.version}}}};
}

std::string Server::path_of(const Json& uri, std::string* why) const {
  if (!uri.is_string()) throw BadParams{"'textDocument.uri' must be a string"};
  std::string u = uri.get<std::string>();
  if (u.rfind("untitled:", 0) == 0) return u;  // checked from its text alone
  auto p = uri_to_path(u);
  if (!p) {
    if (why) *why = "not a local file URI";
    return {};
  }
  if (!ws_->contains(*p)) {
    if (why) *why = "outside the workspace root";
    return {};
  }
  return *p;
}

void Server::did_open(const Json& params) {
  const Json& td = member(params, "textDocument");
  std::string why;
  std::string path = path_of(member(td, "uri"), &why);
  std::string text = str(td, "text");
  if (path.empty()) {
    log_message(2, "not checking " + base::clean_utf8(str(td, "uri")) + ": " + why);
    return;
  }
  uris_[path] = str(td, "uri");
  const Json& v = member(td, "version");
  ws_->open(path, std::move(text), v.is_number_integer() ? v.get<int>() : 0);
  recheck(path);
}

void Server::did_change(const Json& params) {
  const Json& td = member(params, "textDocument");
  std::string path = path_of(member(td, "uri"));
  if (path.empty()) return;
  const std::string* cur = ws_->text(path);
  if (!cur) throw BadParams{"didChange for a document that is not open"};
  std::string text = *cur;
  const Json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw BadParams{"'contentChanges' must be an array"};
  for (const Json& c : changes) {
    std::string piece = str(c, "text");
    const Json& range = member(c, "range");
    if (range.is_null()) {
      text = std::move(piece);
      continue;
    }
    // Incremental: replace the range (UTF-16 positions) by the new text.
    auto offset = [&](const Json& p) {
      uint32_t line = uint(p, "line"), ch = uint(p, "character");
      size_t start = 0;
      for (uint32_t i = 0; i < line; ++i) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) return text.size();
        start = nl + 1;
      }
      return start + byte_of_utf16(line_at(std::string_view(text).substr(start), 0), ch);
    };
    size_t a = offset(member(range, "start")), b = offset(member(range, "end"));
    if (b < a) std::swap(a, b);
    text.replace(a, b - a, piece);
  }
  const Json& v = member(td, "version");
  ws_->change(path, std::move(text), v.is_number_integer() ? v.get<int>() : 0);
  recheck(path);
}

void Server::did_close(const Json& params) {
  std::string path = path_of(member(member(params, "textDocument"), "uri"));
  if (path.empty()) return;
  ws_->close(path);
  std::string root = ws_->root_of(path);
  bool any_open = false;
  if (const Snapshot* s = ws_->snapshot_for(path)) {
    for (const auto& f : s->files) any_open = any_open || ws_->is_open(f);
  }
  bool configured =
      std::find(options_.models.begin(), options_.models.end(), root) != options_.models.end();
  if (any_open || configured) {
    recheck(root);
    return;
  }
  // Nothing of the model is open any more: clear what was published for it.
  for (const auto& f : published_[root]) {
    notify("textDocument/publishDiagnostics",
           Json{{"uri", uri_of(f)}, {"diagnostics", Json::array()}});
  }
  published_.erase(root);
  ws_->drop(root);
}

std::string Server::uri_of(const std::string& path) const {
  auto it = uris_.find(path);
  if (it != uris_.end()) return it->second;
  return !path.empty() && path[0] == '/' ? path_to_uri(path) : path;
}

namespace {

// Whether `text` has the top-level `threatwright:` key every model starts with (a YAML file
// that lacks it, e.g. a CI workflow, is not a model and gets no diagnostics from us).
bool looks_like_model(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    std::string_view line = text.substr(at, nl == std::string_view::npos ? text.npos : nl - at);
    if (line.rfind("threatwright:", 0) == 0 || line.rfind("\"threatwright\"", 0) == 0 ||
        line.rfind("{\"threatwright\"", 0) == 0) {
      return true;
    }
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return false;
}

}  // namespace

void Server::recheck(const std::string& path) {
  std::string root = ws_->root_of(path);
  const std::string* text = ws_->text(root);
  if (root == path && text && !looks_like_model(*text)) {
    // Not part of a model we know, and not a model itself: say nothing about it.
    for (const auto& f : published_[root]) {
      notify("textDocument/publishDiagnostics",
             Json{{"uri", uri_of(f)}, {"diagnostics", Json::array()}});
    }
    published_.erase(root);
    ws_->drop(root);
    return;
  }
  publish(ws_->check(root));
}

Json Server::range_of(const base::SourceFile* file,
                      uint32_t line,
                      uint32_t col,
                      uint32_t len) const {
  if (!file || line == 0) {
    return Json{{"start", Json{{"line", 0}, {"character", 0}}},
                {"end", Json{{"line", 0}, {"character", 0}}}};
  }
  std::string_view text = file->line_text(line);
  uint32_t c0 = col > 0 ? col - 1 : 0;
  uint32_t a = utf16_of_codepoint(text, c0);
  uint32_t b = utf16_of_codepoint(text, c0 + std::max<uint32_t>(len, 1));
  if (b == a) b = a + 1;  // at the end of a line: one column past it still shows
  return Json{{"start", Json{{"line", line - 1}, {"character", a}}},
              {"end", Json{{"line", line - 1}, {"character", b}}}};
}

Json Server::location(const Occurrence& o) const {
  return Json{{"uri", uri_of(o.file->path())}, {"range", range_of(o.file, o.line, o.col, o.len)}};
}

void Server::publish(const Snapshot& s) {
  std::map<std::string, Json> by_file;
  for (const auto& f : s.files) by_file[f] = Json::array();
  for (const auto& f : published_[s.root]) by_file.emplace(f, Json::array());
  for (const base::Diagnostic& d : s.diagnostics.items()) {
    std::string file = d.loc.valid() ? d.loc.file->path() : s.root;
    Json diag{
        {"range", range_of(d.loc.valid() ? d.loc.file : nullptr, d.loc.line, d.loc.col, d.loc.len)},
        {"severity", d.severity == base::Severity::Error ? 1 : 2},
        {"code", d.code},
        {"source", "threatwright"},
        {"message", d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint}};
    Json related = Json::array();
    for (const base::Note& n : d.notes) {
      if (!n.loc.valid()) continue;
      related.push_back(Json{
          {"location", Json{{"uri", uri_of(n.loc.file->path())},
                            {"range", range_of(n.loc.file, n.loc.line, n.loc.col, n.loc.len)}}},
          {"message", n.message}});
    }
    if (!related.empty()) diag["relatedInformation"] = std::move(related);
    std::string fix = suggestion_of(d.message);
    if (!fix.empty()) diag["data"] = Json{{"replacement", fix}};
    by_file[file].push_back(std::move(diag));
  }
  std::vector<std::string> now;
  for (auto& [file, diags] : by_file) {
    if (!diags.empty() || s.has_file(file)) now.push_back(file);
    Json params{{"uri", uri_of(file)}, {"diagnostics", std::move(diags)}};
    base::clean_json_strings(params);
    notify("textDocument/publishDiagnostics", std::move(params));
  }
  published_[s.root] = std::move(now);
}

std::string Server::word_at(const std::string& path, uint32_t line, uint32_t character) const {
  std::string_view text;
  if (const std::string* t = ws_->text(path)) {
    text = *t;
  } else if (const Snapshot* s = ws_->snapshot_for(path)) {
    for (const auto& src : s->load.model->sources) {
      if (src->path() == path) text = src->text();
    }
  }
  std::string_view l = line_at(text, line);
  size_t b = byte_of_utf16(l, character);
  size_t start = b, end = b;
  while (start > 0 && is_id_char(l[start - 1])) --start;
  while (end < l.size() && is_id_char(l[end])) ++end;
  std::string w(l.substr(start, end - start));
  while (!w.empty() && (w.back() == '.' || w.back() == '-')) w.pop_back();
  return w;
}

namespace {

std::string threat_line(const engine::Threat& t) {
  return "- " + md_id(t.id) + " **" + std::string(engine::severity_name(t.severity)) + "** " +
         std::string(model::name(t.status)) + ": " + base::md_escape(t.title());
}

std::string rule_text(const rules::Rule& r) {
  std::string out = "**rule** " + md_id(r.id) + ": " + base::md_escape(r.title) + "\n\n";
  if (!r.detection.empty()) out += "*Detects:* " + base::md_escape(r.detection) + "\n\n";
  if (!r.mitigation.empty()) out += "*Mitigation:* " + base::md_escape(r.mitigation) + "\n\n";
  if (!r.false_positives.empty()) {
    out += "*False positives:* " + base::md_escape(r.false_positives) + "\n\n";
  }
  return out;
}

}  // namespace

Json Server::hover(const std::string& path, uint32_t line, uint32_t character) const {
  const Snapshot* s = ws_->snapshot_for(path);
  if (!s) return nullptr;
  std::string word = word_at(path, line, character);
  if (word.empty()) return nullptr;
  const model::Model& m = *s->load.model;
  std::string md;
  const engine::Threat* threat = s->analyzed ? s->analysis.find(word) : nullptr;
  if (threat) {
    const engine::Threat& t = *threat;
    md += "**threat** " + md_id(t.id) + ": " + base::md_escape(t.title()) + "\n\n";
    md += "severity **" + std::string(engine::severity_name(t.severity)) + "** (score " +
          std::to_string(t.score) + " = likelihood " + std::to_string(t.likelihood) + " x impact " +
          std::to_string(t.impact) + "), status " + std::string(model::name(t.status));
    if (!t.status_reason.empty()) md += " (" + base::md_escape(t.status_reason) + ")";
    md += "\n\n";
    if (!t.description.empty()) md += base::md_escape(t.description) + "\n\n";
    if (!t.claim.empty()) md += "*Claimed by:* " + base::md_escape(t.claim) + "\n\n";
    if (!t.controls.empty()) {
      std::string cs;
      for (const auto& c : t.controls) cs += (cs.empty() ? "" : ", ") + md_id(c);
      md += "*Controls:* " + cs + "\n\n";
    }
    if (const rules::Rule* r = rules::find_builtin(t.rule_id())) {
      md += rule_text(*r);
    } else if (!t.mitigation().empty()) {
      md += "*Mitigation:* " + base::md_escape(t.mitigation()) + "\n\n";
    }
  } else if (const model::IdEntry* e = m.find(word)) {
    md += "**" + std::string(model::kind_label(e->kind)) + "** " + md_id(word);
    auto named = [&](const std::string& name) {
      if (!name.empty()) md += ": " + base::md_escape(name);
      md += "\n\n";
    };
    using model::Kind;
    size_t i = static_cast<size_t>(e->index);
    switch (e->kind) {
      case Kind::Component: {
        const auto& c = m.components[i];
        named(c.name);
        md += "type " + std::string(model::name(c.type));
        if (!c.boundary.id.empty()) md += ", in " + md_id(c.boundary.id);
        if (c.internet_facing) md += *c.internet_facing ? ", internet-facing" : ", internal";
        md += "\n\n";
        break;
      }
      case Kind::Flow: {
        const auto& f = m.flows[i];
        named(f.name);
        md += md_id(f.from.id) + " -> " + md_id(f.to.id);
        if (!f.protocol.empty()) md += " over " + base::md_escape(f.protocol);
        md += "\n\n";
        break;
      }
      case Kind::Asset: {
        const auto& a = m.assets[i];
        named(a.name);
        if (a.value) md += "value " + std::string(model::name(*a.value)) + "\n\n";
        break;
      }
      case Kind::Boundary: {
        const auto& b = m.boundaries[i];
        named(b.name);
        if (b.trust) md += "trust " + std::string(model::name(*b.trust)) + "\n\n";
        break;
      }
      case Kind::Adversary: {
        const auto& a = m.adversaries[i];
        named(a.name);
        if (a.access) md += "access " + std::string(model::name(*a.access)) + "\n\n";
        break;
      }
      case Kind::Control: {
        const auto& c = m.controls[i];
        named(c.name);
        md += "mitigates " + std::to_string(c.mitigates.size()) + " threat(s)";
        if (c.status) md += ", " + std::string(model::name(*c.status));
        md += "\n\n";
        break;
      }
      default:
        md += "\n\n";
        break;
    }
    if (s->analyzed) {
      std::vector<const engine::Threat*> on;
      for (const auto& t : s->analysis.threats) {
        if (t.target == word) on.push_back(&t);
      }
      if (!on.empty()) {
        md += "**" + std::to_string(on.size()) + " threat(s)**\n\n";
        for (size_t k = 0; k < on.size() && k < 25; ++k) md += threat_line(*on[k]) + "\n";
        if (on.size() > 25) md += "- and " + std::to_string(on.size() - 25) + " more\n";
      }
    }
  } else if (const rules::Rule* r = rules::find_builtin(word)) {
    md += rule_text(*r);
  } else {
    return nullptr;
  }
  return Json{{"contents", Json{{"kind", "markdown"}, {"value", md}}}};
}

Json Server::definition(const std::string& path, uint32_t line, uint32_t character) const {
  const Snapshot* s = ws_->snapshot_for(path);
  if (!s) return nullptr;
  std::string word = word_at(path, line, character);
  if (word.empty()) return nullptr;
  auto def = [&](const std::string& id) -> Json {
    for (const Occurrence* o : s->find(id)) {
      if (o->definition) return location(*o);
    }
    return nullptr;
  };
  Json out = def(word);
  // A generated threat "rule@target": its target.
  if (out.is_null() && word.find('@') != std::string::npos)
    out = def(word.substr(word.find('@') + 1));
  return out;
}

Json Server::references(const std::string& path,
                        uint32_t line,
                        uint32_t character,
                        bool decl) const {
  Json out = Json::array();
  const Snapshot* s = ws_->snapshot_for(path);
  if (!s) return out;
  std::string word = word_at(path, line, character);
  if (word.empty()) return out;
  for (const Occurrence* o : s->find(word)) {
    if (o->definition && !decl) continue;
    out.push_back(location(*o));
  }
  return out;
}

Json Server::completion(const std::string& path, uint32_t line, uint32_t character) const {
  Json items = Json::array();
  const std::string* text = ws_->text(path);
  if (!text) return Json{{"isIncomplete", false}, {"items", items}};
  size_t byte = byte_of_utf16(line_at(*text, line), character);
  CompletionContext ctx = completion_context(*text, line, byte);
  constexpr size_t kMaxItems = 2000;
  bool capped = false;
  auto add = [&](std::string_view label, int kind, const std::string& detail,
                 const std::string& insert) {
    if (label.substr(0, ctx.prefix.size()) != ctx.prefix) return;
    if (items.size() >= kMaxItems) {
      capped = true;
      return;
    }
    Json it{{"label", label}, {"kind", kind}};
    if (!detail.empty()) it["detail"] = detail;
    if (!insert.empty()) it["insertText"] = insert;
    items.push_back(std::move(it));
  };
  if (ctx.what == CompletionContext::What::Key) {
    for (std::string_view k : keys_at(ctx.path)) add(k, 10, "key", std::string(k) + ": ");
  } else if (ctx.what == CompletionContext::What::Value) {
    ValueSpec v = values_at(ctx.path);
    for (std::string_view w : v.words) add(w, 20, ctx.path.back(), "");
    const Snapshot* s = ws_->snapshot_for(path);
    if (s) {
      const model::Model& m = *s->load.model;
      std::vector<std::pair<std::string, std::string>> ids;
      for (const auto& [id, e] : m.ids) {
        if (std::find(v.kinds.begin(), v.kinds.end(), e.kind) != v.kinds.end()) {
          ids.emplace_back(id, std::string(model::kind_label(e.kind)));
        }
      }
      if (v.threat_ids && s->analyzed) {
        for (const auto& t : s->analysis.threats) {
          if (!m.find(t.id)) ids.emplace_back(t.id, "threat: " + t.title());
        }
      }
      std::sort(ids.begin(), ids.end());
      for (const auto& [id, detail] : ids) add(id, 18, detail, "");
    }
  }
  return Json{{"isIncomplete", capped}, {"items", std::move(items)}};
}

Json Server::code_actions(const std::string& uri, const Json& diagnostics) const {
  Json out = Json::array();
  if (!diagnostics.is_array()) return out;
  std::string path = path_of(uri);
  const std::string* text = path.empty() ? nullptr : ws_->text(path);
  for (const Json& d : diagnostics) {
    const Json& msg = member(d, "message");
    if (!msg.is_string()) continue;
    std::string fix;
    const Json& data = member(d, "data");
    if (member(data, "replacement").is_string()) fix = data["replacement"].get<std::string>();
    if (fix.empty()) fix = suggestion_of(msg.get<std::string>());
    if (fix.empty()) continue;
    Json range = member(d, "range");
    if (!range.is_object()) continue;
    // The token at the diagnostic's start: a quoted scalar's inside, else up to a delimiter.
    if (text) {
      uint32_t line = uint(member(range, "start"), "line");
      uint32_t ch = uint(member(range, "start"), "character");
      std::string_view l = line_at(*text, line);
      size_t a = byte_of_utf16(l, ch), b = a;
      if (a < l.size() && (l[a] == '"' || l[a] == '\'')) {
        char q = l[a++];
        b = l.find(q, a);
        if (b == std::string_view::npos) b = l.size();
      } else {
        while (b < l.size() && std::string_view(":,]}# \t").find(l[b]) == std::string_view::npos)
          ++b;
      }
      range = Json{{"start", Json{{"line", line}, {"character", utf16_of_byte(l, a)}}},
                   {"end", Json{{"line", line}, {"character", utf16_of_byte(l, b)}}}};
    }
    Json edit{{"range", range}, {"newText", fix}};
    out.push_back(Json{{"title", "Replace with '" + fix + "'"},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", Json::array({d})},
                       {"edit", Json{{"changes", Json{{uri, Json::array({edit})}}}}}});
  }
  return out;
}

int Server::serve(MessageReader& in, std::ostream& out) {
  std::function<void(const Json&)> previous = send_;
  send_ = [&out](const Json& msg) {
    out << frame(msg.dump(-1, ' ', false, Json::error_handler_t::replace));
    out.flush();
  };
  std::string body;
  while (!exited_) {
    MessageReader::Status st = in.next(body);
    if (st == MessageReader::Status::End) break;
    if (st == MessageReader::Status::TooLarge) {
      reject_frame("message larger than " + std::to_string(options_.max_message_bytes) +
                   " bytes, skipped");
    } else if (st == MessageReader::Status::BadHeader) {
      reject_frame("bad message header: " + in.error());
    } else {
      handle_body(body);
    }
    if (!out) break;
  }
  send_ = previous;
  return exit_code();
}

}  // namespace tw::lsp
