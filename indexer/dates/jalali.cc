#include "indexer/dates/jalali.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/simpletz.h>
#include <unicode/timezone.h>

#include <array>
#include <cstdio>
#include <memory>

#include "analyzers/normalizer.h"

namespace kavosh::dates {

namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
// Years below this are Jalali in ParseDateParam: 1700 AP is 2321 AD, and 1700 AD is 1079 AP.
constexpr int kFirstGregorianParamYear = 1700;
constexpr double kMillisPerMinute = 60.0 * 1000.0;
// Iran Standard Time, used only if ICU's data lacks Asia/Tehran.
constexpr int32_t kTehranStandardOffsetMillis = (3 * 60 + 30) * 60 * 1000;

// ICU calendars are not thread-safe; each thread keeps its own, all non-lenient so that
// an impossible day fails instead of rolling over.
struct Calendars {
  std::unique_ptr<icu::Calendar> persian;    // fa_IR@calendar=persian, GMT
  std::unique_ptr<icu::Calendar> gregorian;  // Gregorian, GMT
  std::unique_ptr<icu::Calendar> tehran;     // Gregorian, Asia/Tehran
};

Calendars MakeCalendars() {
  Calendars c;
  UErrorCode status = U_ZERO_ERROR;
  c.persian.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                                icu::Locale("fa_IR@calendar=persian"), status));
  if (U_FAILURE(status) || c.persian == nullptr ||
      std::string_view(c.persian->getType()) != "persian") {
    c.persian.reset();
  }
  status = U_ZERO_ERROR;
  c.gregorian = std::make_unique<icu::GregorianCalendar>(
      icu::TimeZone::getGMT()->clone(), icu::Locale("en_US@calendar=gregorian"), status);
  if (U_FAILURE(status)) c.gregorian.reset();
  status = U_ZERO_ERROR;
  icu::TimeZone* zone = icu::TimeZone::createTimeZone("Asia/Tehran");
  if (zone == nullptr || *zone == icu::TimeZone::getUnknown()) {
    delete zone;
    zone = new icu::SimpleTimeZone(kTehranStandardOffsetMillis, "Asia/Tehran");
  }
  c.tehran = std::make_unique<icu::GregorianCalendar>(zone, icu::Locale("en_US@calendar=gregorian"),
                                                      status);
  if (U_FAILURE(status)) c.tehran.reset();
  for (icu::Calendar* cal : {c.persian.get(), c.gregorian.get(), c.tehran.get()}) {
    if (cal != nullptr) cal->setLenient(false);
  }
  return c;
}

Calendars& ThreadCalendars() {
  thread_local Calendars calendars = MakeCalendars();
  return calendars;
}

bool InRange(int year, int month, int day) {
  return year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Sets `cal` to the given day (and time) and returns its instant; false if ICU rejects it.
bool SetDay(icu::Calendar* cal, int year, int month, int day, UDate* when, int hour = 0,
            int minute = 0, int second = 0) {
  if (cal == nullptr || !InRange(year, month, day)) return false;
  cal->clear();
  if (std::string_view(cal->getType()) == "gregorian")
    cal->set(UCAL_ERA, icu::GregorianCalendar::AD);
  cal->set(year, month - 1, day, hour, minute, second);
  UErrorCode status = U_ZERO_ERROR;
  UDate t = cal->getTime(status);
  if (U_FAILURE(status)) return false;
  // Non-lenient ICU already refuses impossible days; the read-back makes sure of it.
  int y = cal->get(UCAL_YEAR, status);
  int m = cal->get(UCAL_MONTH, status) + 1;
  int d = cal->get(UCAL_DATE, status);
  if (U_FAILURE(status) || y != year || m != month || d != day) return false;
  *when = t;
  return true;
}

// Reads the day of `cal` at instant `when`.
bool GetDay(icu::Calendar* cal, UDate when, int* year, int* month, int* day) {
  if (cal == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(when, status);
  int era = cal->get(UCAL_ERA, status);
  int y = cal->get(UCAL_YEAR, status);
  int m = cal->get(UCAL_MONTH, status) + 1;
  int d = cal->get(UCAL_DATE, status);
  if (U_FAILURE(status) || !InRange(y, m, d)) return false;
  if (std::string_view(cal->getType()) == "gregorian" && era != icu::GregorianCalendar::AD) {
    return false;
  }
  *year = y, *month = m, *day = d;
  return true;
}

std::string FormatDay(const char* pattern, int year, int month, int day) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), pattern, year, month, day);
  return buf;
}

constexpr std::array<std::string_view, 12> kJalaliMonths = {
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر",     "آبان",     "آذر",   "دی",  "بهمن",  "اسفند"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"};
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

// A cursor over normalised ASCII-digit text for ParseDateParam.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool Done() const { return pos_ >= s_.size(); }
  char Peek() const { return Done() ? '\0' : s_[pos_]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  bool EatWord(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  int SkipSpaces() {
    int n = 0;
    while (Peek() == ' ' || Peek() == '\t') ++pos_, ++n;
    return n;
  }
  // Reads 1..max_len ASCII digits; returns how many were read (0 if none or too many).
  int Digits(int max_len, int* value) {
    size_t start = pos_;
    long v = 0;
    while (IsDigit(Peek()) && static_cast<int>(pos_ - start) < max_len + 1) {
      v = v * 10 + (Peek() - '0');
      ++pos_;
    }
    int n = static_cast<int>(pos_ - start);
    if (n == 0 || n > max_len) return 0;
    *value = static_cast<int>(v);
    return n;
  }
  // Reads a run of ASCII letters.
  std::string_view Letters() {
    size_t start = pos_;
    while (Peek() >= 'a' && Peek() <= 'z') ++pos_;
    return s_.substr(start, pos_ - start);
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

struct ParsedParam {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  bool has_offset = false;
  int offset_minutes = 0;  // local time minus UTC
};

// Time of day and zone after the date: "10:30", "10:30:00.123", then "z", "utc", "gmt",
// "+03:30", "+0330" or "+03". Consumes everything or fails.
bool ParseTimeAndZone(Cursor* c, ParsedParam* p) {
  if (!c->Digits(2, &p->hour) || !c->Eat(':') || c->Digits(2, &p->minute) != 2) return false;
  if (c->Eat(':')) {
    if (c->Digits(2, &p->second) != 2) return false;
    if (c->Eat('.') || c->Eat(',')) {
      while (Cursor::IsDigit(c->Peek())) c->Eat(c->Peek());
    }
  }
  if (p->hour > 23 || p->minute > 59 || p->second > 60) return false;
  c->SkipSpaces();
  if (c->Done()) return true;
  if (c->EatWord("z") || c->EatWord("utc") || c->EatWord("gmt") || c->EatWord("ut")) {
    p->has_offset = true;
  } else if (c->Peek() == '+' || c->Peek() == '-') {
    int sign = c->Peek() == '-' ? -1 : 1;
    c->Eat(c->Peek());
    int hh = 0, mm = 0;
    int n = c->Digits(4, &hh);
    if (n == 4) {
      mm = hh % 100, hh /= 100;
    } else if (n == 2 || n == 1) {
      if (c->Eat(':') && c->Digits(2, &mm) != 2) return false;
    } else {
      return false;
    }
    if (hh > 14 || mm > 59) return false;
    p->has_offset = true;
    p->offset_minutes = sign * (hh * 60 + mm);
  }
  c->SkipSpaces();
  return c->Done();
}

// "2025-04-25", "1404/2/5", "20250425", optionally followed by a time and zone.
bool ParseIsoLike(std::string_view s, ParsedParam* p) {
  Cursor c(s);
  int first = 0;
  int n = c.Digits(8, &first);
  if (n == 8) {
    p->year = first / 10000, p->month = first / 100 % 100, p->day = first % 100;
    return c.Done();
  }
  if (n != 4) return false;
  p->year = first;
  char sep = c.Peek();
  if (sep != '-' && sep != '/' && sep != '.') return false;
  c.Eat(sep);
  if (!c.Digits(2, &p->month) || !c.Eat(sep) || !c.Digits(2, &p->day)) return false;
  if (c.Done()) return true;
  if (!c.Eat('t') && c.SkipSpaces() == 0) return false;
  return ParseTimeAndZone(&c, p);
}

// RFC 822 / 2822 as in RSS: "fri, 25 apr 2025 10:30:00 +0330" (already case-folded).
bool ParseRfc822(std::string_view s, ParsedParam* p) {
  Cursor c(s);
  if (!c.Letters().empty()) {
    c.SkipSpaces();
    if (!c.Eat(',')) return false;
    c.SkipSpaces();
  }
  if (!c.Digits(2, &p->day) || c.SkipSpaces() == 0) return false;
  std::string_view month = c.Letters();
  if (month.size() < 3) return false;
  p->month = 0;
  for (size_t i = 0; i < kEnglishMonths.size(); ++i) {
    if (month.substr(0, 3) == kEnglishMonths[i]) p->month = static_cast<int>(i) + 1;
  }
  if (p->month == 0 || c.SkipSpaces() == 0 || c.Digits(4, &p->year) != 4) return false;
  if (c.SkipSpaces() == 0 || c.Done()) return c.Done();
  return ParseTimeAndZone(&c, p);
}

// The Tehran calendar day of a local date-time given with its UTC offset.
bool TehranDay(const ParsedParam& p, GregorianDate* out) {
  Calendars& cal = ThreadCalendars();
  UDate local = 0;
  if (!SetDay(cal.gregorian.get(), p.year, p.month, p.day, &local, p.hour, p.minute,
              p.second == 60 ? 59 : p.second)) {
    return false;
  }
  UDate utc = local - p.offset_minutes * kMillisPerMinute;
  GregorianDate g;
  if (!GetDay(cal.tehran.get(), utc, &g.year, &g.month, &g.day)) return false;
  *out = g;
  return true;
}

}  // namespace

bool IsJalaliLeapYear(int year) { return JalaliMonthLength(year, 12) == 30; }

int JalaliMonthLength(int year, int month) {
  if (!InRange(year, month, 1)) return 0;
  icu::Calendar* cal = ThreadCalendars().persian.get();
  UDate t = 0;
  if (!SetDay(cal, year, month, 1, &t)) return 0;
  UErrorCode status = U_ZERO_ERROR;
  int n = cal->getActualMaximum(UCAL_DATE, status);
  return U_SUCCESS(status) ? n : 0;
}

bool IsValidJalali(const JalaliDate& date) {
  GregorianDate unused;
  return ToGregorian(date, &unused);
}

bool IsValidGregorian(const GregorianDate& date) {
  UDate t = 0;
  return SetDay(ThreadCalendars().gregorian.get(), date.year, date.month, date.day, &t);
}

bool ToGregorian(const JalaliDate& jalali, GregorianDate* out) {
  Calendars& cal = ThreadCalendars();
  UDate t = 0;
  if (!SetDay(cal.persian.get(), jalali.year, jalali.month, jalali.day, &t)) return false;
  GregorianDate g;
  if (!GetDay(cal.gregorian.get(), t, &g.year, &g.month, &g.day)) return false;
  *out = g;
  return true;
}

bool ToJalali(const GregorianDate& gregorian, JalaliDate* out) {
  Calendars& cal = ThreadCalendars();
  UDate t = 0;
  if (!SetDay(cal.gregorian.get(), gregorian.year, gregorian.month, gregorian.day, &t)) {
    return false;
  }
  JalaliDate j;
  if (!GetDay(cal.persian.get(), t, &j.year, &j.month, &j.day)) return false;
  *out = j;
  return true;
}

int Weekday(const GregorianDate& date) {
  icu::Calendar* cal = ThreadCalendars().gregorian.get();
  UDate t = 0;
  if (!SetDay(cal, date.year, date.month, date.day, &t)) return -1;
  UErrorCode status = U_ZERO_ERROR;
  int dow = cal->get(UCAL_DAY_OF_WEEK, status);  // 1 = Sunday … 7 = Saturday
  return U_SUCCESS(status) ? dow % 7 : -1;
}

int Weekday(const JalaliDate& date) {
  GregorianDate g;
  return ToGregorian(date, &g) ? Weekday(g) : -1;
}

int JulianDay(const GregorianDate& date) {
  icu::Calendar* cal = ThreadCalendars().gregorian.get();
  UDate t = 0;
  if (!SetDay(cal, date.year, date.month, date.day, &t)) return 0;
  UErrorCode status = U_ZERO_ERROR;
  int jd = cal->get(UCAL_JULIAN_DAY, status);
  return U_SUCCESS(status) ? jd : 0;
}

std::string FormatJalali(const JalaliDate& date) {
  if (!IsValidJalali(date)) return "";
  return FormatDay("%04d-%02d-%02d", date.year, date.month, date.day);
}

std::string FormatGregorian(const GregorianDate& date) {
  if (!IsValidGregorian(date)) return "";
  return FormatDay("%04d-%02d-%02d", date.year, date.month, date.day);
}

std::string FormatGregorianCompact(const GregorianDate& date) {
  if (!IsValidGregorian(date)) return "";
  return FormatDay("%04d%02d%02d", date.year, date.month, date.day);
}

std::string_view JalaliMonthName(int month) {
  if (month < 1 || month > 12) return "";
  return kJalaliMonths[static_cast<size_t>(month - 1)];
}

std::string_view PersianWeekdayName(int weekday) {
  if (weekday < 0 || weekday > 6) return "";
  return kWeekdays[static_cast<size_t>(weekday)];
}

std::string ToPersianDigits(std::string_view ascii) {
  std::string out;
  out.reserve(ascii.size() * 2);
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      // U+06F0 EXTENDED ARABIC-INDIC DIGIT ZERO + n, UTF-8 0xDB 0xB0+n.
      out += static_cast<char>(0xDB);
      out += static_cast<char>(0xB0 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

std::string JalaliMonthLabel(const JalaliDate& date) {
  if (date.year <= 0 || date.month < 1 || date.month > 12) return "";
  std::string label(JalaliMonthName(date.month));
  label += ' ';
  label += ToPersianDigits(std::to_string(date.year));
  return label;
}

bool ParseDateParam(std::string_view text, GregorianDate* out) {
  if (text.size() > 256) return false;  // no date parameter is this long
  std::string s = analyzers::NormalizeText(text);
  size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string::npos) return false;
  size_t e = s.find_last_not_of(" \t\n");
  std::string_view v(s.data() + b, e - b + 1);

  ParsedParam p;
  if (!ParseIsoLike(v, &p)) {
    p = ParsedParam();
    if (!ParseRfc822(v, &p)) return false;
  }
  GregorianDate g{p.year, p.month, p.day};
  if (p.year < kFirstGregorianParamYear) {
    if (!ToGregorian(JalaliDate{p.year, p.month, p.day}, &g)) return false;
  } else if (!IsValidGregorian(g)) {
    return false;
  }
  if (!p.has_offset) {
    *out = g;
    return true;
  }
  p.year = g.year, p.month = g.month, p.day = g.day;
  return TehranDay(p, out);
}

}  // namespace kavosh::dates
