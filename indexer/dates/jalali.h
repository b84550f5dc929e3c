// The Jalali (Solar Hijri) calendar for Kavosh: conversion to and from Gregorian, weekdays,
// formatting, Persian month names and the date parameters the API and readers accept.
// All calendar arithmetic is ICU's (icu::Calendar, locale "fa_IR@calendar=persian"); this
// module only validates, formats and parses.
//
//   using namespace kavosh::dates;
//   GregorianDate g;
//   if (ToGregorian({1404, 2, 5}, &g)) {
//     FormatGregorian(g);                  // "2025-04-25"
//     Weekday(g);                          // 6 (Friday)
//   }
//   JalaliMonthLabel({1404, 2, 5});        // "اردیبهشت ۱۴۰۴"
//   ParseDateParam("۱۴۰۴/۰۲/۰۵", &g);      // true, g = 2025-04-25
//   ParseDateParam("2025-04-24T22:00:00Z", &g);  // true, g = 2025-04-25 (Tehran's day)
//
// Thread safety: every function may be called from any thread (ICU calendars are kept per
// thread). A date is "valid" when its fields name a real day of its calendar; the
// supported years are 1-9999 of each calendar.
#ifndef KAVOSH_INDEXER_DATES_JALALI_H_
#define KAVOSH_INDEXER_DATES_JALALI_H_

#include <string>
#include <string_view>

namespace kavosh::dates {

// A day of the Jalali calendar; month 1 = Farvardin. Zero fields mean "no date".
struct JalaliDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const JalaliDate&, const JalaliDate&) = default;
};

// A day of the (proleptic for old dates, as ICU does) Gregorian calendar; month 1 = January.
struct GregorianDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const GregorianDate&, const GregorianDate&) = default;
};

// Persian week: 0 = Saturday (شنبه) … 6 = Friday (جمعه).
inline constexpr int kSaturday = 0;
inline constexpr int kFriday = 6;

// Whether Esfand of `year` has 30 days (ICU's rule). False for years outside 1-9999.
bool IsJalaliLeapYear(int year);

// Days in `month` of Jalali `year` (29-31); 0 when the month or year is out of range.
int JalaliMonthLength(int year, int month);

bool IsValidJalali(const JalaliDate& date);
bool IsValidGregorian(const GregorianDate& date);

// Conversions. Return false, and leave *out untouched, when the input is not a valid
// date (month 1-12, day within that month, 30 Esfand only in a leap year).
bool ToGregorian(const JalaliDate& jalali, GregorianDate* out);
bool ToJalali(const GregorianDate& gregorian, JalaliDate* out);

// Persian weekday (0 = Saturday … 6 = Friday); -1 for an invalid date.
int Weekday(const GregorianDate& date);
int Weekday(const JalaliDate& date);

// ICU's Julian day number of the date, for day differences; 0 for an invalid date.
int JulianDay(const GregorianDate& date);

// "1404-02-05", "2025-04-25", "20250425". Empty for an invalid date.
std::string FormatJalali(const JalaliDate& date);
std::string FormatGregorian(const GregorianDate& date);
std::string FormatGregorianCompact(const GregorianDate& date);

// "فروردین" … "اسفند" for month 1-12; empty otherwise.
std::string_view JalaliMonthName(int month);
// "شنبه" … "جمعه" for weekday 0-6; empty otherwise.
std::string_view PersianWeekdayName(int weekday);
// ASCII digits 0-9 replaced by Persian digits U+06F0-U+06F9 (EXTENDED ARABIC-INDIC DIGIT
// ZERO … NINE); everything else is copied.
std::string ToPersianDigits(std::string_view ascii);
// Month facet label, e.g. "اردیبهشت ۱۴۰۴"; empty when the month is not 1-12 or the year
// is not positive (the day is ignored).
std::string JalaliMonthLabel(const JalaliDate& date);

// Parses a date given as an API parameter or a source's "published" field, in any digits
// (Persian, Arabic-Indic, ASCII), surrounding spaces ignored:
//   Jalali    "1404/02/05", "1404-2-5", "1404.02.05"      (years below 1700 are Jalali)
//   Gregorian "2025-04-25", "2025/4/25", "20250425"
//   date-time "2025-04-25T10:30:00+03:30", "2020-01-20 16:30:00", "…Z", "…+0330",
//             RFC 822 "Fri, 25 Apr 2025 10:30:00 +0330"
// A date-time with an explicit offset (or Z/GMT/UTC) yields the calendar day in
// Asia/Tehran (ICU time zone, so +04:30 during Iran's summer time before 2023); without an
// offset, the day as written. Returns false, leaving *out untouched, for anything else,
// including invalid days ("1404-12-30", "2025-02-30") and trailing text.
bool ParseDateParam(std::string_view text, GregorianDate* out);

}  // namespace kavosh::dates

#endif  // KAVOSH_INDEXER_DATES_JALALI_H_
