#pragma once
// `import FORMAT FILE --update MODEL`: re-imports an updated foreign file over a model an
// earlier import wrote, keeping every id already given (matched through the kept foreign id,
// `x-<tool>-id`) and what a person changed in the model where the source did not change.
//
// Every import ends the model with an `x-import` block: one fingerprint per value it wrote.
// An update compares, value by value, the model (what a person left), the fingerprint (what
// the source said last time) and the new import (what the source says now): a value the
// person did not touch takes the source's; a value the source did not change keeps the
// person's; both changed: the source's, with a warning. Elements a person wrote are kept;
// elements the source no longer has are removed (or kept, `keep_removed`). The model is
// edited as text: elements nothing changed keep their bytes, comments included.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "import/model_out.h"
#include "import/yaml_out.h"
#include "load/loader.h"
#include "load/yaml_node.h"

namespace tw::import {

/// A value as written (`y`) and as read back (`n`) have the same fingerprint (8 hex digits).
std::string fingerprint(const Yaml& y);
std::string fingerprint(const load::Node* n);

/// The `x-import` block of model `m`, imported from `format` (`threat-dragon`, ...).
Yaml fingerprints(const ModelOut& m, std::string_view format);

/// A parsed value as a Yaml tree (comments are not in a parsed tree).
Yaml yaml_of(const load::Node* n);

/// An overlay over the disk: the file at `path` reads as `text` (to load an edited model
/// with its includes before it is written).
class OverlaySource : public load::DiskSource {
 public:
  OverlaySource(std::string path, const std::string& text) : path_(std::move(path)), text_(text) {}
  base::Result<std::string> read(const std::string& path,
                                 uint64_t max_bytes,
                                 const std::string& within) override {
    if (path == path_) return text_;
    return DiskSource::read(path, max_bytes, within);
  }

 private:
  std::string path_;
  const std::string& text_;
};

struct UpdateOptions {
  load::Limits limits;
  /// Keep elements the source no longer has (an earlier import wrote them) instead of
  /// removing them.
  bool keep_removed = false;
};

struct Updated {
  std::unique_ptr<base::SourceFile> source;  ///< the model as read; diagnostics point into it
  base::Diagnostics diagnostics;
  std::string text;  ///< the updated model; empty on error
  /// Elements as `section/id` (`components/web-app`, `system`).
  std::vector<std::string> added, updated, removed, kept_removed;
  int kept_edits = 0;  ///< values a person changed that the update kept
  int conflicts = 0;   ///< values both changed: the source's was taken
  bool ok() const { return !diagnostics.has_errors() && !text.empty(); }
};

/// Updates the model file `model_path` (text `model_text`) with `fresh`, a new import of
/// `format` whose kept foreign ids are under `x-<xtool>-id`. The result must load (with its
/// includes, read from disk) before it is returned.
Updated update_model(const std::string& model_path,
                     std::string model_text,
                     const ModelOut& fresh,
                     std::string_view format,
                     std::string_view xtool,
                     const UpdateOptions& options);

}  // namespace tw::import
