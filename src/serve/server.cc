#include "serve/server.h"

#include <civetweb.h>
#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "serve/assets.h"

namespace tw::serve {

namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

/// Compares without stopping at the first difference (the token).
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

/// The value of `key` in a query string (no decoding: the values asked for are hex or
/// revision names).
std::string query_value(const std::string& query, const std::string& key) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(start, end - start);
    if (part.rfind(key + "=", 0) == 0) return part.substr(key.size() + 1);
    start = end + 1;
  }
  return "";
}

Response reply(int status, std::string type, std::string body) {
  Response r;
  r.status = status;
  r.type = std::move(type);
  r.body = std::move(body);
  return r;
}

Response text_error(int status, const std::string& message) {
  return reply(status, "text/plain; charset=utf-8", message + "\n");
}

Response from(const Reply& r) { return reply(r.status, r.type, r.body); }

const char* type_of(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

base::Result<std::string> random_token() {
  unsigned char buf[32];
  size_t got = 0;
  while (got < sizeof buf) {
    ssize_t n = ::getrandom(buf + got, sizeof buf - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return base::Error{std::string("cannot read random bytes: ") + std::strerror(errno)};
    }
    got += static_cast<size_t>(n);
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : buf) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8, dotted quad
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

Handler::Handler(Workbench& wb, std::string token, std::vector<std::string> hosts)
    : wb_(wb), token_(std::move(token)), hosts_(std::move(hosts)) {}

Response Handler::handle(const Request& r) const { return secured(route(r)); }

Response Handler::secured(Response out) {
  out.headers = {{"Content-Security-Policy", kCsp},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"},
                 {"Cache-Control", "no-store"},
                 {"X-Frame-Options", "DENY"},
                 {"Cross-Origin-Opener-Policy", "same-origin"},
                 {"Cross-Origin-Resource-Policy", "same-origin"}};
  return out;
}

Response Handler::route(const Request& r) const {
  // DNS rebinding: a page of another site that got its name to resolve to 127.0.0.1 sends
  // its own name as Host.
  std::string host = lower(r.header("host"));
  if (std::find(hosts_.begin(), hosts_.end(), host) == hosts_.end()) {
    return text_error(421, "unexpected Host header");
  }
  // The page's own origin: the (checked) Host it was loaded from.
  const std::string origin = "http://" + host;
  if (r.method != "GET" && r.method != "POST") return text_error(405, "method not allowed");
  // A state-changing request must come from the page itself.
  if (r.method == "POST") {
    if (r.header("origin") != origin) return text_error(403, "cross-origin request refused");
    std::string type = lower(r.header("content-type"));
    if (type.rfind("application/json", 0) != 0) {
      return text_error(415, "a JSON body is expected");
    }
    if (r.body.size() > kMaxBody) return text_error(413, "request body too large");
  } else if (!r.header("origin").empty() && r.header("origin") != origin) {
    return text_error(403, "cross-origin request refused");
  }
  if (r.path == "/" || r.path == "/index.html") {
    if (r.method != "GET") return text_error(405, "method not allowed");
    if (!same_secret(query_value(r.query, "token"), token_)) {
      return text_error(403, "open the address threatwright serve printed (it carries a token)");
    }
    const Asset* a = find_asset("index.html");
    return reply(200, type_of("index.html"), a ? std::string(a->text()) : "");
  }
  if (r.path.rfind("/api/", 0) != 0) {
    // The page's script and style: no secret in them, so no token (a script tag cannot send
    // a header).
    std::string name = r.path.substr(1);
    if (r.method == "GET" && name != "index.html" && name.find('/') == std::string::npos) {
      if (const Asset* a = find_asset(name))
        return reply(200, type_of(name), std::string(a->text()));
    }
    return text_error(404, "not found");
  }
  if (!same_secret(r.header("x-threatwright-token"), token_)) {
    return text_error(403, "missing or wrong token");
  }
  if (r.method == "POST") {
    if (r.path == "/api/triage") return from(wb_.triage(r.body));
    return text_error(404, "not found");
  }
  if (r.path == "/api/model") return reply(200, "application/json", wb_.refresh()->model_json);
  if (r.path == "/api/check") return reply(200, "application/json", wb_.refresh()->check_json);
  if (r.path == "/api/diagram") {
    auto s = wb_.refresh();
    if (s->svg.empty()) return text_error(404, "no diagram");
    return reply(200, "image/svg+xml", s->svg);
  }
  if (r.path == "/api/events") {
    // Long poll: answers as soon as the version differs from `since`, or after long_poll_ms.
    uint64_t since = 0;
    std::string v = query_value(r.query, "since");
    for (char c : v) {
      if (c < '0' || c > '9' || since > 1000000000000ull) {
        return text_error(400, "since: not a version");
      }
      since = since * 10 + static_cast<uint64_t>(c - '0');
    }
    auto start = std::chrono::steady_clock::now();
    for (;;) {
      auto s = wb_.refresh();
      auto waited = std::chrono::steady_clock::now() - start;
      if (s->version != since || waited >= std::chrono::milliseconds(long_poll_ms)) {
        return reply(200, "application/json", "{\"version\":" + std::to_string(s->version) + "}");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(poll_interval_ms));
    }
  }
  if (r.path == "/api/diff") return from(wb_.diff(query_value(r.query, "rev")));
  return text_error(404, "not found");
}

namespace {

int on_request(struct mg_connection* conn, void* data) {
  const Handler* h = static_cast<const Handler*>(data);
  const struct mg_request_info* info = mg_get_request_info(conn);
  Request r;
  r.method = info->request_method ? info->request_method : "";
  r.path = info->local_uri ? info->local_uri : "";
  r.query = info->query_string ? info->query_string : "";
  for (int i = 0; i < info->num_headers; ++i) {
    r.headers[lower(info->http_headers[i].name)] = info->http_headers[i].value;
  }
  Response resp;
  if (info->content_length > static_cast<long long>(kMaxBody)) {
    resp = Handler::secured(text_error(413, "request body too large"));
  } else {
    char buf[8192];
    for (;;) {
      int n = mg_read(conn, buf, sizeof buf);
      if (n <= 0) break;
      r.body.append(buf, static_cast<size_t>(n));
      if (r.body.size() > kMaxBody) break;
    }
    // civetweb's worker threads have small stacks; loading and analysing a model (a
    // reload, a triage validation, a diff) runs on a thread with the default stack.
    std::thread work([&] { resp = h->handle(r); });
    work.join();
  }
  std::string head = "HTTP/1.1 " + std::to_string(resp.status) + " " +
                     mg_get_response_code_text(conn, resp.status) + "\r\n";
  head += "Content-Type: " + resp.type + "\r\n";
  head += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
  for (const auto& [k, v] : resp.headers) head += k + ": " + v + "\r\n";
  head += "\r\n";
  mg_write(conn, head.data(), head.size());
  if (r.method != "HEAD") mg_write(conn, resp.body.data(), resp.body.size());
  return resp.status;
}

}  // namespace

Server::~Server() {
  if (ctx_) mg_stop(ctx_);
  if (initialised_) mg_exit_library();
}

base::Result<std::unique_ptr<Server>> Server::start(Workbench& wb, ServerOptions o) {
  base::Result<std::string> token = random_token();
  if (!token) return token.error();
  std::unique_ptr<Server> s(new Server());
  if (o.host == "localhost") o.host = "127.0.0.1";  // civetweb listens on addresses, not names
  bool v6 = o.host.find(':') != std::string::npos;
  std::string bind = (v6 ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port);
  std::string threads = std::to_string(o.threads);
  std::vector<const char*> opts = {"listening_ports",
                                   bind.c_str(),
                                   "num_threads",
                                   threads.c_str(),
                                   "request_timeout_ms",
                                   "30000",
                                   "enable_directory_listing",
                                   "no"};
  std::string acl;
  if (is_loopback(o.host) && !v6) {
    acl = "-0.0.0.0/0,+127.0.0.0/8";
    opts.push_back("access_control_list");
    opts.push_back(acl.c_str());
  }
  opts.push_back(nullptr);
  struct mg_callbacks cb;
  std::memset(&cb, 0, sizeof cb);
  mg_init_library(0);
  s->initialised_ = true;
  s->ctx_ = mg_start(&cb, nullptr, opts.data());
  if (!s->ctx_) return base::Error{"cannot listen on " + bind};
  struct mg_server_port ports[4];
  int n = mg_get_server_ports(s->ctx_, 4, ports);
  if (n < 1) return base::Error{"cannot find the port listened on"};
  s->port_ = ports[0].port;
  std::string p = std::to_string(s->port_);
  std::string shown = v6 ? "[" + o.host + "]" : o.host;
  std::vector<std::string> hosts = {lower(shown) + ":" + p};
  if (is_loopback(o.host)) {
    hosts.push_back("localhost:" + p);
    hosts.push_back("127.0.0.1:" + p);
  }
  s->handler_ = std::make_unique<Handler>(wb, token.value(), hosts);
  mg_set_request_handler(s->ctx_, "/", on_request, s->handler_.get());
  s->url_ = "http://" + hosts[0] + "/?token=" + token.value();
  return s;
}

}  // namespace tw::serve
