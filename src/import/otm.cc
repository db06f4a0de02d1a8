#include "import/formats.h"

namespace tw::import {

void import_otm(Context& cx, const Node* root, const Options& o, ModelOut& m) {
  cx.invalid(root, "not implemented yet");
}

}  // namespace tw::import
