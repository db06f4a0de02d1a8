#pragma once
// Bounded file access and path containment.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace tw::base {

/// Reads a whole file, failing (without reading further) once it exceeds `max_bytes`.
Result<std::string> read_file(const std::string& path, uint64_t max_bytes);

/// Writes a file atomically (temporary file, then rename).
Result<bool> write_file(const std::string& path, const std::string& content);

/// The canonical absolute path (symlinks resolved); an Error if it does not exist.
Result<std::string> canonical_path(const std::string& path);

/// True when `path` is `root` or lies below it (both canonical).
bool path_within(const std::string& path, const std::string& root);

/// The directory part of a path ("." when none).
std::string dir_name(const std::string& path);

/// `rel` joined to `dir` unless `rel` is absolute.
std::string join_path(const std::string& dir, const std::string& rel);

/// `path` relative to `base` when below it, else `path` unchanged.
std::string relative_to(const std::string& path, const std::string& base);

}  // namespace tw::base
