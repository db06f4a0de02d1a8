#include "base/output.h"

#include <ostream>

namespace tw::base {

Output::Output(std::ostream& os) : os_(os) { buf_.reserve(kFlushAt + 4096); }

Output::~Output() { flush(); }

void Output::drain() {
  if (buf_.empty()) return;
  os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  written_ += buf_.size();
  buf_.clear();
}

void Output::flush() {
  drain();
  os_.flush();
}

}  // namespace tw::base
