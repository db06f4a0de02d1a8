#pragma once
// One function per foreign format (one file each), all called by import.cc.

#include <functional>
#include <string>

#include "import/context.h"
#include "import/import.h"
#include "import/model_out.h"

namespace tw::import {

/// Parses another file a source names (Threagile `includes:`), relative to the file naming it.
/// Returns nullptr after reporting why (missing, outside the model's folder, too large, ...).
using IncludeReader = std::function<const Node*(const std::string& rel, const Node* at)>;

void import_cyclonedx(Context& cx, const Node* root, const Options& o, ModelOut& m);
void import_threat_dragon(Context& cx, const Node* root, const Options& o, ModelOut& m);
void import_otm(Context& cx, const Node* root, const Options& o, ModelOut& m);
void import_threagile(
    Context& cx, const Node* root, const Options& o, const IncludeReader& include, ModelOut& m);
void import_threat_composer(Context& cx, const Node* root, const Options& o, ModelOut& m);
void import_tm_bom(Context& cx, const Node* root, const Options& o, ModelOut& m);
void import_threatcl(Context& cx, const Node* root, const Options& o, ModelOut& m);

}  // namespace tw::import
