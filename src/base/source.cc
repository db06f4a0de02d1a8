#include "base/source.h"

#include <algorithm>
#include <cstring>

namespace tw::base {

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    const char* begin = text_.data();
    const char* end = begin + text_.size();
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p)));) {
      ++p;
      line_starts_.push_back(static_cast<uint32_t>(p - begin));
    }
  }
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  std::string_view out(text_.data() + start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

const std::string& Loc::path() const {
  static const std::string kNone;
  return file ? file->path() : kNone;
}

}  // namespace tw::base
