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
#include <string_view>
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
  // The spy saw about one match in `stride` (a SampleSource filter): Collect() multiplies every
  // count by it, and the counts are estimates.
  void set_stride(Xapian::doccount stride) { stride_ = stride; }
  bool sampled() const { return stride_ > 1; }
  uint64_t stories() const { return stories_; }
  // Matching documents the spy was shown (summed over the queries it was added to).
  Xapian::doccount seen() const { return spy_.get_total(); }

  // The `limit` most frequent values (months: the newest `limit`, newest first), ties by
  // value; labels filled in.
  std::vector<FacetCount> Top(Facet facet, size_t limit) const;

 private:
  Xapian::ValueCountMatchSpy spy_;
  // Looked up by string_view without a copy.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::array<std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>>, 4> counts_;
  uint64_t stories_ = 0;
  Xapian::doccount stride_ = 1;
};

// About one document in `stride` of each (sub)database, chosen by a hash of its number,
// for estimating the facets of a query that matches too many articles to count:
// OP_FILTER'ed with the query, Xapian only looks at the sampled documents. The sample is
// spread over the whole index (old and new articles alike), unlike checking only the
// first matches. Local databases only: a remote shard cannot run a posting source it
// does not know.
class SampleSource : public Xapian::PostingSource {
 public:
  explicit SampleSource(Xapian::doccount stride) : stride_(stride < 1 ? 1 : stride) {}
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return last_ / stride_; }
  Xapian::doccount get_termfreq_max() const override { return last_ / stride_ + 1; }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  SampleSource* clone() const override { return new SampleSource(stride_); }
  std::string get_description() const override;

 private:
  Xapian::doccount stride_;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;  // 0 before the first next()
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FACETS_H_
