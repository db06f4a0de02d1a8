#include "base/file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace tw::base {

namespace fs = std::filesystem;

Result<std::string> read_file(const std::string& path, uint64_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Error{path + ": is a directory, expected a file"};
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error{path + ": cannot open: " + std::strerror(errno)};
  std::string out;
  if (fs::is_regular_file(path, ec)) {
    auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
      std::fclose(f);
      return Error{path + ": file is " + std::to_string(size) + " bytes, over the limit of " +
                   std::to_string(max_bytes) + " (raise it with --max-file-size)"};
    }
    if (!ec) out.reserve(size);
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out.size() + n > max_bytes) {
      std::fclose(f);
      return Error{path + ": file exceeds the limit of " + std::to_string(max_bytes) +
                   " bytes (raise it with --max-file-size)"};
    }
    out.append(buf, n);
  }
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Error{path + ": read error"};
  return out;
}

Result<bool> write_file(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error{path + ": cannot write: " + std::strerror(errno)};
    out << content;
    out.flush();
    if (!out) return Error{path + ": write failed"};
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error{path + ": cannot write: " + ec.message()};
  }
  return true;
}

Result<std::string> canonical_path(const std::string& path) {
  std::error_code ec;
  auto p = fs::canonical(path, ec);
  if (ec) return Error{path + ": " + ec.message()};
  return p.string();
}

bool path_within(const std::string& path, const std::string& root) {
  if (path == root) return true;
  if (root == "/") return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

std::string dir_name(const std::string& path) {
  auto pos = path.find_last_of('/');
  if (pos == std::string::npos) return ".";
  if (pos == 0) return "/";
  return path.substr(0, pos);
}

std::string join_path(const std::string& dir, const std::string& rel) {
  if (!rel.empty() && rel[0] == '/') return rel;
  if (dir.empty() || dir == ".") return rel;
  return dir.back() == '/' ? dir + rel : dir + "/" + rel;
}

std::string relative_to(const std::string& path, const std::string& base) {
  if (path_within(path, base) && path.size() > base.size()) {
    return path.substr(base == "/" ? 1 : base.size() + 1);
  }
  return path;
}

}  // namespace tw::base
