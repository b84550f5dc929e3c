// Facet counting over every matching article: organisations, places, event types and
// Jalali months, each duplicate story counted once with the union of its matching
// copies' values. Two ways, same counts:
// - local databases (`local` given): LocalFacetSpy counts as Xapian shows it each match,
//   in flat tables keyed by 64-bit hashes of the values: no allocation per match;
// - with remote shards: Xapian's own ValueCountMatchSpy collects the kSlotFacets value
//   of each match (schema.h), which remote shards can do and merge; Collect() counts.
//
//   FacetCounter facets(&db);
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
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace kavosh::search {

struct FacetCount {
  std::string value;
  std::string label;  // types and months: the Persian label; empty otherwise
  uint64_t count = 0;
};

enum Facet { kOrg = 0, kType = 1, kPlace = 2, kMonth = 3 };

// Counts of one facet's values keyed by a 64-bit hash of the value (open addressing,
// linear probing); the value itself is copied once, when first seen. Two distinct values
// of one facet sharing a 64-bit hash would be counted together: at the few thousand
// values a query meets, about one chance in 10^12.
class ValueTable {
 public:
  struct Entry {
    std::string value;
    uint64_t count = 0;
    uint64_t stamp = 0;  // the last match counted: a value listed twice counts once
  };
  // The entry of `value` (hash `h`, never 0), added with count 0 if new.
  Entry& Find(uint64_t h, std::string_view value);
  std::vector<Entry>& entries() { return entries_; }
  const std::vector<Entry>& entries() const { return entries_; }
  void Clear();

 private:
  void Grow();
  std::vector<uint64_t> keys_;   // 0: empty slot
  std::vector<uint32_t> index_;  // into entries_
  std::vector<Entry> entries_;
};

// The local match spy: reads kSlotFacets of each match, counts a story's values the
// first time one of its copies matches; a later copy with the same values (or the same
// document shown again) adds nothing, one with other values (rare) adds only the values
// the earlier copies lacked, looking the first copy up in `db`. Not for remote shards
// (no serialisation).
class LocalFacetSpy : public Xapian::MatchSpy {
 public:
  LocalFacetSpy(const Xapian::Database& db, bool values) : db_(db), values_(values) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  std::string get_description() const override { return "LocalFacetSpy"; }

  Xapian::doccount seen() const { return seen_; }
  uint64_t stories() const { return story_count_; }
  std::array<ValueTable, 4>& tables() { return tables_; }
  const std::array<ValueTable, 4>& tables() const { return tables_; }

 private:
  struct Story {
    uint64_t key = 0;     // hash of the story; 0: empty slot
    uint64_t first = 0;   // hash of the first matching copy's whole kSlotFacets value
    int32_t extra = -1;   // index into counted_ once a copy with other values matched
  };
  // The (facet, hash) pairs of the copy of `story` whose value hashes to `first`: found
  // through the story's term, as a MatchSpy is not told which shard a document is from.
  std::vector<std::pair<int, uint64_t>> ValuesOfCopy(std::string_view story, uint64_t first);
  Story& FindStory(uint64_t key);
  // Calls fn(facet, hash, value) for each value of an encoded kSlotFacets key.
  template <typename Fn>
  static void ForEachValue(std::string_view encoded, Fn&& fn);

  Xapian::Database db_;
  bool values_;
  Xapian::doccount seen_ = 0;
  uint64_t story_count_ = 0;
  std::vector<Story> stories_;  // open addressing, power-of-two size
  // Per story seen twice or more: the (facet, hash) pairs already counted for it.
  std::vector<std::vector<std::pair<int, uint64_t>>> counted_;
  std::array<ValueTable, 4> tables_;
};

class FacetCounter {
 public:
  using Facet = search::Facet;
  static constexpr Facet kOrg = search::kOrg, kType = search::kType, kPlace = search::kPlace,
                         kMonth = search::kMonth;
  static constexpr std::array<const char*, 4> kNames = {"org", "type", "place", "month"};

  // `local`: the database the query runs on, when every shard of it is local (the fast
  // spy; `values` false when only stories are wanted). nullptr: Xapian's spy.
  explicit FacetCounter(const Xapian::Database* local = nullptr, bool values = true);
  Xapian::MatchSpy* spy() { return local_ ? static_cast<Xapian::MatchSpy*>(local_.get()) : &spy_; }

  // Reads what the spy saw: distinct stories and, if `values`, the facet counts.
  void Collect(bool values);
  // The spy saw about one match in `stride` (a SampleSource filter): Collect() multiplies every
  // count by it, and the counts are estimates.
  void set_stride(Xapian::doccount stride) { stride_ = stride; }
  bool sampled() const { return stride_ > 1; }
  // What Xapian said of the counting query (every match up to the limit checked): its
  // bounds count documents, copies of a story included.
  void set_matches(Xapian::doccount upper, Xapian::doccount estimated) {
    upper_ = upper;
    estimated_ = estimated;
  }
  Xapian::doccount matches_upper_bound() const { return upper_; }
  Xapian::doccount matches_estimated() const { return estimated_; }
  uint64_t stories() const { return stories_; }
  // Matching documents the spy was shown (summed over the queries it was added to).
  Xapian::doccount seen() const { return local_ ? local_->seen() : spy_.get_total(); }

  // The `limit` most frequent values (months: the newest `limit`, newest first), ties by
  // value; labels filled in.
  std::vector<FacetCount> Top(Facet facet, size_t limit) const;

 private:
  void CollectFromValueCounts(bool values);

  std::unique_ptr<LocalFacetSpy> local_;
  Xapian::ValueCountMatchSpy spy_;
  // The remote path fills its own tables; the local one counts into the spy's.
  std::array<ValueTable, 4> remote_tables_;
  std::array<ValueTable, 4>& tables() { return local_ ? local_->tables() : remote_tables_; }
  const std::array<ValueTable, 4>& tables() const { return local_ ? local_->tables() : remote_tables_; }
  uint64_t stories_ = 0;
  Xapian::doccount stride_ = 1;
  Xapian::doccount upper_ = 0, estimated_ = 0;
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
