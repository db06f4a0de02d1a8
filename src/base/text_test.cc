#include "base/text.h"

#include <gtest/gtest.h>

namespace tw::base {
namespace {

TEST(Text, EditDistance) {
  EXPECT_EQ(edit_distance("protocol", "protcol", 5), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(edit_distance("a", "abcdefgh", 2), 3u);  // early exit reports max + 1
  EXPECT_EQ(edit_distance("hihg", "high", 5), 1u);   // a transposition costs 1
}

TEST(Text, DidYouMean) {
  EXPECT_EQ(did_you_mean("protcol", {"port", "protocol", "encrypted"}), "protocol");
  EXPECT_EQ(did_you_mean("zzzzzz", {"port", "protocol"}), "");
  EXPECT_EQ(did_you_mean("porcess", {"process", "data-store"}), "process");
  EXPECT_EQ(did_you_mean("port", {"port"}), "");  // identical is not a suggestion
}

TEST(Text, JsonQuoteEscapesAndRepairs) {
  EXPECT_EQ(json_quote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(json_quote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(json_quote("\xff"), "\"\\ufffd\"");
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(valid_utf8("héllo"));
  EXPECT_FALSE(valid_utf8("\xc3"));
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(valid_utf8("\xc0\x80"));      // overlong
}

TEST(Text, Quoted) {
  EXPECT_EQ(squote("abc"), "'abc'");
  EXPECT_EQ(squote(std::string(100, 'x')).size(), 62u);
}

TEST(JsonDepth, CountsNestingOutsideStrings) {
  EXPECT_EQ(json_depth("{}", 64), 1);
  EXPECT_EQ(json_depth("{\"a\":[1,{\"b\":[]}]}", 64), 4);
  EXPECT_EQ(json_depth("{\"a\":\"[[[[\\\"[[\"}", 64), 1);
  EXPECT_EQ(json_depth(std::string(1000, '['), 64), 65);  // stops early past the limit
}

}  // namespace
}  // namespace tw::base
