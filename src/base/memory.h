#pragma once
// Hints to the operating system about large blocks of memory.

#include <cstddef>

namespace tw::base {

/// Asks for transparent huge pages on the whole 2 MiB pages inside [p, p + bytes): one page
/// fault then maps 2 MiB instead of 4 KiB, which matters for arrays of tens of megabytes
/// filled once. A no-op for small blocks, and where the system does not support it.
void advise_huge_pages(const void* p, size_t bytes);

}  // namespace tw::base
