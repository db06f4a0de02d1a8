// The workbench's triage requests: a JSON body from the page -> a minimal edit of the model
// text. The input is a model text and a request body separated by a NUL byte (no NUL: the body
// alone, applied to a small fixed model). Neither may crash the parser or the editor, and an
// edit of a model that parses must parse too.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "load/layout.h"
#include "serve/triage.h"

namespace {

const char* kModel =
    "threatwright: 1\n"
    "controls:\n"
    "  - id: waf\n"
    "    mitigates: [a@b]\n"
    "  - id: lint\n"
    "    mitigates:\n"
    "      - c@d\n"
    "  - {id: pins}\n"
    "decisions:\n"
    "  - threat: a@b\n"
    "    status: accepted\n"
    "not_applicable: []\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nul = in.find('\0');
  std::string model = nul == std::string::npos ? kModel : in.substr(0, nul);
  std::string body = nul == std::string::npos ? in : in.substr(nul + 1);
  auto action = tw::serve::parse_triage(body);
  if (!action.ok()) return 0;
  auto edited = tw::serve::apply_triage(model, action.value());
  if (!edited.ok()) return 0;
  if (tw::load::scan_layout(model).ok() && !tw::load::scan_layout(edited.value()).ok()) {
    std::abort();  // the edit broke a model that parsed
  }
  return 0;
}
