#include "mcp/jsonrpc.h"

#include <utility>

namespace tw::mcp {

LineReader::LineReader(ReadFn read, size_t max_line) : in_(std::move(read)), max_(max_line) {}

LineReader::Status LineReader::next(std::string& line) {
  line.clear();
  bool skipping = false;  // inside a line already known to be too long
  for (;;) {
    size_t nl = in_.buf.find('\n', in_.pos);
    size_t end = nl == std::string::npos ? in_.buf.size() : nl;
    if (skipping) {
      if (nl != std::string::npos) {
        in_.pos = nl + 1;
        return Status::TooLong;
      }
      in_.pos = in_.buf.size();             // discard everything seen so far
    } else if (end - in_.pos > max_ + 1) {  // +1: a "\r" before the newline is not counted
      skipping = true;
      continue;
    } else if (nl != std::string::npos) {
      line.assign(in_.buf, in_.pos, end - in_.pos);
      in_.pos = nl + 1;
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
    if (!in_.fill()) {
      if (skipping) return Status::TooLong;
      // A last message without its newline still counts.
      if (in_.pos < in_.buf.size()) {
        line.assign(in_.buf, in_.pos, in_.buf.size() - in_.pos);
        in_.pos = in_.buf.size();
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
