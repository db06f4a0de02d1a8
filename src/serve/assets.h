#pragma once
// The page's files (src/serve/ui/), embedded in the binary at build time by
// cmake/embed.cmake into a generated assets.cc.

#include <cstddef>
#include <string_view>

namespace tw::serve {

struct Asset {
  const char* name;  ///< file name under ui/: "index.html", "app.js", ...
  const unsigned char* data;
  size_t size;
  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

/// The embedded asset named `name`, or nullptr.
const Asset* find_asset(std::string_view name);

}  // namespace tw::serve
