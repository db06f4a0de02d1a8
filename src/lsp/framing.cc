#include "lsp/framing.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace tw::lsp {

MessageReader::MessageReader(ReadFn read, size_t max_body)
    : read_(std::move(read)), max_(max_body) {}

bool MessageReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
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
    while (pos_ < buf_.size() && (buf_[pos_] == '\r' || buf_[pos_] == '\n')) ++pos_;
    size_t a = buf_.find("\r\n\r\n", pos_);
    size_t b = buf_.find("\n\n", pos_);
    if (a != std::string::npos && (b == std::string::npos || a < b)) {
      end = a, sep = 4;
    } else if (b != std::string::npos) {
      end = b, sep = 2;
    }
    if (end != std::string::npos) break;
    if (buf_.size() - pos_ > kMaxHeaderBytes) {
      // Not a header at all: drop everything buffered and resynchronise on the next block.
      error_ = "header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
      pos_ = buf_.size();
      return Status::BadHeader;
    }
    if (!fill()) return Status::End;
  }
  if (end - pos_ > kMaxHeaderBytes) {
    error_ = "header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
    pos_ = end + sep;
    return Status::BadHeader;
  }
  std::string_view header(buf_.data() + pos_, end - pos_);
  pos_ = end + sep;
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
      size_t have = buf_.size() - pos_;
      size_t take = static_cast<size_t>(std::min<unsigned long long>(left, have));
      pos_ += take;
      left -= take;
      if (left == 0) return Status::TooLarge;
      buf_.clear();
      pos_ = 0;
      if (!fill()) return Status::End;
    }
  }
  while (buf_.size() - pos_ < length) {
    if (!fill()) return Status::End;
  }
  body.assign(buf_, pos_, static_cast<size_t>(length));
  pos_ += static_cast<size_t>(length);
  return Status::Message;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace tw::lsp
