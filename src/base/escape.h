#pragma once
// Escaping model text for each language threatwright writes: one function per target language,
// used by every writer of that language (reports, diagrams, the diff's PR comment, MCP). Model
// files arrive in pull requests, so every string from them is hostile until escaped here.
//
//   terminal text       base::printable (text.h)     analyze, diff text, diagnostics, verify
//   JSON                base::json_quote (text.h), or nlohmann::json with clean_json_strings
//   HTML / XML / SVG    html_escape
//   Markdown (GFM)      md_escape, md_code           THREAT_MODEL.md, PR comments, SARIF help
//   Mermaid             mermaid_quote
//   DOT                 dot_quote (and html_escape inside HTML-like labels)
//   CSV                 csv_field
//   text for an agent   agent_quote                  MCP instructions and prompts
//
// Every function starts from clean_utf8: valid UTF-8 without control or invisible formatting
// characters. tests/hostile/strings.txt runs one corpus of hostile strings through every writer.

#include <string>
#include <string_view>

namespace tw::base {

/// Valid UTF-8 (invalid bytes become U+FFFD) without C0 controls other than tab and newline,
/// DEL, C1 controls (U+0080-U+009F), bidirectional embeddings, overrides and isolates
/// (U+202A-U+202E, U+2066-U+2069), Unicode tag characters (U+E0000-U+E007F) and the byte order
/// mark; line and paragraph separators (U+2028, U+2029) become newlines.
std::string clean_utf8(std::string_view s);

/// Text for HTML/XML element content and double- or single-quoted attribute values.
std::string html_escape(std::string_view s);

/// Inside a DOT double-quoted string (escString: backslashes and quotes escaped, newlines as
/// "\n").
std::string dot_quote(std::string_view s);

/// Where Markdown text goes.
struct MdContext {
  bool in_table = false;    ///< also escape '|'
  bool line_start = false;  ///< the text starts a line: guard block markers (#, -, 1., >, ...)
};

/// Inline GitHub-flavoured Markdown text, safe in a PR comment: every character that could
/// start markup is escaped (emphasis, links and images, code, raw HTML and autolinks, math,
/// strikethrough, table pipes in tables, block markers at a line start), line breaks become
/// spaces, and what GitHub links on its own is broken with a zero-width space (U+200B, written
/// as `&#8203;`): @mentions and team mentions, #123 / GH-123 / owner/repo#123 references and
/// bare URLs (`://`, `www.`). An '@' after a letter or digit is no mention and stays as it is,
/// so threat ids (`rule@element`) can be copied; e-mail addresses stay mailto: links.
std::string md_escape(std::string_view s, MdContext ctx = {});
/// The same for a table cell (kept for the many call sites that only know `in_table`).
inline std::string md_escape(std::string_view s, bool in_table) {
  return md_escape(s, MdContext{in_table, false});
}

/// Model text of one or more paragraphs (separated by blank lines) as Markdown paragraphs, each
/// escaped by md_escape as text that starts a line.
std::string md_paragraphs(std::string_view s);

/// A Markdown code span (backticks chosen so the content cannot close it); line breaks become
/// spaces. GitHub links nothing inside a code span.
std::string md_code(std::string_view s, bool in_table);

/// A quoted Mermaid label: `"..."` with quotes, markup and '%' (directives `%%{...}%%`,
/// comments `%%`) as Mermaid entity codes, braces too; line breaks become spaces.
std::string mermaid_quote(std::string_view s);

/// One CSV field per RFC 4180, quoted when needed. Fields that a spreadsheet would run as a
/// formula (starting with = + - @ tab or CR) get a leading apostrophe.
std::string csv_field(std::string_view s);

/// Every string of a JSON value (nlohmann::json or ordered_json) through clean_utf8: JSON
/// escapes control characters but carries C1, bidi and hidden characters as they are.
template <class Json>
void clean_json_strings(Json& j) {
  if (j.is_string()) {
    auto& s = j.template get_ref<std::string&>();
    s = clean_utf8(s);
  } else if (j.is_structured()) {
    for (auto& child : j) clean_json_strings(child);
  }
}

/// Model text quoted as data inside instructions or a prompt written for an AI agent: one
/// line (line breaks and tabs become spaces, runs of spaces one), at most `max_chars` code
/// points (then "..."), double quotes and backslashes escaped, the whole in double quotes.
/// The text around it must say that what is quoted is data from the model, not instructions.
std::string agent_quote(std::string_view s, size_t max_chars = 80);

}  // namespace tw::base
