#pragma once
// The JSON Schema of the model format, generated from the loader's own tables (format.h), for
// editors: the YAML language server completes and checks a model file that names it with
// `# yaml-language-server: $schema=<url or path>` (docs/model-format.md, "Editor support").

#include <string>

namespace tw::load {

/// Which file the schema describes: the root model file (must hold `threatwright: 1`) or a file
/// it includes (any subset of the sections; `threatwright` optional).
enum class SchemaFor { Root, Include };

/// The schema as JSON text (JSON Schema draft-07, two-space indented, ending in a newline).
/// Deterministic: the same threatwright always writes the same bytes.
std::string json_schema(SchemaFor which);

}  // namespace tw::load
