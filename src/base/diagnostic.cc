#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

#include "base/text.h"

namespace tw::base {

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

Diagnostic& Diagnostics::error(std::string code, Loc loc, std::string message) {
  return add(Diagnostic{Severity::Error, std::move(code), std::move(message), loc, {}, {}});
}

Diagnostic& Diagnostics::warning(std::string code, Loc loc, std::string message) {
  return add(Diagnostic{Severity::Warning, std::move(code), std::move(message), loc, {}, {}});
}

Diagnostic& Diagnostics::add(Diagnostic d) {
  (d.severity == Severity::Error ? errors_ : warnings_)++;
  if (items_.size() >= limit_) {
    ++dropped_;
    overflow_ = std::move(d);  // callers may still attach notes; they are discarded
    return overflow_;
  }
  items_.push_back(std::move(d));
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  size_t kept_errors = 0;
  for (const Diagnostic& d : other.items_) {
    if (d.severity == Severity::Error) ++kept_errors;
    add(d);
  }
  // What `other` dropped is counted here too, without its text.
  errors_ += other.errors_ - kept_errors;
  warnings_ += other.warnings_ - (other.items_.size() - kept_errors);
  dropped_ += other.dropped_;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.path(), a.loc.line, a.loc.col, a.code) <
           std::tie(b.loc.path(), b.loc.line, b.loc.col, b.code);
  });
}

namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kMagenta = "\033[1;35m";
constexpr const char* kGreen = "\033[1;32m";
constexpr const char* kCyan = "\033[1;36m";
constexpr const char* kReset = "\033[0m";

std::string position(const Loc& loc) {
  if (!loc.file) return "threatwright";
  std::string out = loc.path();
  if (loc.line > 0) {
    out += ":" + std::to_string(loc.line);
    if (loc.col > 0) out += ":" + std::to_string(loc.col);
  }
  return out;
}

// Splits the start of a line into code points, at most `max` of them.
std::vector<std::string> code_points(std::string_view line, size_t max) {
  std::vector<std::string> out;
  for (size_t i = 0; i < line.size() && out.size() < max;) {
    size_t n = 1;
    unsigned char c = line[i];
    if (c >= 0xC0) {
      while (i + n < line.size() && n < 4 &&
             (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) {
        ++n;
      }
    }
    out.push_back(printable(line.substr(i, n)));
    i += n;
  }
  return out;
}

// The quoted source line and the caret line under it, both ending in '\n'.
std::string excerpt(const Loc& loc, bool color) {
  if (!loc.valid()) return {};
  std::string_view line = loc.file->line_text(loc.line);
  if (line.empty() && loc.col <= 1) return {};
  size_t col = loc.col ? loc.col - 1 : 0;
  size_t width = std::max<uint32_t>(loc.len, 1);
  constexpr size_t kWindow = 120;
  auto cps = code_points(line, col + kWindow);
  size_t start = col > 80 ? col - 40 : 0;
  size_t end = std::min(cps.size(), start + kWindow);
  std::string src = start > 0 ? "..." : "";
  std::string caret = start > 0 ? "   " : "";
  for (size_t i = start; i < end; ++i) src += cps[i];
  if (end < cps.size() || line.size() > end * 4) src += "...";
  for (size_t i = start; i < col && i < cps.size(); ++i) caret += cps[i] == "\t" ? "\t" : " ";
  if (col > cps.size()) caret.append(col - cps.size(), ' ');
  std::string mark = "^" + std::string(std::min<size_t>(width, kWindow) - 1, '~');
  std::string out = "    " + src + "\n    " + caret;
  out += color ? std::string(kGreen) + mark + kReset : mark;
  return out + "\n";
}

}  // namespace

std::string render_text(const Diagnostic& d, bool color) {
  std::string out;
  const char* sev_color = d.severity == Severity::Error ? kRed : kMagenta;
  if (color) out += kBold;
  out += position(d.loc) + ": ";
  if (color) out += std::string(kReset) + sev_color;
  out += severity_name(d.severity);
  out += ":";
  if (color) out += std::string(kReset) + kBold;
  out += " " + printable(d.message);
  if (!d.code.empty()) out += " [" + d.code + "]";
  if (color) out += kReset;
  out += "\n";
  out += excerpt(d.loc, color);
  for (const Note& n : d.notes) {
    if (n.loc.valid()) out += position(n.loc) + ": ";
    out += color ? std::string(kCyan) + "note:" + kReset : "note:";
    out += " " + printable(n.message) + "\n";
    out += excerpt(n.loc, color);
  }
  if (!d.hint.empty()) {
    out += color ? std::string(kCyan) + "hint:" + kReset : "hint:";
    out += " " + printable(d.hint) + "\n";
  }
  return out;
}

std::string render_text(const Diagnostics& ds, bool color) {
  std::string out;
  for (const Diagnostic& d : ds.items()) out += render_text(d, color);
  if (ds.dropped() > 0) {
    out += std::to_string(ds.dropped()) + " more diagnostics not shown (limit " +
           std::to_string(ds.items().size()) + "; raise it with --max-diagnostics)\n";
  }
  auto plural = [](size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (ds.error_count() || ds.warning_count()) {
    out += plural(ds.error_count(), "error") + ", " + plural(ds.warning_count(), "warning") + "\n";
  }
  return out;
}

std::string render_json(const Diagnostics& ds) {
  auto loc_fields = [](const Loc& loc) {
    std::string out = "\"file\":" + (loc.file ? json_quote(loc.path()) : std::string("null"));
    out += ",\"line\":" + std::to_string(loc.line) + ",\"col\":" + std::to_string(loc.col);
    return out;
  };
  std::string out = "{\"diagnostics\":[";
  bool first = true;
  for (const Diagnostic& d : ds.items()) {
    if (!first) out += ",";
    first = false;
    out += "\n  {\"severity\":\"" + std::string(severity_name(d.severity)) + "\",";
    out += "\"code\":" + json_quote(d.code) + ",\"message\":" + json_quote(d.message) + ",";
    out += loc_fields(d.loc) + ",\"hint\":" + json_quote(d.hint) + ",\"notes\":[";
    for (size_t i = 0; i < d.notes.size(); ++i) {
      if (i) out += ",";
      out +=
          "{\"message\":" + json_quote(d.notes[i].message) + "," + loc_fields(d.notes[i].loc) + "}";
    }
    out += "]}";
  }
  out += "\n],\"errors\":" + std::to_string(ds.error_count()) +
         ",\"warnings\":" + std::to_string(ds.warning_count()) +
         ",\"dropped\":" + std::to_string(ds.dropped()) + "}\n";
  return out;
}

}  // namespace tw::base
