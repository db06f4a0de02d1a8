#include "base/memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace tw::base {
namespace {

// The advice changes how pages are mapped, never what they hold (unlike, say, MADV_DONTNEED,
// which would zero them).
TEST(Memory, HugePageAdviceKeepsTheContents) {
  std::vector<uint32_t> v(3u << 20);  // 12 MiB: spans several 2 MiB pages
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<uint32_t>(i * 2654435761u);
  advise_huge_pages(v.data(), v.size() * sizeof(uint32_t));
  advise_huge_pages(v.data() + 1, 100);  // too small to hold a huge page: nothing to do
  for (size_t i = 0; i < v.size(); ++i) {
    ASSERT_EQ(v[i], static_cast<uint32_t>(i * 2654435761u)) << i;
  }
}

}  // namespace
}  // namespace tw::base
