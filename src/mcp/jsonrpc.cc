#include "mcp/jsonrpc.h"

#include <utility>

namespace tw::mcp {

LineReader::LineReader(ReadFn read, size_t max_line) : read_(std::move(read)), max_(max_line) {}

bool LineReader::fill() {
  if (eof_) return false;
  // Drop what was consumed, then read one chunk (a pipe returns what is available).
  buf_.erase(0, pos_);
  pos_ = 0;
  constexpr size_t kChunk = 64 * 1024;
  size_t old = buf_.size();
  buf_.resize(old + kChunk);
  long n = read_(buf_.data() + old, kChunk);
  if (n <= 0) {
    buf_.resize(old);
    eof_ = true;
    return false;
  }
  buf_.resize(old + static_cast<size_t>(n));
  return true;
}

LineReader::Status LineReader::next(std::string& line) {
  line.clear();
  bool skipping = false;  // inside a line already known to be too long
  for (;;) {
    size_t nl = buf_.find('\n', pos_);
    size_t end = nl == std::string::npos ? buf_.size() : nl;
    if (skipping) {
      if (nl != std::string::npos) {
        pos_ = nl + 1;
        return Status::TooLong;
      }
      pos_ = buf_.size();                // discard everything seen so far
    } else if (end - pos_ > max_ + 1) {  // +1: a "\r" before the newline is not counted
      skipping = true;
      continue;
    } else if (nl != std::string::npos) {
      line.assign(buf_, pos_, end - pos_);
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() > max_) {
        line.clear();
        return Status::TooLong;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) {
        line.clear();
        continue;  // blank lines are not messages
      }
      return Status::Line;
    }
    if (!fill()) {
      if (skipping) return Status::TooLong;
      // A last message without its newline still counts.
      if (pos_ < buf_.size()) {
        line.assign(buf_, pos_, buf_.size() - pos_);
        pos_ = buf_.size();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.size() > max_) {
          line.clear();
          return Status::TooLong;
        }
        if (line.find_first_not_of(" \t\r") != std::string::npos) return Status::Line;
        line.clear();
      }
      return Status::End;
    }
  }
}

Json make_result(const Json& id, Json result) {
  return Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

Json make_error(const Json& id, int code, std::string message, Json data) {
  Json err{{"code", code}, {"message", std::move(message)}};
  if (!data.is_null()) err["data"] = std::move(data);
  return Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(err)}};
}

std::string to_line(const Json& message) {
  // dump() escapes control characters, so the line never holds a raw newline.
  return message.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace tw::mcp
