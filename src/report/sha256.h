#pragma once
// SHA-256, for the Content-Security-Policy hash of the HTML report's inline script.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tw::report {

std::array<uint8_t, 32> sha256(std::string_view data);
/// Standard base64 with padding.
std::string base64(const uint8_t* data, size_t size);

}  // namespace tw::report
