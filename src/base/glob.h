#pragma once
// Shell-style globs over relative paths: `*` and `?` within one segment, `**` across
// segments, `[abc]` / `[a-z]` / `[!x]` classes.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace tw::base {

/// True when `path` (with '/' separators) matches `pattern` as a whole, in time proportional
/// to the pattern's length times the path's, never exponential.
bool glob_match(std::string_view pattern, std::string_view path);

/// glob_match, also counting in `*steps` the matcher's state visits: at most a small constant
/// times (pattern length + 1) x (path length + 1). Tests check that bound instead of a time.
bool glob_match_counted(std::string_view pattern, std::string_view path, size_t* steps);

/// True when `pattern` holds a wildcard character.
bool has_glob(std::string_view pattern);

/// Directory entries all the globs of one model may visit together (review B3).
constexpr size_t kMaxGlobEntriesPerModel = 200000;

/// Files matching `pattern`, relative to directory `dir`, as paths joined to `dir`, sorted.
/// Visits at most `max_entries` directory entries, and at most `*total_left` (decremented)
/// when given: the budget shared by all globs of one model (an Error past either). Matching
/// is linear in the path length for a given pattern. Directory links are not followed.
Result<std::vector<std::string>> expand_glob(const std::string& dir,
                                             const std::string& pattern,
                                             size_t max_entries = 200000,
                                             size_t* total_left = nullptr);

}  // namespace tw::base
