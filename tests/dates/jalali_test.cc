#include "indexer/dates/jalali.h"

#include <gtest/gtest.h>

#include <string>

namespace kavosh::dates {
namespace {

std::string Show(const GregorianDate& g) {
  return std::to_string(g.year) + "-" + std::to_string(g.month) + "-" + std::to_string(g.day);
}
std::string Show(const JalaliDate& j) {
  return std::to_string(j.year) + "/" + std::to_string(j.month) + "/" + std::to_string(j.day);
}

struct ConversionCase {
  JalaliDate jalali;
  GregorianDate gregorian;
};

TEST(JalaliTest, ConvertsBothWays) {
  const ConversionCase kCases[] = {
      {{1404, 2, 5}, {2025, 4, 25}},   {{1404, 1, 1}, {2025, 3, 21}},
      {{1403, 12, 30}, {2025, 3, 20}}, {{1403, 1, 1}, {2024, 3, 20}},
      {{1402, 12, 10}, {2024, 2, 29}}, {{1400, 1, 1}, {2021, 3, 21}},
      {{1399, 12, 30}, {2021, 3, 20}}, {{1398, 10, 30}, {2020, 1, 20}},
      {{1357, 11, 22}, {1979, 2, 11}}, {{1404, 2, 7}, {2025, 4, 27}},
      {{1404, 1, 31}, {2025, 4, 20}},  {{1404, 6, 31}, {2025, 9, 22}},
  };
  for (const ConversionCase& c : kCases) {
    SCOPED_TRACE(Show(c.jalali));
    GregorianDate g;
    ASSERT_TRUE(ToGregorian(c.jalali, &g));
    EXPECT_EQ(g, c.gregorian) << Show(g);
    JalaliDate j;
    ASSERT_TRUE(ToJalali(c.gregorian, &j));
    EXPECT_EQ(j, c.jalali) << Show(j);
  }
}

TEST(JalaliTest, RejectsInvalidJalaliDates) {
  const JalaliDate kInvalid[] = {
      {1404, 12, 30},  // 1404 is not a leap year
      {1404, 13, 1},  {1404, 0, 1}, {1404, 1, 0},  {1404, 1, 32}, {1404, 7, 31},
      {0, 1, 1},      {-5, 1, 1},   {10000, 1, 1}, {1404, -1, 5}, {1404, 1, 1000000},
  };
  for (const JalaliDate& j : kInvalid) {
    SCOPED_TRACE(Show(j));
    GregorianDate g{1, 2, 3};
    EXPECT_FALSE(ToGregorian(j, &g));
    EXPECT_EQ(g, (GregorianDate{1, 2, 3}));  // untouched
    EXPECT_FALSE(IsValidJalali(j));
    EXPECT_EQ(FormatJalali(j), "");
    EXPECT_EQ(Weekday(j), -1);
  }
}

TEST(JalaliTest, RejectsInvalidGregorianDates) {
  const GregorianDate kInvalid[] = {
      {2025, 2, 29}, {2024, 2, 30}, {2025, 4, 31}, {2025, 13, 1}, {2025, 0, 10}, {0, 1, 1},
  };
  for (const GregorianDate& g : kInvalid) {
    SCOPED_TRACE(Show(g));
    JalaliDate j;
    EXPECT_FALSE(ToJalali(g, &j));
    EXPECT_FALSE(IsValidGregorian(g));
    EXPECT_EQ(FormatGregorian(g), "");
    EXPECT_EQ(FormatGregorianCompact(g), "");
    EXPECT_EQ(Weekday(g), -1);
    EXPECT_EQ(JulianDay(g), 0);
  }
}

TEST(JalaliTest, LeapYearsAndMonthLengths) {
  struct Case {
    int year;
    bool leap;
  };
  const Case kCases[] = {{1403, true},  {1404, false}, {1399, true},
                         {1400, false}, {1408, true},  {1402, false}};
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.year);
    EXPECT_EQ(IsJalaliLeapYear(c.year), c.leap);
    EXPECT_EQ(JalaliMonthLength(c.year, 12), c.leap ? 30 : 29);
    EXPECT_EQ(IsValidJalali({c.year, 12, 30}), c.leap);
  }
  const int kLengths1404[] = {31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29};
  for (int m = 1; m <= 12; ++m) {
    SCOPED_TRACE(m);
    EXPECT_EQ(JalaliMonthLength(1404, m), kLengths1404[m - 1]);
  }
  EXPECT_EQ(JalaliMonthLength(1404, 0), 0);
  EXPECT_EQ(JalaliMonthLength(1404, 13), 0);
  EXPECT_FALSE(IsJalaliLeapYear(0));
}

TEST(JalaliTest, WeekdaysStartOnSaturday) {
  struct Case {
    GregorianDate date;
    int weekday;
  };
  const Case kCases[] = {
      {{2025, 3, 15}, kSaturday}, {{2025, 4, 20}, 1}, {{2025, 4, 21}, 2},       {{2025, 4, 22}, 3},
      {{2025, 4, 23}, 4},         {{2025, 4, 17}, 5}, {{2025, 4, 25}, kFriday},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(Show(c.date));
    EXPECT_EQ(Weekday(c.date), c.weekday);
    JalaliDate j;
    ASSERT_TRUE(ToJalali(c.date, &j));
    EXPECT_EQ(Weekday(j), c.weekday);
  }
  EXPECT_EQ(PersianWeekdayName(0), "شنبه");
  EXPECT_EQ(PersianWeekdayName(6), "جمعه");
  EXPECT_EQ(PersianWeekdayName(7), "");
  EXPECT_EQ(PersianWeekdayName(-1), "");
}

TEST(JalaliTest, JulianDayDifferences) {
  EXPECT_EQ(JulianDay({2025, 4, 27}) - JulianDay({2025, 4, 25}), 2);
  EXPECT_EQ(JulianDay({2025, 3, 1}) - JulianDay({2024, 3, 1}), 365);
  EXPECT_EQ(JulianDay({2000, 1, 1}), 2451545);
}

TEST(JalaliTest, FormatsAndLabels) {
  EXPECT_EQ(FormatJalali({1404, 2, 5}), "1404-02-05");
  EXPECT_EQ(FormatGregorian({2025, 4, 25}), "2025-04-25");
  EXPECT_EQ(FormatGregorianCompact({2025, 4, 25}), "20250425");
  EXPECT_EQ(JalaliMonthName(1), "فروردین");
  EXPECT_EQ(JalaliMonthName(2), "اردیبهشت");
  EXPECT_EQ(JalaliMonthName(12), "اسفند");
  EXPECT_EQ(JalaliMonthName(0), "");
  EXPECT_EQ(JalaliMonthName(13), "");
  EXPECT_EQ(JalaliMonthLabel({1404, 2, 5}), "اردیبهشت ۱۴۰۴");
  EXPECT_EQ(JalaliMonthLabel({1403, 12, 0}), "اسفند ۱۴۰۳");
  EXPECT_EQ(JalaliMonthLabel({1404, 13, 1}), "");
  EXPECT_EQ(JalaliMonthLabel({0, 1, 1}), "");
  EXPECT_EQ(ToPersianDigits("1404-02-05"), "۱۴۰۴-۰۲-۰۵");
}

struct ParamCase {
  std::string input;
  GregorianDate expected;  // {0, 0, 0}: must be rejected
};

TEST(JalaliTest, ParsesDateParams) {
  const ParamCase kCases[] = {
      // Jalali, any digits and separators.
      {"1404/02/05", {2025, 4, 25}},
      {"1404-2-5", {2025, 4, 25}},
      {"1404.02.05", {2025, 4, 25}},
      {"۱۴۰۴/۰۲/۰۵", {2025, 4, 25}},
      {"١٤٠٤-٠٢-٠٥", {2025, 4, 25}},
      {"  1403/12/30 ", {2025, 3, 20}},
      // Gregorian.
      {"2025-04-25", {2025, 4, 25}},
      {"2025/4/25", {2025, 4, 25}},
      {"20250425", {2025, 4, 25}},
      {"۲۰۲۵-۰۴-۲۵", {2025, 4, 25}},
      // Date-times: with an offset, Tehran's day; without, the day as written.
      {"2025-04-25T10:30:00+03:30", {2025, 4, 25}},
      {"2025-04-24T22:00:00Z", {2025, 4, 25}},
      {"2025-04-24T20:29:59Z", {2025, 4, 24}},
      {"2025-04-24T20:30:00Z", {2025, 4, 25}},
      {"2025-04-24T23:00:00+00:00", {2025, 4, 25}},
      {"2025-04-25T01:00:00+0330", {2025, 4, 25}},
      {"2025-04-24T16:00:00-05:00", {2025, 4, 25}},
      {"2025-04-25T23:59:00", {2025, 4, 25}},
      {"2020-01-20 16:30:00", {2020, 1, 20}},
      {"2020-01-20 23:30:00", {2020, 1, 20}},
      {"2020-01-20T21:00:00.123Z", {2020, 1, 21}},
      // Iran's summer time (+04:30) before 2023.
      {"2020-06-20T20:00:00Z", {2020, 6, 21}},
      {"2020-06-20T19:00:00Z", {2020, 6, 20}},
      {"2024-06-20T20:00:00Z", {2024, 6, 20}},
      // RSS.
      {"Fri, 25 Apr 2025 10:30:00 +0330", {2025, 4, 25}},
      {"Thu, 24 Apr 2025 22:00:00 GMT", {2025, 4, 25}},
      {"25 April 2025", {2025, 4, 25}},
      // Rejected.
      {"", {}},
      {"   ", {}},
      {"1404/12/30", {}},
      {"1404/13/01", {}},
      {"2025-02-29", {}},
      {"2025-04-25x", {}},
      {"2025-04-25T25:00:00", {}},
      {"2025-04-25T10:30:00+99:00", {}},
      {"1404", {}},
      {"۵ اردیبهشت ۱۴۰۴", {}},
      {"not a date", {}},
      {"2025-04/25", {}},
      {"\xff\xfe", {}},
      {std::string(100000, '1'), {}},
  };
  for (const ParamCase& c : kCases) {
    SCOPED_TRACE(c.input.substr(0, 64));
    GregorianDate g;
    bool ok = ParseDateParam(c.input, &g);
    if (c.expected.year == 0) {
      EXPECT_FALSE(ok) << Show(g);
      EXPECT_EQ(g, GregorianDate());
    } else {
      ASSERT_TRUE(ok);
      EXPECT_EQ(g, c.expected) << Show(g);
    }
  }
}

}  // namespace
}  // namespace kavosh::dates
