#pragma once
// Bounded file access and path containment.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "base/result.h"

namespace tw::base {

/// The one function that reads every input (models, includes, rule packs, evidence, change
/// fragments). It reads a whole file, failing (without reading further) once it exceeds
/// `max_bytes`, and only when the path names a regular file: a directory, FIFO, socket or
/// device is refused before a byte is read (the open never blocks: O_NONBLOCK, then fstat),
/// and so is a file of the kernel's /proc or /sys (they claim to be regular files).
/// With `within` (a canonical folder), the file must resolve inside it, symbolic links
/// followed; the message never names the target outside. See docs/security.md.
Result<std::string> read_file(const std::string& path,
                              uint64_t max_bytes,
                              const std::string& within = "");

/// The canonical folder of `path`'s own directory: the `within` for a file the user named
/// (a symbolic link there may not lead out of its folder).
std::string folder_of(const std::string& path);

/// How write_file treats what is already at the path.
enum class WriteMode {
  /// A path the user named (-o): like a shell redirection. A symbolic link, FIFO or device
  /// is written through in place (never replaced: `-o /dev/stdout` and `-o /dev/null`
  /// work); a regular file or a new one is written atomically.
  UserNamed,
  /// A file threatwright owns beside the model (the evidence file): only a regular file or
  /// nothing may be there; a symbolic link or any other kind is refused.
  Owned,
};

/// The one function that writes every output file. Regular files are written atomically: an
/// unpredictable temporary file created with O_EXCL in the target's folder, then renamed over
/// the target, so a reader sees the old content or the new, never a part.
Result<bool> write_file(const std::string& path,
                        const std::string& content,
                        WriteMode mode = WriteMode::UserNamed);

/// Writes what it is given to the stream; an Error stops the write (an atomic write then leaves
/// the target as it was).
using Producer = std::function<Result<bool>(std::ostream&)>;

/// write_file for a document written as it is produced (a report of hundreds of megabytes is
/// never held whole): the same treatment of what is at `path`, the same atomicity.
Result<bool> write_file(const std::string& path,
                        const Producer& produce,
                        WriteMode mode = WriteMode::UserNamed);

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
