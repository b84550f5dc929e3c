#include "searchd/slice_count.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <exception>
#include <thread>

namespace kavosh::search {

namespace {

struct Slice {
  bool counted = false;
  Xapian::docid last_seen = 0;  // with a PageKeeper: the last match shown
  bool to_the_end = false;
  Xapian::doccount seen = 0;
  Xapian::doccount estimated = 0;
};

}  // namespace

SliceCountResult CountInSlices(const std::string& serialised, Xapian::doccount budget,
                               CountingSide mine, CountingSide helper,
                               const std::function<void()>& first, Xapian::doccount stride,
                               std::shared_ptr<const FacetColumn> column,
                               const Xapian::Weight* weight) {
  std::array<Slice, kCountSlices> slices;
  std::atomic<unsigned> next{0};
  std::atomic<Xapian::doccount> seen{0};
  auto count = [&](CountingSide side) {
    Xapian::Registry registry;
    if (column) registry.register_posting_source(DateRangeSource(column, 0, 0, 0));
    Xapian::Query query = Xapian::Query::unserialise(serialised, registry);
    if (stride > 1) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query((new SampleSource(stride))->release()));
    }
    Xapian::Enquire enquire(*side.db);
    if (weight) {
      enquire.set_weighting_scheme(*weight);
    } else {
      enquire.set_weighting_scheme(Xapian::BoolWeight());
    }
    if (side.ranked) enquire.add_matchspy(side.ranked);  // first: it stops the count
    enquire.add_matchspy(side.counter->spy());
    for (unsigned i = next++; i < kCountSlices; i = next++) {
      const Xapian::doccount done = seen.load();
      if (done >= budget) break;
      const Xapian::doccount check = budget - done;
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query((new SliceSource(i, kCountSlices))->release())));
      const Xapian::doccount before = side.counter->seen();
      Slice& s = slices[i];
      s.counted = true;
      if (side.ranked) {
        // A weighted count: Xapian would check every match, the keeper stops it.
        side.ranked->set_limit(check);
        bool stopped = false;
        try {
          enquire.get_mset(0, 0, check);
        } catch (const PageKeeper::Enough&) {
          stopped = true;
        }
        s.last_seen = side.ranked->last();
        s.seen = side.counter->seen() - before;
        s.to_the_end = !stopped;
        s.estimated = s.seen;
        if (stopped) {  // as many again in the rest of the slice, for its share of it
          const auto [from, to] = SliceSource::Bounds(side.db->get_lastdocid(), i, kCountSlices);
          s.estimated = static_cast<Xapian::doccount>(
              static_cast<double>(s.seen) * (to - from + 1) / std::max<double>(1, s.last_seen - from + 1) + 0.5);
        }
      } else {
        Xapian::MSet counted = enquire.get_mset(0, 0, check);
        s.seen = side.counter->seen() - before;
        s.to_the_end = s.seen < check || counted.get_matches_upper_bound() <= check;
        s.estimated = s.to_the_end ? s.seen : counted.get_matches_estimated();
      }
      seen += s.seen;
    }
    side.counter->Flush();  // on this thread
  };
  // With a facet column, each thread's counter counts half of the stories; the matches
  // of the other half go to the other thread's counter once both are done with Xapian,
  // so a story is counted by one counter and the two just add up.
  mine.counter->set_share(0, 2);
  helper.counter->set_share(1, 2);
  std::barrier both_counted(2);
  std::exception_ptr helper_error, own_error, helper_late, own_late;
  std::thread other([&] {
    try {
      count(helper);
    } catch (...) {
      helper_error = std::current_exception();  // rethrown below, once joined
    }
    both_counted.arrive_and_wait();
    if (helper_error || own_error) return;
    try {
      helper.counter->Take(*mine.counter);
      helper.counter->Finish();  // on this thread
    } catch (...) {
      helper_late = std::current_exception();
    }
  });
  try {
    first();
    count(mine);
  } catch (...) {
    own_error = std::current_exception();
    next = kCountSlices;  // the other thread stops after its slice
  }
  both_counted.arrive_and_wait();
  if (!helper_error && !own_error) {
    try {
      mine.counter->Take(*helper.counter);
      mine.counter->Finish();
    } catch (...) {
      own_late = std::current_exception();
    }
  }
  other.join();
  for (const std::exception_ptr& e : {own_error, helper_error, own_late, helper_late}) {
    if (e) std::rethrow_exception(e);
  }

  SliceCountResult r;
  Xapian::doccount counted_slices = 0, estimated = 0;
  for (const Slice& s : slices) {
    r.all_seen = r.all_seen && s.counted && s.to_the_end;
    r.seen += s.seen;
    if (s.counted) {
      ++counted_slices;
      estimated += s.estimated;
    }
  }
  // Slices never reached hold about as many matches as the counted ones, on average.
  r.estimated = counted_slices == 0
                    ? 0
                    : static_cast<Xapian::doccount>(static_cast<double>(estimated) * kCountSlices /
                                                    counted_slices + 0.5);
  if (r.all_seen) {
    r.estimated = r.seen;
  } else if (mine.ranked) {
    const Xapian::docid n = mine.db->get_lastdocid();
    for (unsigned i = 0; i < kCountSlices; ++i) {
      auto [from, to] = SliceSource::Bounds(n, i, kCountSlices);
      const Slice& s = slices[i];
      if (s.counted && s.to_the_end) continue;
      if (s.counted) from = std::max(from, s.last_seen + 1);
      if (from <= to) r.unseen.emplace_back(from, to);
    }
  }
  return r;
}

}  // namespace kavosh::search
