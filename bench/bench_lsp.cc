// Google Benchmark: `threatwright lsp` answering an edit. One didChange (full text, as editors
// send with full sync) of a synthetic model is re-loaded, analysed and linted, and its
// diagnostics published, all before handle() returns: the time per iteration is the time from
// the edit to the diagnostics. Target (issue 16): under 100 ms for a 2,000-element model.
// Also hover and completion on the same model.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "lsp/position.h"
#include "lsp/server.h"
#include "synthetic.h"

namespace {

using tw::lsp::Json;

struct Session {
  std::string dir, path, uri, text;
  std::unique_ptr<tw::lsp::Server> server;
  size_t sent = 0, elements = 0;

  explicit Session(int components) {
    char tmpl[] = "/tmp/tw-bench-lsp-XXXXXX";
    dir = mkdtemp(tmpl);
    path = dir + "/model.yaml";
    text = tw::bench::synthetic_model(components);
    std::ofstream(path) << text;
    uri = tw::lsp::path_to_uri(path);
    server = std::make_unique<tw::lsp::Server>(
        tw::lsp::ServerOptions{}, [this](const Json&) { ++sent; }, nullptr);
    server->handle(Json{{"jsonrpc", "2.0"},
                        {"id", 1},
                        {"method", "initialize"},
                        {"params", Json{{"rootUri", tw::lsp::path_to_uri(dir)}}}});
    server->handle(
        Json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params",
              Json{{"textDocument",
                    Json{{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}}}});
    const auto* s = server->workspace()->snapshot_for(path);
    if (s) elements = s->load.model->ids.size();
  }
  ~Session() { std::filesystem::remove_all(dir); }
};

void BM_LspRecheckAfterEdit(benchmark::State& state) {
  Session s(static_cast<int>(state.range(0)));
  int version = 1;
  for (auto _ : state) {
    // An edit: a comment line that changes every time (the whole model is checked again).
    std::string edited = s.text + "# edit " + std::to_string(++version) + "\n";
    s.server->handle(
        Json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didChange"},
             {"params", Json{{"textDocument", Json{{"uri", s.uri}, {"version", version}}},
                             {"contentChanges", Json::array({Json{{"text", edited}}})}}}});
  }
  state.counters["elements"] = static_cast<double>(s.elements);
  state.counters["bytes"] = static_cast<double>(s.text.size());
}
BENCHMARK(BM_LspRecheckAfterEdit)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_LspHover(benchmark::State& state) {
  Session s(static_cast<int>(state.range(0)));
  // The first component's id: "  - id: <id>" on some line; hover at its id.
  size_t at = s.text.find("components:");
  size_t id = s.text.find("- id: ", at) + 6;
  uint32_t line = static_cast<uint32_t>(std::count(s.text.begin(), s.text.begin() + id, '\n'));
  uint32_t ch = static_cast<uint32_t>(id - s.text.rfind('\n', id) - 1);
  for (auto _ : state) benchmark::DoNotOptimize(s.server->hover(s.path, line, ch));
}
BENCHMARK(BM_LspHover)->Arg(2000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
