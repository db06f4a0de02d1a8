#include "mcp/jsonrpc.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace tw::mcp {
namespace {

// A reader over a string that hands out at most `chunk` bytes per call, like a pipe.
LineReader::ReadFn from(const std::string& data, size_t chunk = 7) {
  auto pos = std::make_shared<size_t>(0);
  return [data, pos, chunk](char* buf, size_t n) -> long {
    size_t left = data.size() - *pos;
    size_t k = std::min({n, left, chunk});
    std::memcpy(buf, data.data() + *pos, k);
    *pos += k;
    return static_cast<long>(k);
  };
}

std::vector<std::string> lines(LineReader& r) {
  std::vector<std::string> out;
  std::string line;
  for (;;) {
    auto s = r.next(line);
    if (s == LineReader::Status::End) return out;
    out.push_back(s == LineReader::Status::TooLong ? "<too long>" : line);
  }
}

TEST(LineReader, SplitsOnNewlinesAndDropsCarriageReturns) {
  LineReader r(from("{\"a\":1}\n{\"b\":2}\r\n\n   \n{\"c\":3}"), 100);
  EXPECT_EQ(lines(r), (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"}));
}

TEST(LineReader, SkipsOverlongLinesWithoutKeepingThem) {
  std::string big(5000, 'x');
  LineReader r(from("short\n" + big + "\nafter\n" + big, 64), 100);
  EXPECT_EQ(lines(r), (std::vector<std::string>{"short", "<too long>", "after", "<too long>"}));
}

TEST(LineReader, ALineOfExactlyTheLimitIsKept) {
  std::string exact(100, 'y');
  LineReader r(from(exact + "\r\n" + exact + "y\n"), 100);
  EXPECT_EQ(lines(r), (std::vector<std::string>{exact, "<too long>"}));
}

TEST(LineReader, EndsOnReadError) {
  LineReader r([](char*, size_t) -> long { return -1; }, 10);
  std::string line;
  EXPECT_EQ(r.next(line), LineReader::Status::End);
}

TEST(Messages, ErrorsAndResultsHaveTheJsonRpcShape) {
  EXPECT_EQ(to_line(make_result(7, Json::object())), R"({"id":7,"jsonrpc":"2.0","result":{}})");
  EXPECT_EQ(to_line(make_error(nullptr, kParseError, "bad")),
            R"({"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(to_line(Json{{"t", "a\nb"}}), "{\"t\":\"a\\nb\"}");
  EXPECT_EQ(to_line(Json{{"t", "\xff"}}), "{\"t\":\"\xEF\xBF\xBD\"}");
}

}  // namespace
}  // namespace tw::mcp
