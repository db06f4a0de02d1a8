// Google Benchmark: bare libyaml event parse vs threatwright's load + validate and
// load + analyze on synthetic models of growing size, and writing the analysis JSON (to a stream
// that discards it). End-to-end figures with peak memory: bench/run.sh and bench/output.sh.
#include <benchmark/benchmark.h>
#include <yaml.h>

#include <ostream>
#include <streambuf>
#include <string>

#include "engine/analysis.h"
#include "engine/json_output.h"
#include "load/loader.h"
#include "synthetic.h"

namespace {

const std::string& model_of(int n) {
  static std::string cache[4];
  static int sizes[4] = {0, 0, 0, 0};
  int slot = n <= 1000 ? 0 : n <= 5000 ? 1 : n <= 20000 ? 2 : 3;
  if (sizes[slot] != n) {
    cache[slot] = tw::bench::synthetic_model(n);
    sizes[slot] = n;
  }
  return cache[slot];
}

void BM_BareLibyamlEvents(benchmark::State& state) {
  const std::string& text = model_of(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    for (;;) {
      yaml_event_t e;
      if (!yaml_parser_parse(&p, &e)) break;
      bool done = e.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&e);
      if (done) break;
    }
    yaml_parser_delete(&p);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_LoadAndValidate(benchmark::State& state) {
  const std::string& text = model_of(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto r = tw::load::load_model_text("bench.yaml", text);
    benchmark::DoNotOptimize(r.model->flows.size());
    if (!r.ok()) state.SkipWithError("synthetic model does not load");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_LoadAndAnalyze(benchmark::State& state) {
  const std::string& text = model_of(static_cast<int>(state.range(0)));
  size_t threats = 0;
  for (auto _ : state) {
    tw::load::LoadOptions o;
    o.warnings = false;
    auto r = tw::load::load_model_text("bench.yaml", text, o);
    tw::engine::AnalyzeOptions opts;
    opts.today = tw::base::today();
    auto an = tw::engine::analyze(*r.model, opts);
    threats = an.threats.size();
    benchmark::DoNotOptimize(threats);
  }
  state.counters["threats"] = static_cast<double>(threats);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// The security review's B10: 200 dangling references among 300,000 ids, each given a
// "did you mean" (arg 1), against the same model with valid references (arg 0).
void BM_DanglingReferences(benchmark::State& state) {
  static const std::string broken = tw::bench::dangling_model(300000, 200, true);
  static const std::string valid = tw::bench::dangling_model(300000, 200, false);
  const std::string& text = state.range(0) ? broken : valid;
  size_t errors = 0;
  for (auto _ : state) {
    tw::load::LoadOptions o;
    o.warnings = false;
    auto r = tw::load::load_model_text("dangling.yaml", text, o);
    errors = r.diagnostics.error_count();
    benchmark::DoNotOptimize(errors);
  }
  state.counters["errors"] = static_cast<double>(errors);
}

/// A stream buffer that counts what it is given and keeps nothing.
class Discard : public std::streambuf {
 public:
  size_t bytes = 0;

 protected:
  int_type overflow(int_type c) override {
    ++bytes;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<size_t>(n);
    return n;
  }
};

void BM_AnalysisJson(benchmark::State& state) {
  const std::string& text = model_of(static_cast<int>(state.range(0)));
  tw::load::LoadOptions o;
  o.warnings = false;
  auto r = tw::load::load_model_text("bench.yaml", text, o);
  tw::engine::AnalyzeOptions opts;
  opts.today = tw::base::today();
  auto an = tw::engine::analyze(*r.model, opts);
  Discard sink;
  std::ostream out(&sink);
  for (auto _ : state) tw::engine::write_analysis_json(out, *r.model, an);
  state.counters["threats"] = static_cast<double>(an.threats.size());
  state.SetBytesProcessed(static_cast<int64_t>(sink.bytes));
}

}  // namespace

BENCHMARK(BM_DanglingReferences)->Arg(0)->Arg(1)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareLibyamlEvents)->Arg(1000)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadAndValidate)->Arg(1000)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadAndAnalyze)->Arg(1000)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnalysisJson)->Arg(1000)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
