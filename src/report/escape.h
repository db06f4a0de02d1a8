#pragma once
// Escaping user text for each output language. Every writer sends every user string through
// one of these; invalid UTF-8 becomes U+FFFD and control characters are dropped or replaced.

#include <string>
#include <string_view>

namespace tw::report {

/// Text for HTML/XML element content and double- or single-quoted attribute values.
std::string html_escape(std::string_view s);
/// Inside a DOT double-quoted string (escString: backslashes and quotes escaped).
std::string dot_quote(std::string_view s);
/// Inline Markdown text (CommonMark/GFM): punctuation that could start markup is escaped, line
/// breaks become spaces. `in_table` also escapes '|'.
std::string md_escape(std::string_view s, bool in_table);
/// A Markdown code span (backticks chosen so the content cannot close it).
std::string md_code(std::string_view s, bool in_table);
/// A quoted Mermaid label: `"..."` with quotes and markup as Mermaid entity codes.
std::string mermaid_quote(std::string_view s);
/// One CSV field per RFC 4180, quoted when needed. Fields that a spreadsheet would run as a
/// formula (starting with = + - @ tab or CR) get a leading apostrophe.
std::string csv_field(std::string_view s);
/// Valid UTF-8 with C0 controls (except tab and newline) and DEL removed.
std::string clean_utf8(std::string_view s);

}  // namespace tw::report
