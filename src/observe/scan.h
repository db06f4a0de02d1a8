#pragma once
// Finds infrastructure files under folders, tells their kind by content, and reads them all
// into one observed system.

#include <cstdint>
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

/// Reads every file under `paths` (files or folders; hidden folders other than .github are
/// skipped), then calls finish(). Unreadable files become problems, never errors.
ObservedSystem scan(const std::vector<std::string>& paths, const ScanLimits& limits = {});

}  // namespace tw::observe
