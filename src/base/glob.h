#pragma once
// Shell-style globs over relative paths: `*` and `?` within one segment, `**` across
// segments, `[abc]` / `[a-z]` / `[!x]` classes.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace tw::base {

/// True when `path` (with '/' separators) matches `pattern` as a whole.
bool glob_match(std::string_view pattern, std::string_view path);

/// True when `pattern` holds a wildcard character.
bool has_glob(std::string_view pattern);

/// Files matching `pattern`, relative to directory `dir`, as paths joined to `dir`, sorted.
/// Visits at most `max_entries` directory entries (an Error past that).
Result<std::vector<std::string>> expand_glob(const std::string& dir,
                                             const std::string& pattern,
                                             size_t max_entries = 200000);

}  // namespace tw::base
