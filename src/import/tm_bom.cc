#include "import/formats.h"

namespace tw::import {

void import_tm_bom(Context& cx, const Node* root, const Options& o, ModelOut& m) {
  cx.invalid(root, "not implemented yet");
}

}  // namespace tw::import
