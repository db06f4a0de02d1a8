// libFuzzer target: any bytes as a model file must load to a result or diagnostics, never
// crash, hang or grow without bound; rendering the diagnostics must work too. Each input is
// loaded twice, with libyaml on this thread and on its own (the pipeline large files use),
// and both must report exactly the same.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/diagnostic.h"
#include "load/loader.h"
#include "load/yaml_node.h"

namespace {

std::string load(const std::string& text, bool pipelined) {
  tw::load::set_pipeline_threshold(pipelined ? 0 : SIZE_MAX);
  tw::load::LoadOptions options;
  options.limits.max_nodes = 200000;
  auto result = tw::load::load_model_text("fuzz.yaml", text, options);
  std::string rendered = tw::base::render_text(result.diagnostics, true);
  std::string json = tw::base::render_json(result.diagnostics);
  if (result.ok() && !result.diagnostics.items().empty() && rendered.empty()) __builtin_trap();
  if (json.empty()) __builtin_trap();
  return rendered + "\n" + std::to_string(result.ok()) + " " +
         std::to_string(result.model->components.size()) + " " +
         std::to_string(result.model->flows.size());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("THREATWRIGHT_THREADS", "2", 1);  // the pipeline needs a second thread
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (load(text, false) != load(text, true)) __builtin_trap();
  return 0;
}
