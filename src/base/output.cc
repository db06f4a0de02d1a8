#include "base/output.h"

#include <ostream>

namespace tw::base {

Output::Output(std::ostream& os) : os_(os), buf_(new char[kFlushAt * 2]), capacity_(kFlushAt * 2) {}

Output::~Output() { flush(); }

void Output::drain() {
  if (pos_ == 0) return;
  os_.write(buf_.get(), static_cast<std::streamsize>(pos_));
  written_ += pos_;
  pos_ = 0;
}

void Output::make_room(size_t n) {
  drain();
  if (capacity_ >= n + kSlack) return;
  // One claim larger than the buffer (a very long string): a buffer that holds it.
  capacity_ = n + kSlack;
  buf_.reset(new char[capacity_]);
}

void Output::flush() {
  drain();
  os_.flush();
}

}  // namespace tw::base
