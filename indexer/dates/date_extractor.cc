#include "indexer/dates/date_extractor.h"

#include <cstdlib>
#include <utility>
#include <vector>

#include "indexer/dates/internal/date_text.h"

namespace kavosh::dates {

namespace {

using internal::IsEventWord;
using internal::IsWordIn;
using internal::Lexicon;
using internal::MatchPhrase;
using internal::TokenizedText;

// Only this much of each string is searched: an article is far shorter, and the bound
// keeps pathological input (a megabyte of punctuation) cheap.
constexpr size_t kMaxScanBytes = 512 * 1024;
constexpr int kMinJalaliYear = 1300;
constexpr int kMaxJalaliYearWithoutReference = 1500;
constexpr int kMinGregorianYear = 1900;
constexpr int kMaxGregorianYearWithoutReference = 2100;
constexpr int kFirstGregorianYear = 1700;  // in numeric dates, smaller years are Jalali
// A 2- or 3-digit year ("۰۴", "۴۰۴") is read only if it lands this close before the
// reference year; otherwise the number is not taken as a year at all.
constexpr int kMistypedYearWindow = 30;
constexpr int kFarFromReferenceDays = 400;
constexpr int kEventVerbWindowTokens = 60;
constexpr int kDeadlineNearTokens = 6;

constexpr int kScoreTitle = 35;
constexpr int kScoreLead = 20;
constexpr int kScoreLater = 10;
constexpr int kScoreCue = 15;
constexpr int kScoreWrittenYear = 2;
constexpr int kScoreWeekdayMismatch = -8;
constexpr int kScoreFar = -5;

enum class Calendar { kJalali, kGregorian };

struct Reference {
  bool known = false;
  GregorianDate gregorian;
  JalaliDate jalali;
  int julian_day = 0;
};

Reference MakeReference(const GregorianDate& g) {
  Reference r;
  if (ToJalali(g, &r.jalali)) {
    r.gregorian = g;
    r.julian_day = JulianDay(g);
    r.known = r.julian_day != 0;
  }
  return r;
}

// A date phrase as written, before its year is settled.
struct RawDate {
  Calendar calendar = Calendar::kJalali;
  int day = 0;
  int month = 0;
  int year = 0;  // 0 when not written (or not readable as a year)
  YearSource year_source = YearSource::kWritten;
  bool implausible_year = false;  // a year was written but cannot be right
  bool needs_year = false;        // month name that is also a common word
  int weekday = -1;
  size_t first = 0;  // token range, inclusive
  size_t last = 0;
};

bool SameParagraph(const TokenizedText& t, size_t a, size_t b) {
  return a < t.tokens.size() && b < t.tokens.size() &&
         t.tokens[a].paragraph == t.tokens[b].paragraph;
}

bool IsWordEqual(const TokenizedText& t, size_t i, std::u16string_view w) {
  return t.IsWord(i) && t.Joined(i) == w;
}

bool IsComma(const TokenizedText& t, size_t i) {
  return t.IsPunct(i, U',') || t.IsPunct(i, 0x060C);  // U+060C ARABIC COMMA
}

bool IsNumericSeparator(const TokenizedText& t, size_t i) {
  if (i >= t.tokens.size() || t.tokens[i].kind != internal::TokenKind::kPunct) return false;
  switch (t.tokens[i].value) {
    case '/':
    case '-':
    case '.':
    case '\\':
    case 0x066B:  // ARABIC DECIMAL SEPARATOR
    case 0x060D:  // ARABIC DATE SEPARATOR
      return true;
    default:
      return false;
  }
}

// Token i directly follows token i-1 (no space, same paragraph).
bool Adjacent(const TokenizedText& t, size_t i) {
  return i > 0 && i < t.tokens.size() && !t.tokens[i].space_before && SameParagraph(t, i - 1, i);
}

int MaxJalaliYear(const Reference& ref) {
  return ref.known ? ref.jalali.year + 1 : kMaxJalaliYearWithoutReference;
}
int MaxGregorianYear(const Reference& ref) {
  return ref.known ? ref.gregorian.year + 1 : kMaxGregorianYearWithoutReference;
}

// A written 4-digit year: plausible, or flagged for repair from the weekday.
void SetWrittenYear(int year, const Reference& ref, RawDate* d) {
  d->year = year;
  d->year_source = YearSource::kWritten;
  bool plausible = d->calendar == Calendar::kJalali
                       ? year >= kMinJalaliYear && year <= MaxJalaliYear(ref)
                       : year >= kMinGregorianYear && year <= MaxGregorianYear(ref);
  d->implausible_year = !plausible;
}

// Reads a year at token i after a month; returns whether the token is taken as a year.
bool ReadYear(const TokenizedText& t, size_t i, const Reference& ref, RawDate* d) {
  if (!t.IsNumber(i)) return false;
  // "۱۴۰۴/۰۱/۰۵" after a month starts another date; it is not this one's year.
  if (IsNumericSeparator(t, i + 1) && Adjacent(t, i + 1) && t.IsNumber(i + 2)) return false;
  const internal::Token& tok = t.tokens[i];
  if (tok.digits == 4) {
    SetWrittenYear(tok.value, ref, d);
    return true;
  }
  if (d->calendar != Calendar::kJalali || !ref.known) return false;
  int year = 0;
  if (tok.digits == 3) {
    year = 1000 + tok.value;  // "۴۰۴": the leading 1 dropped
  } else if (tok.digits == 2) {
    year = 1400 + tok.value;  // "۰۴", "۹۸": the century left out
    if (year > MaxJalaliYear(ref)) year -= 100;
  } else {
    return false;
  }
  if (year > MaxJalaliYear(ref) || year < ref.jalali.year - kMistypedYearWindow) return false;
  d->year = year;
  d->year_source = YearSource::kRepaired;
  return true;
}

// A day of the month at token i: "۵", "۰۵", "۵ام", "یکم", "سی ام", "بیست و یکم".
bool MatchDay(const TokenizedText& t, size_t i, int* day, size_t* next) {
  if (t.IsNumber(i)) {
    // "۲.۵ تیر", "۱۰:۳۰ مهر": the number is the tail of another one, not a day.
    if (i >= 2 && Adjacent(t, i) && Adjacent(t, i - 1) && t.IsNumber(i - 2) &&
        (t.IsPunct(i - 1, U'.') || t.IsPunct(i - 1, U'/') || t.IsPunct(i - 1, U':') ||
         t.IsPunct(i - 1, 0x066B))) {  // ARABIC DECIMAL SEPARATOR
      return false;
    }
    const internal::Token& tok = t.tokens[i];
    if (tok.digits > 2 || tok.value < 1 || tok.value > 31) return false;
    *day = tok.value;
    *next = i + 1;
    if (IsWordIn(t, i + 1, Lexicon::kOrdinalSuffix) && SameParagraph(t, i, i + 1)) ++*next;
    return true;
  }
  int value = 0;
  int n = MatchPhrase(t, i, Lexicon::kOrdinal, &value);
  if (n == 0) return false;
  *day = value;
  *next = i + static_cast<size_t>(n);
  return true;
}

// Sets the calendar and month of `d` from a month lexicon value.
void SetMonth(int value, RawDate* d) {
  if (value > internal::kGregorianNeedsYearBase) {
    d->calendar = Calendar::kGregorian;
    d->month = value - internal::kGregorianNeedsYearBase;
    d->needs_year = true;
  } else if (value > internal::kGregorianMonthBase) {
    d->calendar = Calendar::kGregorian;
    d->month = value - internal::kGregorianMonthBase;
  } else {
    d->calendar = Calendar::kJalali;
    d->month = value;
  }
}

// "۱۴۰۴/۰۲/۰۵", "1404-02-05", "۱۴۰۴.۰۲.۰۵", "2025-04-25", "۰۵/۰۲/۱۴۰۴" at token k.
bool MatchNumeric(const TokenizedText& t, size_t k, const Reference& ref, RawDate* d) {
  if (!t.IsNumber(k) || !IsNumericSeparator(t, k + 1) || !t.IsNumber(k + 2) || !t.IsNumber(k + 4) ||
      t.tokens[k + 3].value != t.tokens[k + 1].value) {
    return false;
  }
  for (size_t j = k + 1; j <= k + 4; ++j) {
    if (!Adjacent(t, j)) return false;
  }
  // Not part of a longer run such as "12/1404/02/05" or "1404.02.05.3".
  if (IsNumericSeparator(t, k + 5) && Adjacent(t, k + 5) && t.IsNumber(k + 6)) return false;
  if (k >= 2 && IsNumericSeparator(t, k - 1) && Adjacent(t, k) && t.IsNumber(k - 2)) {
    return false;
  }
  const auto& a = t.tokens[k];
  const auto& b = t.tokens[k + 2];
  const auto& c = t.tokens[k + 4];
  if (b.digits > 2) return false;
  if (a.digits == 4 && c.digits <= 2) {
    d->calendar = a.value < kFirstGregorianYear ? Calendar::kJalali : Calendar::kGregorian;
    d->month = b.value, d->day = c.value;
    SetWrittenYear(a.value, ref, d);
  } else if (a.digits <= 2 && c.digits == 4 && c.value < kFirstGregorianYear) {
    d->calendar = Calendar::kJalali;
    d->day = a.value, d->month = b.value;
    SetWrittenYear(c.value, ref, d);
  } else {
    return false;
  }
  d->last = k + 4;
  return true;
}

// "۵ اردیبهشت ماه سال ۱۴۰۴", "سی و یکم فروردین", "۵ تا ۷ مهر", "۲۵ آوریل ۲۰۲۵" at token k.
bool MatchDayMonth(const TokenizedText& t, size_t k, const Reference& ref, RawDate* d) {
  int day = 0;
  size_t m = 0;
  if (!MatchDay(t, k, &day, &m)) return false;
  // A range "۵ و ۶", "۵ تا ۷", "۵-۷" before the month: the first day is the event's start.
  if (IsWordEqual(t, m, u"و") || IsWordEqual(t, m, u"تا") || IsWordEqual(t, m, u"الی") ||
      t.IsPunct(m, U'-')) {
    int day2 = 0;
    size_t after = 0;
    int unused = 0;
    if (MatchDay(t, m + 1, &day2, &after) && MatchPhrase(t, after, Lexicon::kMonth, &unused)) {
      m = after;
    }
  }
  int value = 0;
  int n = MatchPhrase(t, m, Lexicon::kMonth, &value);
  if (n == 0 || !SameParagraph(t, k, m)) return false;
  d->day = day;
  SetMonth(value, d);
  d->last = m + static_cast<size_t>(n) - 1;
  size_t y = d->last + 1;
  if (IsWordIn(t, y, Lexicon::kYearWord)) ++y;
  if (IsComma(t, y)) ++y;
  if (SameParagraph(t, d->last, y) && ReadYear(t, y, ref, d)) d->last = y;
  return true;
}

// "April 25, 2025", "آوریل ۲۵ ۲۰۲۵": a Gregorian month first needs its year.
bool MatchMonthDayYear(const TokenizedText& t, size_t k, const Reference& ref, RawDate* d) {
  int value = 0;
  int n = MatchPhrase(t, k, Lexicon::kMonth, &value);
  if (n == 0 || value < internal::kGregorianMonthBase) return false;
  size_t i = k + static_cast<size_t>(n);
  if (!t.IsNumber(i) || t.tokens[i].digits > 2 || !SameParagraph(t, k, i)) return false;
  size_t y = i + 1;
  if (IsComma(t, y)) ++y;
  if (!t.IsNumber(y) || t.tokens[y].digits != 4 || !SameParagraph(t, k, y)) return false;
  SetMonth(value, d);
  d->day = t.tokens[i].value;
  SetWrittenYear(t.tokens[y].value, ref, d);
  d->last = y;
  return true;
}

// A whole date phrase starting at token i, with an optional weekday before it.
bool MatchDate(const TokenizedText& t, size_t i, const Reference& ref, RawDate* d) {
  *d = RawDate();
  d->first = i;
  size_t k = i;
  int weekday = 0;
  if (int n = MatchPhrase(t, i, Lexicon::kWeekday, &weekday); n > 0) {
    d->weekday = weekday;
    k = i + static_cast<size_t>(n);
    if (IsComma(t, k)) ++k;
    if (!SameParagraph(t, i, k)) return false;
  }
  int weekday_kept = d->weekday;
  bool ok =
      MatchNumeric(t, k, ref, d) || MatchDayMonth(t, k, ref, d) || MatchMonthDayYear(t, k, ref, d);
  d->weekday = weekday_kept;
  d->first = i;
  return ok;
}

bool ToBoth(Calendar calendar, int year, int month, int day, JalaliDate* j, GregorianDate* g) {
  if (calendar == Calendar::kJalali) {
    *j = {year, month, day};
    return ToGregorian(*j, g);
  }
  *g = {year, month, day};
  return ToJalali(*g, j);
}

// Chooses a year for a day and month (persian-text.md section 3). With `strict`, only a
// year on the written weekday will do.
bool InferYear(const RawDate& d, const Reference& ref, bool strict, ExtractedDate* out) {
  int base = d.calendar == Calendar::kJalali ? ref.jalali.year : ref.gregorian.year;
  struct Option {
    JalaliDate j;
    GregorianDate g;
    int diff;  // reference minus date, in days
    bool weekday_ok;
  };
  std::vector<Option> options;
  for (int year = base - 1; year <= base + 1; ++year) {
    Option o;
    if (!ToBoth(d.calendar, year, d.month, d.day, &o.j, &o.g)) continue;
    o.diff = ref.julian_day - JulianDay(o.g);
    o.weekday_ok = d.weekday >= 0 && Weekday(o.g) == d.weekday;
    options.push_back(o);
  }
  bool any_weekday_ok = false;
  for (const Option& o : options) any_weekday_ok |= o.weekday_ok;
  if (strict && !any_weekday_ok) return false;
  const Option* best = nullptr;
  auto rank = [](const Option& o) {
    // Nearest at or before the reference (a little after allowed), then nearest at all.
    bool past = o.diff >= -kFutureToleranceDays;
    return std::pair<int, int>(past ? 0 : 1, past ? o.diff : std::abs(o.diff));
  };
  for (const Option& o : options) {
    if (any_weekday_ok && !o.weekday_ok) continue;
    if (best == nullptr || rank(o) < rank(*best)) best = &o;
  }
  if (best == nullptr) return false;
  out->jalali = best->j;
  out->gregorian = best->g;
  out->weekday_matches = best->weekday_ok;
  return true;
}

// Settles the year of a raw date; false when it names no real day or cannot be placed.
bool Resolve(const RawDate& d, const Reference& ref, ExtractedDate* out) {
  out->weekday_written = d.weekday >= 0;
  if (d.year != 0 && !d.implausible_year) {
    if (!ToBoth(d.calendar, d.year, d.month, d.day, &out->jalali, &out->gregorian)) {
      return false;
    }
    out->year = d.year_source;
    out->weekday_matches = d.weekday >= 0 && Weekday(out->gregorian) == d.weekday;
    return true;
  }
  // The day must exist in some year (no "۳۲ فروردین"; "۳۰ اسفند" only in a leap year).
  if (d.needs_year || !ref.known || d.day > 31) return false;
  if (d.implausible_year) {
    if (d.weekday < 0 || !InferYear(d, ref, /*strict=*/true, out)) return false;
    out->year = YearSource::kRepaired;
    return true;
  }
  if (!InferYear(d, ref, /*strict=*/false, out)) return false;
  out->year = YearSource::kInferred;
  return true;
}

// "تا ۲۰ اردیبهشت", "تا پایان روز ۲۰ اردیبهشت", "مهلت ثبت نام ۲۰ اردیبهشت".
bool IsDeadline(const TokenizedText& t, size_t first) {
  size_t i = first;
  for (int skipped = 0; i > 0 && skipped <= 3; ++skipped) {
    --i;
    if (!SameParagraph(t, i, first) || !t.IsWord(i)) break;
    if (IsWordIn(t, i, Lexicon::kDeadline)) return true;
    if (!IsWordIn(t, i, Lexicon::kDeadlineSkip)) break;
  }
  for (size_t back = 1; back <= kDeadlineNearTokens && back <= first; ++back) {
    size_t j = first - back;
    if (!SameParagraph(t, j, first) || internal::EndsSentence(t, j)) break;
    if (IsWordIn(t, j, Lexicon::kDeadlineNear)) return true;
  }
  return false;
}

// A word just before the date ("روز", "امروز", "مورخ") or an event verb later in its
// sentence ("برگزار شد").
bool HasCue(const TokenizedText& t, const RawDate& d) {
  for (size_t back = 1; back <= 2 && back <= d.first; ++back) {
    size_t j = d.first - back;
    if (!SameParagraph(t, j, d.first)) break;
    if (IsWordIn(t, j, Lexicon::kCueBefore)) return true;
  }
  for (size_t j = d.last + 1, n = 0; j < t.tokens.size() && n < kEventVerbWindowTokens; ++j, ++n) {
    if (!SameParagraph(t, j, d.last) || internal::EndsSentence(t, j)) break;
    if (IsEventWord(t, j)) return true;
  }
  return false;
}

struct Candidate {
  ExtractedDate date;
  bool qualifies = false;  // title, lead, or a cue: may be taken as the event date
};

std::vector<Candidate> Scan(std::string_view text, DateField field, const Reference& ref) {
  std::vector<Candidate> found;
  if (text.size() > kMaxScanBytes) text = text.substr(0, kMaxScanBytes);
  TokenizedText t = internal::Tokenize(text);
  RawDate raw;
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    if (!MatchDate(t, i, ref, &raw)) continue;
    Candidate c;
    bool deadline = IsDeadline(t, raw.first);
    if (!deadline && Resolve(raw, ref, &c.date)) {
      ExtractedDate& e = c.date;
      e.field = field;
      e.start = t.ByteStart(raw.first);
      e.end = t.ByteEnd(raw.last);
      bool lead = field == DateField::kBody && t.tokens[raw.first].paragraph == 0;
      bool cue = e.weekday_written || HasCue(t, raw);
      e.score = field == DateField::kTitle ? kScoreTitle : lead ? kScoreLead : kScoreLater;
      if (cue) e.score += kScoreCue;
      if (e.year == YearSource::kWritten) e.score += kScoreWrittenYear;
      if (e.weekday_written && !e.weekday_matches) e.score += kScoreWeekdayMismatch;
      if (ref.known && std::abs(ref.julian_day - JulianDay(e.gregorian)) > kFarFromReferenceDays) {
        e.score += kScoreFar;
      }
      c.qualifies = field == DateField::kTitle || lead || cue;
      found.push_back(c);
    }
    i = raw.last;  // continue after the phrase, whether taken or not
  }
  return found;
}

// The published field as a date: a parameter-style date, else a date written in it.
std::optional<ExtractedDate> PublishedDate(std::string_view published) {
  if (published.empty()) return std::nullopt;
  ExtractedDate e;
  e.field = DateField::kPublished;
  if (ParseDateParam(published, &e.gregorian) && ToJalali(e.gregorian, &e.jalali)) {
    return e;
  }
  for (const Candidate& c : Scan(published, DateField::kPublished, Reference())) {
    e = c.date;
    e.score = 0;
    return e;
  }
  return std::nullopt;
}

// The day a year left out is counted back from: the published day when there is one (an
// archived page collected years later still reports events near its publication), unless
// it lies after the collection day, which no real publication date can.
Reference Anchor(const GregorianDate& collected, const std::optional<ExtractedDate>& published) {
  Reference ref = MakeReference(collected);
  if (!published) return ref;
  Reference p = MakeReference(published->gregorian);
  if (p.known && (!ref.known || p.julian_day <= ref.julian_day + kFutureToleranceDays)) return p;
  return ref;
}

}  // namespace

std::optional<ExtractedDate> ExtractEventDate(std::string_view title, std::string_view body,
                                              const DateContext& ctx) {
  std::optional<ExtractedDate> published = PublishedDate(ctx.published);
  Reference ref = Anchor(ctx.reference, published);
  std::optional<ExtractedDate> best;
  for (DateField field : {DateField::kTitle, DateField::kBody}) {
    for (const Candidate& c : Scan(field == DateField::kTitle ? title : body, field, ref)) {
      // Strictly greater: on a tie the title, then the earlier date, wins.
      if (c.qualifies && (!best || c.date.score > best->score)) best = c.date;
    }
  }
  return best ? best : published;
}

std::vector<ExtractedDate> FindDates(std::string_view text, const DateContext& ctx) {
  Reference ref = Anchor(ctx.reference, PublishedDate(ctx.published));
  std::vector<ExtractedDate> out;
  for (const Candidate& c : Scan(text, DateField::kBody, ref)) out.push_back(c.date);
  return out;
}

schema::ArticleDate ToArticleDate(const std::optional<ExtractedDate>& date) {
  schema::ArticleDate a;
  if (!date) return a;
  a.gregorian = FormatGregorian(date->gregorian);
  a.jalali = FormatJalali(date->jalali);
  a.from = date->field == DateField::kPublished ? "published" : "text";
  if (a.gregorian.empty() || a.jalali.empty()) a = schema::ArticleDate();
  return a;
}

schema::ArticleDate ExtractArticleDate(std::string_view title, std::string_view body,
                                       const DateContext& ctx) {
  return ToArticleDate(ExtractEventDate(title, body, ctx));
}

}  // namespace kavosh::dates
