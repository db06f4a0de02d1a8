#pragma once
// Calendar dates (YYYY-MM-DD), as used for reviews, acceptances and evidence.

#include <optional>
#include <string>
#include <string_view>

namespace tw::base {

struct Date {
  int year = 0, month = 0, day = 0;

  /// Days since 1970-01-01.
  long days() const;
  std::string str() const;
  bool valid() const { return year > 0; }
  Date plus_days(long n) const;
  static Date from_days(long days);
  auto operator<=>(const Date&) const = default;
};

/// Parses a strict ISO date `YYYY-MM-DD`; nullopt if malformed or not a real day.
std::optional<Date> parse_date(std::string_view s);

/// Today's date in UTC, or THREATWRIGHT_TODAY (YYYY-MM-DD) when set, for reproducible runs.
Date today();

}  // namespace tw::base
