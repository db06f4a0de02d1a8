#include "import/formats.h"

namespace tw::import {

void import_threat_composer(Context& cx, const Node* root, const Options& o, ModelOut& m) {
  cx.invalid(root, "not implemented yet");
}

}  // namespace tw::import
