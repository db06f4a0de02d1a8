#pragma once
// The Language Server Protocol over JSON-RPC 2.0: lifecycle (initialize, initialized,
// shutdown, exit), full or incremental document sync, diagnostics published on every open and
// change (what `check` reports), hover, completion, definition, references and code actions
// ("did you mean" fixes). One input (messages, with the editor's text) and one output
// (messages); nothing a client sends can crash or stall it: malformed messages get JSON-RPC
// errors, and documents outside the workspace root are refused.

#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lsp/framing.h"
#include "lsp/workspace.h"

namespace tw::lsp {

using Json = nlohmann::json;

enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
};

struct ServerOptions {
  std::string name = "threatwright";
  std::string version = "0.0.0";
  /// The workspace root when the client names none (and the bound for reading files).
  std::string root;
  /// Models checked at start-up (their includes then belong to them).
  std::vector<std::string> models;
  size_t max_message_bytes = kDefaultMaxMessageBytes;
  load::LoadOptions load;
};

class Server {
 public:
  /// `send` receives every outgoing message (responses and notifications).
  Server(ServerOptions options, std::function<void(const Json&)> send, std::ostream* log);
  ~Server();

  /// Handles one message body (JSON text).
  void handle_body(std::string_view body);
  void handle(const Json& msg);
  /// A message over the size limit, or a frame without a usable header.
  void reject_frame(const std::string& why);

  bool exited() const { return exited_; }
  /// 0 after shutdown then exit; 1 for exit without shutdown or input that ended.
  int exit_code() const { return shutdown_ ? 0 : 1; }

  /// Reads framed messages until exit or the end of input, writing framed replies to `out`.
  /// Returns the exit code.
  int serve(MessageReader& in, std::ostream& out);

  Workspace* workspace() { return ws_.get(); }

  // The features, on a document position (line 0-based, character in UTF-16 units); public
  // for the unit tests.
  Json hover(const std::string& path, uint32_t line, uint32_t character) const;
  Json definition(const std::string& path, uint32_t line, uint32_t character) const;
  Json references(const std::string& path, uint32_t line, uint32_t character, bool decl) const;
  Json completion(const std::string& path, uint32_t line, uint32_t character) const;
  Json code_actions(const std::string& uri, const Json& diagnostics) const;

 private:
  Json dispatch(const std::string& method, const Json& params, bool* ok);
  void notify(const std::string& method, Json params);
  void log_message(int type, const std::string& text);
  Json initialize(const Json& params);
  void did_open(const Json& params);
  void did_change(const Json& params);
  void did_close(const Json& params);
  /// Re-checks the model `path` belongs to and publishes its files' diagnostics.
  void recheck(const std::string& path);
  void publish(const Snapshot& s);
  /// The document path of a URI inside the workspace, or empty (then `why` is set).
  std::string path_of(const Json& uri, std::string* why = nullptr) const;
  std::string word_at(const std::string& path, uint32_t line, uint32_t character) const;
  Json location(const Occurrence& o) const;
  Json range_of(const base::SourceFile* file, uint32_t line, uint32_t col, uint32_t len) const;

  ServerOptions options_;
  std::function<void(const Json&)> send_;
  std::ostream* log_;
  std::unique_ptr<Workspace> ws_;
  bool initialized_ = false, shutdown_ = false, exited_ = false;
  /// The URI of a document path: as the client spelled it when it opened it, else encoded.
  std::string uri_of(const std::string& path) const;
  /// The URIs the client used, by document path.
  std::map<std::string, std::string> uris_;
  /// Files with diagnostics published last time, per root (cleared when they have none).
  std::map<std::string, std::vector<std::string>> published_;
};

}  // namespace tw::lsp
