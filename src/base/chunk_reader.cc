#include "base/chunk_reader.h"

namespace tw::base {

bool ChunkReader::fill() {
  if (eof_) return false;
  if (pos > 0) {
    buf.erase(0, pos);
    pos = 0;
  }
  constexpr size_t kChunk = 64 * 1024;
  size_t old = buf.size();
  buf.resize(old + kChunk);
  long n = read_(buf.data() + old, kChunk);
  if (n <= 0) {
    buf.resize(old);
    eof_ = true;
    return false;
  }
  buf.resize(old + static_cast<size_t>(n));
  return true;
}

}  // namespace tw::base
