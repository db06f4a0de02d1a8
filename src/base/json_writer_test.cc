#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "base/escape.h"

namespace tw::base {
namespace {

using nlohmann::ordered_json;

// The writer must give the bytes nlohmann::json gave before it (the goldens depend on it).
std::string reference(const ordered_json& j) {
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

std::string json_of(std::string_view s, JsonWriter::Strings mode = JsonWriter::Strings::AsIs) {
  std::ostringstream os;
  {
    Output out(os);
    JsonWriter w(out, mode);
    w.value(s);
  }
  return os.str();
}

TEST(JsonWriter, EscapesLikeNlohmann) {
  EXPECT_EQ(json_of("a\"b\\c\nd\te\rf\bg\fh"), R"("a\"b\\c\nd\te\rf\bg\fh")");
  EXPECT_EQ(json_of(std::string("nul\0esc\x1b del\x7f", 13)), "\"nul\\u0000esc\\u001b del\x7f\"");
  EXPECT_EQ(json_of("caf\xc3\xa9 \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
  // A bad lead byte is one U+FFFD; a sequence cut short is one U+FFFD and the byte that cut it
  // is read again.
  EXPECT_EQ(json_of("a\xff"
                    "b"),
            "\"a\xef\xbf\xbd"
            "b\"");
  EXPECT_EQ(json_of("\xe2\x82"
                    "A"),
            "\"\xef\xbf\xbd"
            "A\"");
  EXPECT_EQ(json_of("\xe0\x80"), "\"\xef\xbf\xbd\xef\xbf\xbd\"") << "overlong: two replacements";
  EXPECT_EQ(json_of("end\xf0\x9f\x98"), "\"end\xef\xbf\xbd\"");
}

TEST(JsonWriter, EveryByteAndRandomBytesAsNlohmann) {
  for (int b = 0; b < 256; ++b) {
    std::string s = "x";
    s += static_cast<char>(b);
    s += 'y';
    EXPECT_EQ(json_of(s), reference(ordered_json(s))) << "byte " << b;
  }
  for (int a = 0x80; a < 256; ++a) {
    for (int b = 0; b < 256; b += 3) {
      std::string s{static_cast<char>(a), static_cast<char>(b), '\x80', 'z'};
      ASSERT_EQ(json_of(s), reference(ordered_json(s))) << a << " " << b;
    }
  }
  // Random strings over the bytes that matter: ASCII, controls, continuation bytes, every kind
  // of lead byte.
  const unsigned char alphabet[] = {'a',  '"',  '\\', '\n', 0x01, 0x1f, 0x7f, 0x80, 0x8f,
                                    0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1,
                                    0xed, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff};
  std::mt19937 rng(16);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    size_t n = rng() % 12;
    for (size_t i = 0; i < n; ++i) s += static_cast<char>(alphabet[rng() % sizeof alphabet]);
    ASSERT_EQ(json_of(s), reference(ordered_json(s))) << ::testing::PrintToString(s);
    ordered_json clean(s);
    clean_json_strings(clean);
    ASSERT_EQ(json_of(s, JsonWriter::Strings::Clean), reference(clean))
        << ::testing::PrintToString(s);
  }
}

// A string whose escaped form is larger than the output buffer (every byte a \u00xx escape).
TEST(JsonWriter, StringLargerThanTheBuffer) {
  std::string s(200000, '\x01');
  s += "\xff end";
  EXPECT_EQ(json_of(s), reference(ordered_json(s)));
  EXPECT_EQ(json_of(s, JsonWriter::Strings::Clean), "\"\xef\xbf\xbd end\"");
}

TEST(JsonWriter, LayoutAsNlohmann) {
  ordered_json j;
  j["name"] = "x";
  j["n"] = -42;
  j["size"] = size_t{18446744073709551615u};
  j["yes"] = true;
  j["no"] = false;
  j["none"] = nullptr;
  j["empty_object"] = ordered_json::object();
  j["empty_array"] = ordered_json::array();
  j["list"] = ordered_json::array({1, "two", ordered_json::array(), ordered_json::object()});
  j["nested"]["deeper"]["list"] = ordered_json::array({ordered_json::array({3})});
  j["a\"key\n"] = 0;

  std::ostringstream os;
  {
    Output out(os);
    JsonWriter w(out);
    w.begin_object();
    w.field("name", "x");
    w.field("n", -42);
    w.field("size", size_t{18446744073709551615u});
    w.field("yes", true);
    w.field("no", false);
    w.field("none", nullptr);
    w.key("empty_object");
    w.begin_object();
    w.end_object();
    w.key("empty_array");
    w.begin_array();
    w.end_array();
    w.key("list");
    w.begin_array();
    w.value(1);
    w.value("two");
    w.begin_array();
    w.end_array();
    w.begin_object();
    w.end_object();
    w.end_array();
    w.key("nested");
    w.begin_object();
    w.key("deeper");
    w.begin_object();
    w.key("list");
    w.begin_array();
    w.begin_array();
    w.value(3);
    w.end_array();
    w.end_array();
    w.end_object();
    w.end_object();
    w.field("a\"key\n", 0);
    w.end_object();
  }
  EXPECT_EQ(os.str(), reference(j));
}

TEST(Output, BuffersAndFlushesEverything) {
  std::ostringstream os;
  std::string expected;
  {
    Output out(os);
    EXPECT_TRUE(out.empty());
    for (int i = 0; i < 100000; ++i) {
      out += "line ";
      out += static_cast<char>('a' + i % 26);
      out.append(2, '\n');
      expected += "line ";
      expected += static_cast<char>('a' + i % 26);
      expected += "\n\n";
    }
    EXPECT_FALSE(out.empty());
    EXPECT_LT(os.str().size(), expected.size()) << "the tail is still in the buffer";
    EXPECT_GT(os.str().size(), 0u) << "full buffers went out as they filled";
  }
  EXPECT_EQ(os.str(), expected);
}

}  // namespace
}  // namespace tw::base
