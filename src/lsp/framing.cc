#include "lsp/framing.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace tw::lsp {

MessageReader::MessageReader(ReadFn read, size_t max_body) : in_(std::move(read)), max_(max_body) {}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

MessageReader::Status MessageReader::next(std::string& body) {
  body.clear();
  error_.clear();
  // The header block: lines up to an empty line. "\r\n" is the standard separator; a bare
  // "\n" is accepted too.
  size_t end = std::string::npos, sep = 0;
  for (;;) {
    // Blank lines between messages are skipped.
    while (in_.pos < in_.buf.size() && (in_.buf[in_.pos] == '\r' || in_.buf[in_.pos] == '\n'))
      ++in_.pos;
    size_t a = in_.buf.find("\r\n\r\n", in_.pos);
    size_t b = in_.buf.find("\n\n", in_.pos);
    if (a != std::string::npos && (b == std::string::npos || a < b)) {
      end = a, sep = 4;
    } else if (b != std::string::npos) {
      end = b, sep = 2;
    }
    if (end != std::string::npos) break;
    if (in_.buf.size() - in_.pos > kMaxHeaderBytes) {
      // Not a header at all: drop everything buffered and resynchronise on the next block.
      error_ = "header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
      in_.pos = in_.buf.size();
      return Status::BadHeader;
    }
    if (!in_.fill()) return Status::End;
  }
  if (end - in_.pos > kMaxHeaderBytes) {
    error_ = "header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
    in_.pos = end + sep;
    return Status::BadHeader;
  }
  std::string_view header(in_.buf.data() + in_.pos, end - in_.pos);
  in_.pos = end + sep;
  bool have_length = false;
  unsigned long long length = 0;
  while (!header.empty()) {
    size_t nl = header.find('\n');
    std::string_view line = trim(header.substr(0, nl));
    header = nl == std::string_view::npos ? std::string_view{} : header.substr(nl + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (lower(trim(line.substr(0, colon))) != "content-length") continue;
    std::string_view v = trim(line.substr(colon + 1));
    if (v.empty() || v.size() > 19 ||
        !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      error_ = "Content-Length is not a number";
      return Status::BadHeader;
    }
    length = std::stoull(std::string(v));
    have_length = true;
  }
  if (!have_length) {
    error_ = "a message without a Content-Length header";
    return Status::BadHeader;
  }
  if (length > max_) {
    // Skip the body as it arrives, keeping none of it.
    unsigned long long left = length;
    for (;;) {
      size_t have = in_.buf.size() - in_.pos;
      size_t take = static_cast<size_t>(std::min<unsigned long long>(left, have));
      in_.pos += take;
      left -= take;
      if (left == 0) return Status::TooLarge;
      in_.buf.clear();
      in_.pos = 0;
      if (!in_.fill()) return Status::End;
    }
  }
  while (in_.buf.size() - in_.pos < length) {
    if (!in_.fill()) return Status::End;
  }
  body.assign(in_.buf, in_.pos, static_cast<size_t>(length));
  in_.pos += static_cast<size_t>(length);
  return Status::Message;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace tw::lsp
