// libFuzzer target for `import --update`: an existing model (a person may have edited it and
// its `x-import` block) merged with a new import of a foreign file must give an updated model
// or diagnostics, never crash, hang or grow without bound. An update that succeeds must load,
// and updating its result with the same import again must change nothing.
//
// Input: the model text, then a line `#--- FORMAT` (threat-dragon, otm, ...), then the foreign
// file's text. Without that line the input is skipped.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostic.h"
#include "import/import.h"
#include "import/update.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const std::string marker = "\n#--- ";
  size_t at = text.find(marker);
  if (at == std::string::npos) return 0;
  size_t eol = text.find('\n', at + marker.size());
  if (eol == std::string::npos) return 0;
  std::string model = text.substr(0, at + 1);
  std::string name = text.substr(at + marker.size(), eol - at - marker.size());
  std::string foreign = text.substr(eol + 1);
  auto format = tw::import::parse_format(name);
  if (!format) return 0;

  tw::import::Options options;
  options.limits.max_nodes = 200000;
  options.skip_broken = true;
  tw::import::Imported fresh = tw::import::import_text(*format, "fuzz.json", foreign, options);
  if (!fresh.ok() || !fresh.model) return 0;

  tw::import::UpdateOptions uo;
  uo.limits.max_nodes = 200000;
  // A folder that does not exist: includes the model names are never read.
  const std::string path = "/nonexistent-fuzz-dir/model.yaml";
  for (bool keep : {false, true}) {
    uo.keep_removed = keep;
    tw::import::Updated up =
        tw::import::update_model(path, model, *fresh.model, name, fresh.xtool, uo);
    if (tw::base::render_json(up.diagnostics).empty()) __builtin_trap();
    (void)tw::base::render_text(up.diagnostics, false);
    if (!up.ok()) continue;
    bool includes = up.text.find("include") != std::string::npos;
    if (!includes && tw::import::validate_model("out.yaml", up.text).has_errors()) {
      __builtin_trap();
    }
    tw::import::Updated again =
        tw::import::update_model(path, up.text, *fresh.model, name, fresh.xtool, uo);
    if (!again.ok() || again.text != up.text) __builtin_trap();
  }
  return 0;
}
