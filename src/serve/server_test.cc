#include "serve/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "serve/workbench.h"

namespace tw::serve {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A copy of the bundled example in a fresh folder.
class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tw-serve-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    fs::copy(fs::path(TW_SOURCE_DIR) / "examples/acme-shop", dir_, fs::copy_options::recursive);
    model_ = (dir_ / "model.yaml").string();
    WorkbenchOptions o;
    o.model_path = model_;
    o.no_evidence = true;
    o.cwd = dir_.string();
    wb_ = std::make_unique<Workbench>(o);
    h_ = std::make_unique<Handler>(*wb_, token_,
                                   std::vector<std::string>{"127.0.0.1:9", "localhost:9"});
  }
  void TearDown() override { fs::remove_all(dir_); }

  Request get(const std::string& path, bool token = true) {
    Request r;
    r.method = "GET";
    size_t q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) r.query = path.substr(q + 1);
    r.headers["host"] = "127.0.0.1:9";
    if (token) r.headers["x-threatwright-token"] = token_;
    return r;
  }
  Request post(const std::string& body) {
    Request r = get("/api/triage");
    r.method = "POST";
    r.headers["origin"] = "http://127.0.0.1:9";
    r.headers["content-type"] = "application/json";
    r.body = body;
    return r;
  }
  std::string hash() { return nlohmann::json::parse(h_->handle(get("/api/model")).body)["hash"]; }

  fs::path dir_;
  std::string model_;
  std::string token_ = std::string(64, 'a');
  std::unique_ptr<Workbench> wb_;
  std::unique_ptr<Handler> h_;
};

TEST_F(ServeTest, EveryReplyCarriesTheSecurityHeaders) {
  for (const Request& r : {get("/api/model"), get("/nope"), get("/api/model", false)}) {
    Response resp = h_->handle(r);
    std::map<std::string, std::string> hs(resp.headers.begin(), resp.headers.end());
    EXPECT_EQ(hs["Content-Security-Policy"],
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    EXPECT_EQ(hs["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(hs["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(hs.count("Access-Control-Allow-Origin"), 0u);
  }
}

TEST_F(ServeTest, HostMustBeTheBoundAddress) {
  Request r = get("/api/model");
  r.headers["host"] = "attacker.example:9";
  EXPECT_EQ(h_->handle(r).status, 421);
  r.headers["host"] = "127.0.0.1:10";
  EXPECT_EQ(h_->handle(r).status, 421);
  r.headers.erase("host");
  EXPECT_EQ(h_->handle(r).status, 421);
  r.headers["host"] = "LOCALHOST:9";
  EXPECT_EQ(h_->handle(r).status, 200);
}

TEST_F(ServeTest, TokenOnEveryApiCallAndOnThePage) {
  EXPECT_EQ(h_->handle(get("/api/model", false)).status, 403);
  Request wrong = get("/api/model", false);
  wrong.headers["x-threatwright-token"] = std::string(64, 'b');
  EXPECT_EQ(h_->handle(wrong).status, 403);
  EXPECT_EQ(h_->handle(get("/api/model")).status, 200);
  EXPECT_EQ(h_->handle(get("/", false)).status, 403);
  EXPECT_EQ(h_->handle(get("/?token=" + std::string(64, 'b'), false)).status, 403);
  Response page = h_->handle(get("/?token=" + token_, false));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script src=\"app.js\""), std::string::npos);
  // The script and style carry no secret and are served without the token.
  Response js = h_->handle(get("/app.js", false));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.type, "text/javascript; charset=utf-8");
  EXPECT_EQ(h_->handle(get("/../model.yaml", false)).status, 404);
  EXPECT_EQ(h_->handle(get("/model.yaml", false)).status, 404);
}

TEST_F(ServeTest, ModelCheckAndDiagramViews) {
  Response m = h_->handle(get("/api/model"));
  ASSERT_EQ(m.status, 200);
  nlohmann::json j = nlohmann::json::parse(m.body);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["hash"], Workbench::content_hash(slurp(model_)));
  EXPECT_FALSE(j["report"]["threats"].empty());
  nlohmann::json c = nlohmann::json::parse(h_->handle(get("/api/check")).body);
  EXPECT_TRUE(c.contains("report_card"));
  Response svg = h_->handle(get("/api/diagram"));
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.type, "image/svg+xml");
  EXPECT_NE(svg.body.find("#el-orders-api"), std::string::npos);
}

TEST_F(ServeTest, PostNeedsTheOriginAndJson) {
  std::string body = R"({"action":"link","base":")" + hash() +
                     R"(","threat":"account-lockout-dos@web","control":"waf"})";
  Request r = post(body);
  r.headers.erase("origin");
  EXPECT_EQ(h_->handle(r).status, 403);
  r.headers["origin"] = "http://evil.example";
  EXPECT_EQ(h_->handle(r).status, 403);
  r = post(body);
  r.headers["content-type"] = "text/plain";
  EXPECT_EQ(h_->handle(r).status, 415);
  r = post(std::string(kMaxBody + 1, ' '));
  EXPECT_EQ(h_->handle(r).status, 413);
  r = post(body);
  r.headers.erase("x-threatwright-token");
  EXPECT_EQ(h_->handle(r).status, 403);
  EXPECT_EQ(slurp(model_), slurp(fs::path(TW_SOURCE_DIR) / "examples/acme-shop/model.yaml"));
}

TEST_F(ServeTest, TriageWritesTheFileAndBumpsTheVersion) {
  std::string before = slurp(model_);
  Response resp = h_->handle(post(R"({"action":"link","base":")" + hash() +
                                  R"(","threat":"account-lockout-dos@web","control":"waf"})"));
  ASSERT_EQ(resp.status, 200) << resp.body;
  std::string want = before;
  std::string from = "mitigates: [missing-input-validation@orders-api]";
  want.replace(want.find(from), from.size(),
               "mitigates: [missing-input-validation@orders-api, account-lockout-dos@web]");
  EXPECT_EQ(slurp(model_), want);
  nlohmann::json j = nlohmann::json::parse(h_->handle(get("/api/model")).body);
  EXPECT_EQ(j["version"], 2);
  EXPECT_EQ(j["hash"], nlohmann::json::parse(resp.body)["hash"]);
}

TEST_F(ServeTest, StaleVersionIsRefused) {
  std::string old = hash();
  std::ofstream(model_, std::ios::app) << "# edited elsewhere\n";
  std::string after = slurp(model_);
  Response resp = h_->handle(post(R"({"action":"link","base":")" + old +
                                  R"(","threat":"account-lockout-dos@web","control":"waf"})"));
  EXPECT_EQ(resp.status, 409);
  EXPECT_EQ(slurp(model_), after);
}

TEST_F(ServeTest, AnEditThatWouldNotValidateIsNotWritten) {
  std::string before = slurp(model_);
  Response resp = h_->handle(post(R"({"action":"link","base":")" + hash() +
                                  R"(","threat":"no-such-rule@web","control":"waf"})"));
  EXPECT_EQ(resp.status, 422);
  nlohmann::json j = nlohmann::json::parse(resp.body);
  EXPECT_EQ(j["error"], "the edit would leave the model invalid");
  EXPECT_NE(j["detail"].get<std::string>().find("unknown-threat"), std::string::npos);
  EXPECT_EQ(slurp(model_), before);
  resp = h_->handle(post(R"({"action":"accept","base":")" + hash() +
                         R"(","threat":"runs-as-root@orders-api","owner":"o","rationale":"r",)"
                         R"("review_by":"2027-01-01"})"));
  EXPECT_EQ(resp.status, 422);
  EXPECT_EQ(nlohmann::json::parse(resp.body)["error"],
            "threat runs-as-root@orders-api already has a decision (line 211)");
  resp = h_->handle(post(R"({"action":"accept","base":"x"})"));
  EXPECT_EQ(resp.status, 400);
}

TEST_F(ServeTest, LiveUpdateAnswersWhenAnIncludedFileChanges) {
  h_->long_poll_ms = 3000;
  h_->poll_interval_ms = 20;
  EXPECT_EQ(h_->handle(get("/api/events?since=0")).body, "{\"version\":1}");
  std::ofstream(dir_ / "flows/storefront.yaml", std::ios::app) << "# touched\n";
  Response r = h_->handle(get("/api/events?since=1"));
  EXPECT_EQ(r.body, "{\"version\":2}");
  EXPECT_EQ(h_->handle(get("/api/events?since=x")).status, 400);
}

TEST_F(ServeTest, DiffTakesOnlyARevisionName) {
  EXPECT_EQ(h_->handle(get("/api/diff?rev=--output=x")).status, 400);
  EXPECT_EQ(h_->handle(get("/api/diff?rev=a%20b")).status, 400);
  EXPECT_EQ(h_->handle(get("/api/diff")).status, 400);
  // Not a git repository: refused with the reason, nothing run against another folder.
  Response r = h_->handle(get("/api/diff?rev=HEAD"));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(nlohmann::json::parse(r.body).contains("error"));
}

TEST(ServeToken, RandomHexOf32Bytes) {
  auto a = random_token(), b = random_token();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a.value(), b.value());
}

TEST(ServeLoopback, Names) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.1.2.3"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("127.0.0.1.evil.example"));
  EXPECT_FALSE(is_loopback("192.168.1.2"));
}

std::string http(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return "";
  }
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  ssize_t n;
  // Until the whole reply is in (the server may wait for the rest of a refused body).
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    size_t end = out.find("\r\n\r\n");
    size_t cl = out.find("Content-Length: ");
    if (end != std::string::npos && cl != std::string::npos && cl < end &&
        out.size() >= end + 4 + std::stoul(out.substr(cl + 16))) {
      break;
    }
  }
  close(fd);
  return out;
}

TEST_F(ServeTest, RealServerOnAnEphemeralPort) {
  ServerOptions o;
  auto s = Server::start(*wb_, o);
  ASSERT_TRUE(s.ok()) << s.error().message;
  int port = s.value()->port();
  ASSERT_GT(port, 0);
  const std::string& url = s.value()->url();
  EXPECT_EQ(url.rfind("http://127.0.0.1:" + std::to_string(port) + "/?token=", 0), 0u);
  std::string token = url.substr(url.find("token=") + 6);
  std::string host = "127.0.0.1:" + std::to_string(port);
  std::string ok =
      http(port, "GET /api/events?since=0 HTTP/1.1\r\nHost: " + host +
                     "\r\nX-Threatwright-Token: " + token + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(ok.rfind("HTTP/1.1 200", 0), 0u) << ok;
  EXPECT_NE(ok.find("{\"version\":1}"), std::string::npos);
  EXPECT_NE(ok.find("X-Content-Type-Options: nosniff"), std::string::npos);
  std::string rebound =
      http(port, "GET /api/model HTTP/1.1\r\nHost: evil.example:" + std::to_string(port) +
                     "\r\nX-Threatwright-Token: " + token + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(rebound.rfind("HTTP/1.1 421", 0), 0u) << rebound;
  std::string big = http(port, "POST /api/triage HTTP/1.1\r\nHost: " + host +
                                   "\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(big.rfind("HTTP/1.1 413", 0), 0u) << big;
}

}  // namespace
}  // namespace tw::serve
