#include "report/escape.h"

#include <gtest/gtest.h>

#include "report/sha256.h"

namespace tw::report {
namespace {

TEST(Escape, Html) {
  EXPECT_EQ(html_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escape("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &#39;c&#39;");
  EXPECT_EQ(html_escape(std::string("nul\0x\x1b", 6)), "nulx");
  EXPECT_EQ(html_escape("bad \xff utf8"), "bad \xef\xbf\xbd utf8");
}

TEST(Escape, Dot) { EXPECT_EQ(dot_quote("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

TEST(Escape, Markdown) {
  EXPECT_EQ(md_escape("a|b", true), "a\\|b");
  EXPECT_EQ(md_escape("a|b", false), "a|b");
  EXPECT_EQ(md_escape("<b>*x*</b>", false), "\\<b\\>\\*x\\*\\</b\\>");
  EXPECT_EQ(md_escape("[l](javascript:x)", false), "\\[l\\](javascript:x)");
  EXPECT_EQ(md_escape("R&D &amp; &#60;", false), "R&D \\&amp; \\&#60;");
  EXPECT_EQ(md_escape("two\nlines", false), "two lines");
  EXPECT_EQ(md_code("a`b", false), "``a`b``");
  EXPECT_EQ(md_code("`x", false), "`` `x ``");
  EXPECT_EQ(md_code("a|b", true), "`a\\|b`");
}

TEST(Escape, Mermaid) {
  EXPECT_EQ(mermaid_quote("a\"]) --> x[(\"b"), "\"a#quot;]) --#gt; x[(#quot;b\"");
  EXPECT_EQ(mermaid_quote("<script>#1"), "\"#lt;script#gt;#35;1\"");
}

TEST(Escape, CsvRfc4180) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(Escape, CsvFormulaInjection) {
  EXPECT_EQ(csv_field("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1"), "'-1");
  EXPECT_EQ(csv_field("@x"), "'@x");
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

std::string hex(const std::array<uint8_t, 32>& h) {
  std::string out;
  char buf[3];
  for (uint8_t b : h) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex(sha256(std::string(1000, 'a'))),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Base64, Padding) {
  auto b = [](std::string s) {
    return base64(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  EXPECT_EQ(b(""), "");
  EXPECT_EQ(b("f"), "Zg==");
  EXPECT_EQ(b("fo"), "Zm8=");
  EXPECT_EQ(b("foo"), "Zm9v");
  EXPECT_EQ(b("foobar"), "Zm9vYmFy");
}

}  // namespace
}  // namespace tw::report
