#include "base/file.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace tw::base {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) { return std::strerror(e); }

const char* kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO (named pipe)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISLNK(m)) return "a symbolic link";
  return "not a regular file";
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<std::string> read_file(const std::string& path,
                              uint64_t max_bytes,
                              const std::string& within) {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of hanging; the
  // fstat below then refuses it before any read.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Error{path + ": cannot open: " + errno_text(errno)};
  FdCloser closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return Error{path + ": cannot read: " + errno_text(errno)};
  if (S_ISDIR(st.st_mode)) return Error{path + ": is a directory, expected a file"};
  if (!S_ISREG(st.st_mode)) {
    return Error{path + ": is " + kind_of(st.st_mode) +
                 ", not a regular file; threatwright reads inputs only from regular files"};
  }
  struct statfs sf;
  if (::fstatfs(fd, &sf) == 0 && (sf.f_type == PROC_SUPER_MAGIC || sf.f_type == SYSFS_MAGIC)) {
    return Error{path + ": is a file of the kernel's /proc or /sys, not a regular file; " +
                 "threatwright reads inputs only from regular files"};
  }
  if (!within.empty()) {
    // Where the open file really is (links followed by the kernel, not re-resolved).
    std::error_code ec;
    fs::path real = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
    if (ec) real = fs::canonical(path, ec);
    if (ec || !path_within(real.string(), within)) {
      return Error{path + ": leads outside its folder through a symbolic link; refused " +
                   "(an input must be a regular file inside the folder that names it)"};
    }
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return Error{path + ": file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
                 std::to_string(max_bytes) + " (raise it with --max-file-size)"};
  }
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  std::string out;
  out.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{path + ": read error: " + errno_text(errno)};
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > max_bytes) {
      return Error{path + ": file exceeds the limit of " + std::to_string(max_bytes) +
                   " bytes (raise it with --max-file-size)"};
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string folder_of(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::canonical(dir_name(path), ec);
  return ec ? std::string() : dir.string();
}

namespace {

Result<bool> write_all(int fd, const std::string& path, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{path + ": cannot write: " + errno_text(errno)};
    done += static_cast<size_t>(n);
  }
  return true;
}

// A std::ostream's buffer over a file descriptor: 64 KiB, handed to write(2) when full. The
// first failure is kept (and everything after it dropped) for the caller to report.
class FdBuf : public std::streambuf {
 public:
  FdBuf(int fd, const std::string& path) : fd_(fd), path_(path), buf_(size_t{64} << 10) {
    setp(buf_.data(), buf_.data() + buf_.size());
  }
  /// Hands what is buffered to the file; the first error, if any.
  Result<bool> finish() {
    drain();
    if (!error_.empty()) return Error{error_};
    return true;
  }

 protected:
  int_type overflow(int_type c) override {
    drain();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return error_.empty() ? traits_type::not_eof(c) : traits_type::eof();
  }
  int sync() override {
    drain();
    return error_.empty() ? 0 : -1;
  }

 private:
  void drain() {
    size_t n = static_cast<size_t>(pptr() - pbase());
    if (n && error_.empty()) {
      auto w = write_all(fd_, path_, pbase(), n);
      if (!w) error_ = w.error().message;
    }
    setp(buf_.data(), buf_.data() + buf_.size());
  }

  int fd_;
  const std::string& path_;
  std::vector<char> buf_;
  std::string error_;
};

// Runs `produce` on a stream over `fd`; its error, else the first write error.
Result<bool> fill(int fd, const std::string& path, const Producer& produce) {
  FdBuf buf(fd, path);
  std::ostream os(&buf);
  Result<bool> made = produce(os);
  Result<bool> written = buf.finish();
  if (!made) return made;
  return written;
}

// Writes through whatever the path names (a device, FIFO, or a symbolic link), as `>` does.
Result<bool> write_in_place(const std::string& path, const Producer& produce) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
  if (fd < 0) return Error{path + ": cannot write: " + errno_text(errno)};
  FdCloser closer{fd};
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) return Error{path + ": is a directory"};
  auto w = fill(fd, path, produce);
  if (!w) return w;
  closer.fd = -1;
  if (::close(fd) != 0) return Error{path + ": cannot write: " + errno_text(errno)};
  return true;
}

// A new file in `path`'s folder with an unpredictable name (mkstemp: O_CREAT|O_EXCL, 0600),
// filled, given the target's mode, then renamed over `path`. On any failure the temporary
// file is removed and the target is left as it was.
Result<bool> write_atomic(const std::string& path,
                          const Producer& produce,
                          const struct stat* old) {
  std::string dir = dir_name(path);
  std::string base =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::string tmpl = join_path(dir, "." + base + ".tw-XXXXXX");
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return Error{path + ": cannot write: " + errno_text(errno)};
  std::string tmp(name.data());
  FdCloser closer{fd};
  auto fail = [&](const std::string& why) -> Result<bool> {
    ::unlink(tmp.c_str());
    return Error{path + ": cannot write: " + why};
  };
  mode_t mode;
  if (old) {
    mode = old->st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd, mode) != 0) return fail(errno_text(errno));
  auto w = fill(fd, path, produce);
  if (!w) {
    ::unlink(tmp.c_str());
    return w;
  }
  closer.fd = -1;
  if (::close(fd) != 0) return fail(errno_text(errno));
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(errno_text(errno));
  return true;
}

}  // namespace

Result<bool> write_file(const std::string& path, const Producer& produce, WriteMode mode) {
  struct stat lst;
  if (::lstat(path.c_str(), &lst) != 0) {
    if (errno != ENOENT) return Error{path + ": cannot write: " + errno_text(errno)};
    return write_atomic(path, produce, nullptr);
  }
  if (S_ISREG(lst.st_mode)) return write_atomic(path, produce, &lst);
  if (S_ISDIR(lst.st_mode)) return Error{path + ": is a directory; name a file to write"};
  if (mode == WriteMode::Owned) {
    return Error{path + ": is " + kind_of(lst.st_mode) +
                 ", not a regular file; refusing to write through it (remove it first)"};
  }
  return write_in_place(path, produce);
}

Result<bool> write_file(const std::string& path, const std::string& content, WriteMode mode) {
  return write_file(
      path,
      [&](std::ostream& os) -> Result<bool> {
        os.write(content.data(), static_cast<std::streamsize>(content.size()));
        return true;
      },
      mode);
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
