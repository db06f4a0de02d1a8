#pragma once
// `import cyclonedx --merge MODEL`: updates the supply_chain of an existing model file in
// place. Only entries an earlier import of the same SBOM wrote (marked `x-cyclonedx-bom`) are
// replaced or removed; everything a person wrote stays byte for byte, comments included. The
// text is edited line by line at positions libyaml reports, and the result must load before
// it is returned.

#include <memory>
#include <string>

#include "base/diagnostic.h"
#include "base/source.h"
#include "import/yaml_out.h"
#include "load/loader.h"

namespace tw::import {

struct Merged {
  std::unique_ptr<base::SourceFile> source;  ///< the model as read; diagnostics point into it
  base::Diagnostics diagnostics;
  std::string text;  ///< the updated model; empty on error
  int replaced = 0, added = 0, removed = 0, kept = 0;
  bool ok() const { return !diagnostics.has_errors() && !text.empty(); }
};

/// Merges `entries` (supply-chain entries of the SBOM `bom_key`) into the model file at
/// `model_path`, whose text is `model_text`. The result is checked by loading it (with its
/// includes, read from disk) before it is returned.
Merged merge_supply_chain(const std::string& model_path,
                          std::string model_text,
                          const Yaml& entries,
                          const std::string& bom_key,
                          const load::Limits& limits);

}  // namespace tw::import
