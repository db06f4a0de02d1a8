// libFuzzer target: any bytes, read as each foreign format, must import to a model or to
// diagnostics, never crash, hang or grow without bound; and a model an importer writes must
// load without errors (an importer that writes a broken model has a bug).

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostic.h"
#include "import/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tw::import::Options options;
  options.limits.max_nodes = 200000;
  for (bool skip : {false, true}) {
    options.skip_broken = skip;
    for (std::string_view name : tw::import::format_names()) {
      auto format = tw::import::parse_format(name);
      tw::import::Imported im = tw::import::import_text(*format, "fuzz.json", text, options);
      if (tw::base::render_json(im.diagnostics).empty()) __builtin_trap();
      (void)tw::base::render_text(im.diagnostics, false);
      if (im.ok() && tw::import::validate_model("out.yaml", im.yaml).has_errors()) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
