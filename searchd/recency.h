// The optional recency preference of sort=relevance: an extra weight for newer articles,
// added to BM25 with OP_AND_MAYBE so it reorders matches but never adds any.
//
//   Xapian::Query q(Xapian::Query::OP_AND_MAYBE, text_query,
//                   RecencyQuery(2.0, "20250425", 30));
//
// Weight of an article dated d: max_weight * 0.5^(age / half_life_days), age being the
// days from d to the reference day (the newest date in the index, so an archive is not
// penalised for being old). Built on Xapian's ValueMapPostingSource, one mapping per day
// over eight half-lives (older or undated articles get nothing), so remote shards can
// evaluate it too.
#ifndef KAVOSH_SEARCHD_RECENCY_H_
#define KAVOSH_SEARCHD_RECENCY_H_

#include <string>

#include <xapian.h>

namespace kavosh::search {

Xapian::Query RecencyQuery(double max_weight, const std::string& reference_yyyymmdd,
                           double half_life_days);

// Days since 1970-01-01 of "YYYYMMDD"; -1 when it is not such a date.
long DayNumber(const std::string& yyyymmdd);
// The inverse: "YYYYMMDD" of a day number.
std::string DayString(long day);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_RECENCY_H_
