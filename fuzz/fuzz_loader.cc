// libFuzzer target: any bytes as a model file must load to a result or diagnostics, never
// crash, hang or grow without bound; rendering the diagnostics must work too.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostic.h"
#include "load/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tw::load::LoadOptions options;
  options.limits.max_nodes = 200000;
  auto result = tw::load::load_model_text(
      "fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size), options);
  std::string text = tw::base::render_text(result.diagnostics, true);
  std::string json = tw::base::render_json(result.diagnostics);
  if (result.ok() && !result.diagnostics.items().empty() && text.empty()) __builtin_trap();
  return json.empty() ? 1 : 0;
}
