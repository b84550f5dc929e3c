// Facet counting over every matching article: organisations, places, event types and
// Jalali months. Xapian's own ValueCountMatchSpy collects the kSlotFacets value of each
// match (schema.h), which remote shards can do and merge; Collect() then counts each
// duplicate story once, with the union of its matching copies' values.
//
//   FacetCounter facets;
//   enquire.add_matchspy(facets.spy());
//   enquire.get_mset(0, 10, db.get_doccount());   // check every match: exact counts
//   facets.Collect(/*values=*/true);
//   std::vector<FacetCount> orgs = facets.Top(FacetCounter::kOrg, 20);
//
// One counter per query; not thread-safe.
#ifndef KAVOSH_SEARCHD_FACETS_H_
#define KAVOSH_SEARCHD_FACETS_H_

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace kavosh::search {

struct FacetCount {
  std::string value;
  std::string label;  // types and months: the Persian label; empty otherwise
  uint64_t count = 0;
};

class FacetCounter {
 public:
  enum Facet { kOrg = 0, kType = 1, kPlace = 2, kMonth = 3 };
  static constexpr std::array<const char*, 4> kNames = {"org", "type", "place", "month"};

  FacetCounter();
  Xapian::MatchSpy* spy() { return &spy_; }

  // Reads what the spy saw: distinct stories and, if `values`, the facet counts.
  void Collect(bool values);
  uint64_t stories() const { return stories_; }

  // The `limit` most frequent values (months: the newest `limit`, newest first), ties by
  // value; labels filled in.
  std::vector<FacetCount> Top(Facet facet, size_t limit) const;

 private:
  Xapian::ValueCountMatchSpy spy_;
  std::array<std::unordered_map<std::string, uint64_t>, 4> counts_;
  uint64_t stories_ = 0;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FACETS_H_
