#include "import/formats.h"

namespace tw::import {

void import_threagile(
    Context& cx, const Node* root, const Options& o, const IncludeReader& include, ModelOut& m) {
  cx.invalid(root, "not implemented yet");
}

}  // namespace tw::import
