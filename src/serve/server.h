#pragma once
// `threatwright serve`'s HTTP side. The request handling is a pure function of a request
// (handle()), so every check below is unit-tested without a socket; start() puts it behind
// civetweb on a loopback address.
//
// Every request: the Host header must name the address the server is bound to, with its port
// (DNS rebinding); every API call carries the per-run token in X-Threatwright-Token (the page
// itself is served only at /?token=); a POST must come from the server's own Origin with a
// JSON body of at most kMaxBody bytes. Every reply carries a strict Content-Security-Policy,
// nosniff, no-referrer and no-store; there is no CORS.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "serve/workbench.h"

struct mg_context;

namespace tw::serve {

inline constexpr size_t kMaxBody = 64 * 1024;
inline constexpr const char* kTokenHeader = "X-Threatwright-Token";
inline constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

struct Request {
  std::string method, path, query;
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

struct Response {
  int status = 200;
  std::string type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< the security headers included
};

/// A random token: 32 bytes from the OS (getrandom), in hex.
base::Result<std::string> random_token();

/// Whether `host` is a loopback name or address (localhost, 127.0.0.0/8, ::1).
bool is_loopback(const std::string& host);

/// The handler: routes, checks and the views.
class Handler {
 public:
  /// `hosts`: the Host header values accepted (e.g. "127.0.0.1:8123", "localhost:8123"); a
  /// request's Origin, when it has one (always for a POST), must be `http://` + its Host.
  Handler(Workbench& wb, std::string token, std::vector<std::string> hosts);
  Response handle(const Request& r) const;
  /// `r` with the security headers every reply carries.
  static Response secured(Response r);
  /// How long a live-update request waits for a new version (tests shorten it).
  int long_poll_ms = 20000;
  int poll_interval_ms = 250;

 private:
  Response route(const Request& r) const;
  Workbench& wb_;
  std::string token_;
  std::vector<std::string> hosts_;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  ///< 0: the OS picks one
  int threads = 8;
};

/// A running server; stops when destroyed.
class Server {
 public:
  ~Server();
  /// The URL to open (with the token).
  const std::string& url() const { return url_; }
  int port() const { return port_; }
  static base::Result<std::unique_ptr<Server>> start(Workbench& wb, ServerOptions o);

 private:
  Server() = default;
  ::mg_context* ctx_ = nullptr;
  bool initialised_ = false;
  std::unique_ptr<Handler> handler_;
  std::string url_;
  int port_ = 0;
};

}  // namespace tw::serve
