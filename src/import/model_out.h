#pragma once
// The sections of the model an importer writes, in the order a person reads them.

#include <map>
#include <string>

#include "base/source.h"
#include "import/yaml_out.h"

namespace tw::import {

struct ModelOut {
  Yaml system = Yaml::map();
  Yaml assets = Yaml::seq();
  Yaml adversaries = Yaml::seq();
  Yaml boundaries = Yaml::seq();
  Yaml components = Yaml::seq();
  Yaml flows = Yaml::seq();
  Yaml supply_chain = Yaml::seq();
  Yaml controls = Yaml::seq();
  Yaml threats = Yaml::seq();
  Yaml decisions = Yaml::seq();
  Yaml not_applicable = Yaml::seq();
  Yaml extensions = Yaml::map();  ///< top-level `x-` keys
  std::string bom_key;            ///< cyclonedx: see Imported::bom_key
  /// Where a boundary's parent was stated in the source (by boundary id), for diagnostics.
  std::map<std::string, base::Loc> parent_locs;

  /// The whole model: a header naming the source, then every non-empty section.
  std::string render(const std::string& tool, const std::string& source_name) const;
};

}  // namespace tw::import
