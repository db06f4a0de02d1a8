#pragma once
// Importing foreign threat models and SBOMs: the bytes of a file written by another tool in,
// a threatwright model (YAML text) and diagnostics out. Every loss and every inference is a
// diagnostic at the source's line and column. Nothing here fetches, prints or exits.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "import/yaml_out.h"
#include "load/loader.h"

namespace tw::import {

struct ModelOut;

enum class Format { CycloneDx, ThreatDragon, Otm, Threagile, ThreatComposer, TmBom, Threatcl };

/// "cyclonedx", "threat-dragon", "otm", "threagile", "threat-composer", "tm-bom", "threatcl".
std::optional<Format> parse_format(std::string_view name);
const std::vector<std::string_view>& format_names();
std::string_view format_name(Format f);

struct Options {
  load::Limits limits;
  /// Drop broken elements (dangling references, invalid types) with a warning instead of
  /// failing.
  bool skip_broken = false;
  /// cyclonedx: the component id that uses the supply chain (`used_by`).
  std::string used_by;
};

/// The outcome of one import.
struct Imported {
  /// The files read (the root first); diagnostics point into them.
  std::vector<std::unique_ptr<base::SourceFile>> sources;
  base::Diagnostics diagnostics;
  /// The model as YAML text; empty when the import failed (errors in `diagnostics`).
  std::string yaml;
  /// cyclonedx: the supply-chain entries alone, for `--merge`.
  Yaml supply_chain = Yaml::seq();
  /// cyclonedx: the application the SBOM describes; marks the entries it wrote
  /// (`x-cyclonedx-bom`) so that `--merge` replaces only those.
  std::string bom_key;
  /// The model as written, for `--update` (null for a TM-BOM file carrying a whole model).
  std::shared_ptr<const ModelOut> model;
  /// The tool's short name in `x-<tool>-` keys (`td`, `tc`, `otm`, ...).
  std::string xtool;
  /// The source's file name, as the model's header names it.
  std::string source_name;
  bool ok() const { return !diagnostics.has_errors() && !yaml.empty(); }
};

/// Imports the file at `path` (read within `options.limits`). Threagile `includes:` are read
/// from the file's folder tree only; nothing is ever fetched.
Imported import_file(Format format, const std::string& path, const Options& options);
/// Imports `text`, shown in diagnostics as `path`; files it includes are resolved next to
/// `path`.
Imported import_text(Format format,
                     const std::string& path,
                     std::string text,
                     const Options& options);

/// Loads `yaml` as a model (following no includes) and returns its errors: a written import
/// must load. Shown as `display_path`.
base::Diagnostics validate_model(const std::string& display_path, const std::string& yaml);

}  // namespace tw::import
