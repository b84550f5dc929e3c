// Finds the date of the event an article reports, in its title and body (persian-text.md
// section 3), falling back to the date the source published it.
//
//   using namespace kavosh::dates;
//   DateContext ctx;
//   ctx.reference = {2025, 4, 27};  // the day the page was collected
//   auto d = ExtractEventDate("", "نشست ... سه شنبه ۲ اردیبهشت ماه ... برگزار شد", ctx);
//   // d->jalali == {1404, 2, 2}, d->gregorian == {2025, 4, 22}, d->year == YearSource::kInferred
//   kavosh::schema::ArticleDate a = ExtractArticleDate(title, body, ctx);  // from == "text"
//
// Recognised, in Persian, Arabic-Indic or ASCII digits and with the letter variants the
// normalizer folds: "جمعه ۵ اردیبهشت ماه ۱۴۰۴", "روز سه‌شنبه ۲ اردیبهشت‌ماه",
// "سی ام فروردین", "سی و یکم فروردین", "۵ام تیر", "۱۴۰۴/۰۲/۰۵", "1404-02-05", "۱۴۰۴.۰۲.۰۵",
// "۰۵/۰۲/۱۴۰۴", "2025-04-25", "۲۵ آوریل ۲۰۲۵", "25 April 2025", "April 25, 2025".
// - A year left out is chosen near the reference (see DateContext): the one (its year -1, 0, +1)
//   whose day falls on the weekday written beside it, else the one that puts the day
//   nearest at or before the reference (up to kFutureToleranceDays after it is allowed).
// - Mistyped years are repaired: "۴۰۴" -> 1404, "۰۴" -> 1404; an implausible year
//   ("۱۵۰۴") is repaired from the weekday, or the date is dropped when there is none.
// - Not event dates: a bare year ("سال ۱۴۰۴"), a month alone, a deadline ("تا ۲۰
//   اردیبهشت", "مهلت ..."), an impossible day ("۳۱ اسفند", "۳۲ فروردین"), and a date
//   outside the title and the lead (first paragraph) that has no cue beside it (a
//   weekday, "روز"/"امروز"/"مورخ", or an event verb such as "برگزار شد" in its sentence).
// - Among the rest the highest score wins (see ExtractedDate::score): the title, then a
//   date with a cue in the lead, then a later one with a cue; ties go to the earliest.
//
// Thread safety: all functions are reentrant. Input of any size and any bytes (invalid
// UTF-8 included) is accepted; only the first 512 KiB of each string is searched.
#ifndef KAVOSH_INDEXER_DATES_DATE_EXTRACTOR_H_
#define KAVOSH_INDEXER_DATES_DATE_EXTRACTOR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/dates/jalali.h"
#include "schema/article.h"

namespace kavosh::dates {

// How far after the reference date a date whose year was left out may fall.
inline constexpr int kFutureToleranceDays = 7;

struct DateContext {
  // The day the input was collected. A year left out is chosen near the published date
  // when it parses and is not after this day (an archived page reports events near its
  // publication), else near this day. Invalid (the default) = unknown; with neither
  // date, dates without a year are ignored.
  GregorianDate reference;
  // The source's publication date as given (anything ParseDateParam accepts, or Persian
  // text such as "۵ اردیبهشت ۱۴۰۴"); may be empty. Also the fallback result.
  std::string_view published;
};

enum class DateField { kTitle, kBody, kPublished };

enum class YearSource {
  kWritten,   // the year is in the text as written
  kRepaired,  // a mistyped year: "۴۰۴", "۰۴", or an implausible one fixed by the weekday
  kInferred,  // no year in the text; chosen from the reference date and the weekday
};

struct ExtractedDate {
  JalaliDate jalali;
  GregorianDate gregorian;
  DateField field = DateField::kBody;  // the string the date was found in
  // Byte range of the date phrase (weekday to year) in that string; 0, 0 for kPublished
  // when the published string was a parameter-style date.
  size_t start = 0;
  size_t end = 0;
  YearSource year = YearSource::kWritten;
  bool weekday_written = false;  // a weekday was written with the date
  bool weekday_matches = false;  // … and it is the date's weekday
  // Ranking score (larger is surer): 35 title, 20 lead, 10 later; +15 for a cue (so a
  // later date with a cue beats a lead date without); +2 for a written year; -8 for a
  // weekday that does not match; -5 when over a year from the reference. 0 for kPublished.
  int score = 0;
};

// The event date of an article, or the published date (field kPublished) when the text
// has none; std::nullopt when neither gives a valid date.
std::optional<ExtractedDate> ExtractEventDate(std::string_view title, std::string_view body,
                                              const DateContext& ctx);

// Every date phrase recognised in `text`, deadlines and impossible days excluded, in
// text order, each with its score as if `text` were the body. For diagnostics and tests.
// Dates without a year are resolved against ctx (and dropped when ctx has no date).
std::vector<ExtractedDate> FindDates(std::string_view text, const DateContext& ctx);

// The ArticleDate of an extraction: from "text", "published", or all empty for nullopt.
schema::ArticleDate ToArticleDate(const std::optional<ExtractedDate>& date);

// ToArticleDate(ExtractEventDate(title, body, ctx)).
schema::ArticleDate ExtractArticleDate(std::string_view title, std::string_view body,
                                       const DateContext& ctx);

}  // namespace kavosh::dates

#endif  // KAVOSH_INDEXER_DATES_DATE_EXTRACTOR_H_
