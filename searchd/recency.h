// The optional recency preference of sort=relevance: an extra weight for newer articles,
// added to BM25 with OP_AND_MAYBE so it reorders matches but never adds any.
//
//   Xapian::Query q(Xapian::Query::OP_AND_MAYBE, text_query,
//                   Xapian::Query(new RecencySource(2.0, "20250425", 30)));  // query owns it
//
// Weight of an article dated d: max_weight * 0.5^(age / half_life_days), where age is the
// days from d to the reference day (the newest date in the index, so an archive is not
// penalised for being old). Undated articles get nothing.
#ifndef KAVOSH_SEARCHD_RECENCY_H_
#define KAVOSH_SEARCHD_RECENCY_H_

#include <string>

#include <xapian.h>

namespace kavosh::search {

class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(double max_weight, std::string reference_yyyymmdd, double half_life_days);

  double get_weight() const override;
  Xapian::PostingSource* clone() const override;
  std::string name() const override { return "kavosh.RecencySource"; }
  void init(const Xapian::Database& db) override;

  // Days since 1970-01-01 of "YYYYMMDD"; -1 when it is not such a date.
  static long DayNumber(const std::string& yyyymmdd);

 private:
  double max_weight_;
  std::string reference_;
  long reference_day_;
  double half_life_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_RECENCY_H_
