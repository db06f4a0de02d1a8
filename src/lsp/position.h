#pragma once
// Positions and document addresses as LSP speaks them: 0-based lines and characters counted in
// UTF-16 code units, and `file://` URIs. The loader counts columns in code points (1-based),
// so every position crosses here. An invalid UTF-8 byte counts as one code point and one
// UTF-16 unit, as editors show it (one replacement character).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tw::lsp {

/// Line `line` (0-based) of `text` without its terminator; empty past the end.
std::string_view line_at(std::string_view text, uint32_t line);

/// The UTF-16 offset of code point `cp` (0-based) in `line` (clamped to the line's end).
uint32_t utf16_of_codepoint(std::string_view line, uint32_t cp);
/// The byte offset of UTF-16 offset `u16` in `line` (clamped; inside a surrogate pair: the
/// pair's start).
size_t byte_of_utf16(std::string_view line, uint32_t u16);
/// The UTF-16 offset of byte offset `byte` in `line`.
uint32_t utf16_of_byte(std::string_view line, size_t byte);

/// The file path of a `file://` URI (percent-decoded); nullopt for other schemes, a remote
/// host, a relative path or an encoded NUL.
std::optional<std::string> uri_to_path(std::string_view uri);
/// `file://` + the absolute path, percent-encoding what a URI may not hold as is.
std::string path_to_uri(std::string_view path);

}  // namespace tw::lsp
