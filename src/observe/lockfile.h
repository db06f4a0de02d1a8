#pragma once
// What the lockfile readers share (package-lock.json, requirements.txt, go.sum, Cargo.lock,
// poetry.lock): a bounded reader for the TOML subset that Cargo.lock and poetry.lock use, and
// the bookkeeping of one lockfile's packages.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "observe/reader.h"

namespace tw::observe {

/// One `key = value` of a TOML table. Strings are unquoted (basic escapes resolved); arrays
/// and inline tables are kept as their raw text.
struct TomlValue {
  std::string key, text;
  bool is_string = false;
  uint32_t line = 0, col = 0;  ///< of the value
};

/// A `[name]` or `[[name]]` table (the keys before any header: name "").
struct TomlTable {
  std::string name;
  bool array = false;  ///< `[[name]]`
  uint32_t line = 0, col = 0;
  std::vector<TomlValue> values;
  const TomlValue* get(std::string_view key) const;
};

struct TomlDoc {
  std::vector<TomlTable> tables;
  std::string error;  ///< empty when the whole text was read
  uint32_t error_line = 0, error_col = 0;
};

/// Reads the subset of TOML that lockfiles use: comments, `[table]`, `[[array-of-tables]]`,
/// `key = value` with bare or quoted keys, basic and literal strings, numbers, booleans, and
/// arrays or inline tables (possibly over several lines) kept raw. Stops at the first error or
/// after `max_tables` tables.
TomlDoc parse_toml_lite(std::string_view text, size_t max_tables = 500000);

/// The strings of a raw TOML array or inline table's text, in order (`["a", "b"]` -> a, b).
std::vector<std::string> toml_strings(std::string_view raw);

/// Packages kept per lockfile; more are counted in Lockfile::dropped and reported.
inline constexpr size_t kMaxPackages = 100000;

/// Adds `d` (kind "package", the lockfile's ecosystem) to the observed system and counts it in
/// `lock` (beyond kMaxPackages, only counts it as dropped).
void add_package(const ReadContext& ctx, Lockfile& lock, Dependency d);

/// Records the lockfile: its folder, and its summary in `ctx.out->lockfiles`.
void add_lockfile(const ReadContext& ctx, Lockfile lock);

}  // namespace tw::observe
