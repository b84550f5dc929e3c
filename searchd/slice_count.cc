#include "searchd/slice_count.h"

#include <array>
#include <atomic>
#include <exception>
#include <thread>

namespace kavosh::search {

namespace {

struct Slice {
  bool counted = false;
  bool to_the_end = false;
  Xapian::doccount seen = 0;
  Xapian::doccount estimated = 0;
};

}  // namespace

SliceCountResult CountInSlices(const std::string& serialised, Xapian::doccount budget,
                               CountingSide mine, CountingSide helper,
                               const std::function<void()>& first, Xapian::doccount stride,
                               std::shared_ptr<const FacetColumn> column) {
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
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(side.counter->spy());
    for (unsigned i = next++; i < kCountSlices; i = next++) {
      const Xapian::doccount done = seen.load();
      if (done >= budget) break;
      const Xapian::doccount check = budget - done;
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query((new SliceSource(i, kCountSlices))->release())));
      const Xapian::doccount before = side.counter->seen();
      Xapian::MSet counted = enquire.get_mset(0, 0, check);
      Slice& s = slices[i];
      s.counted = true;
      s.seen = side.counter->seen() - before;
      s.to_the_end = s.seen < check || counted.get_matches_upper_bound() <= check;
      s.estimated = s.to_the_end ? s.seen : counted.get_matches_estimated();
      seen += s.seen;
    }
  };
  std::exception_ptr helper_error;
  std::thread other([&] {
    try {
      count(helper);
    } catch (...) {
      helper_error = std::current_exception();  // rethrown below, once joined
    }
  });
  std::exception_ptr own_error;
  try {
    first();
    count(mine);
  } catch (...) {
    own_error = std::current_exception();
    next = kCountSlices;  // the other thread stops after its slice
  }
  other.join();
  if (own_error) std::rethrow_exception(own_error);
  if (helper_error) std::rethrow_exception(helper_error);

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
  if (r.all_seen) r.estimated = r.seen;
  return r;
}

}  // namespace kavosh::search
