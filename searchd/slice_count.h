// Counting one query's matches on two threads: the index's document numbers are cut into
// slices (SliceSource), and this thread and a second one, each with its own database
// handle and its own counter, take the next slice until all are counted or the budget
// of matches is spent. The caller then adds the second counter to the first
// (FacetCounter::Absorb). Counting up to 100,000 matches is most of the time of a broad
// query; on a quiet machine the second core halves it.
//
//   SliceCountResult r = CountInSlices(query.serialise(), 100000,
//                                      {&db, &counter}, {&other_db, &other_counter},
//                                      [&] { page = enquire.get_mset(0, 10); });
//   counter.Absorb(other_counter);
//
// The two handles must be at the same revision (the caller checks): each slice is a
// fraction of each shard's last document number, which must be the same on both sides.
#ifndef KAVOSH_SEARCHD_SLICE_COUNT_H_
#define KAVOSH_SEARCHD_SLICE_COUNT_H_

#include <functional>
#include <string>

#include <xapian.h>

#include "searchd/facets.h"
#include "searchd/page_keeper.h"

namespace kavosh::search {

struct SliceCountResult {
  bool all_seen = true;         // every slice counted to its end
  Xapian::doccount seen = 0;    // matching documents counted
  Xapian::doccount estimated = 0;  // Xapian's estimate of all matches (all_seen: seen)
  // With PageKeepers: the document numbers not looked at (all_seen: none), for ranking
  // their matches apart.
  std::vector<std::pair<Xapian::docid, Xapian::docid>> unseen;
};

struct CountingSide {
  const Xapian::Database* db;
  FacetCounter* counter;
  PageKeeper* ranked = nullptr;  // also shown every match, if given
};

inline constexpr unsigned kCountSlices = 8;

// Counts the matches of the query `serialised` (Xapian::Query::serialise(): each thread
// builds its own, as Xapian objects are not shared between threads) up to about `budget`
// of them (each thread stops taking slices once it is spent; the slices in flight are
// counted to `budget` each, so at most twice it). With `stride` > 1, only the documents
// of a SampleSource(stride) are looked at, as the single-thread estimate of a broad query
// does. `first` runs on this thread before it counts (the page of results). Exceptions of
// either thread are rethrown here, after both are done.
// `column`: the facet column the query's DateRangeSource filters read (nullptr: none).
// `weight`: the scheme the matches are weighed with (for the sides' `ranked` spies);
// nullptr: none (BoolWeight), the cheapest count.
SliceCountResult CountInSlices(const std::string& serialised, Xapian::doccount budget,
                               CountingSide mine, CountingSide helper,
                               const std::function<void()>& first, Xapian::doccount stride = 1,
                               std::shared_ptr<const FacetColumn> column = nullptr,
                               const Xapian::Weight* weight = nullptr);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_SLICE_COUNT_H_
