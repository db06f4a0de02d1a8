#pragma once
// Finds infrastructure files under folders, tells their kind by content, and reads them all
// into one observed system.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "observe/observed.h"

namespace tw::observe {

struct ScanLimits {
  uint64_t max_file_bytes = 32ull << 20;  ///< larger files are skipped with a problem
  uint64_t max_total_bytes = 512ull << 20;
  uint32_t max_files = 20'000;
};

/// Reads one file's text (already loaded) into `out`, choosing the reader by content. Returns
/// the reader's name, or "" when the file is not an infrastructure file this knows.
std::string read_text(const std::string& file,
                      std::string_view text,
                      ObservedSystem& out,
                      const std::string& system = "");

/// Proposed contents that replace what the disk holds, by path as scan() names files (a scanned
/// folder joined with the path below it, lexically normal): a string is the new text (a file
/// that does not exist yet is added when it lies under a scanned folder), nullopt a deletion.
using Replacements = std::map<std::string, std::optional<std::string>>;

/// Reads every file under `paths` (files or folders; hidden folders other than .github are
/// skipped), then calls finish(). Unreadable files become problems, never errors. With
/// `replace`, the system as it would be after that change (docs/drift.md, "Changes").
ObservedSystem scan(const std::vector<std::string>& paths,
                    const ScanLimits& limits = {},
                    const Replacements* replace = nullptr);

/// A file already in memory: a revision's file, or a proposed content.
struct TextFile {
  std::string path;  ///< named as scan() would name it
  std::string text;
};
/// Reads files held in memory as scan() reads the disk (the same readers, the same limits on
/// count and size, only paths scan() would read), then calls finish().
ObservedSystem read_files(const std::vector<TextFile>& files, const ScanLimits& limits = {});

/// Whether scan() reads a file at `relative` (a path below a scanned folder): the extension is
/// one a reader knows (.tf, .yaml, .yml, .json, .template) and no folder on the way is hidden
/// (other than .github) or node_modules.
bool scanned_path(std::string_view relative);

}  // namespace tw::observe
