#include "base/date.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace tw::base {
namespace {

TEST(Date, ParsesStrictIso) {
  auto d = parse_date("2026-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->str(), "2026-02-28");
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_TRUE(parse_date("2028-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_FALSE(parse_date("tomorrow"));
}

TEST(Date, Arithmetic) {
  auto d = *parse_date("2026-12-30");
  EXPECT_EQ(d.plus_days(3).str(), "2027-01-02");
  EXPECT_EQ(parse_date("1970-01-01")->days(), 0);
  EXPECT_LT(*parse_date("2026-01-01"), *parse_date("2026-01-02"));
}

TEST(Date, TodayHonoursEnvironment) {
  setenv("THREATWRIGHT_TODAY", "2030-05-06", 1);
  EXPECT_EQ(today().str(), "2030-05-06");
  unsetenv("THREATWRIGHT_TODAY");
  EXPECT_GT(today().year, 2020);
}

}  // namespace
}  // namespace tw::base
