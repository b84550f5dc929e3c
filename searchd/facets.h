// Facet counting over every matching article: organisations, places, event types and
// Jalali months, each duplicate story counted once with the union of its matching
// copies' values. Two ways, same counts:
// - local databases (`local` given): LocalFacetSpy reads each match's facet numbers
//   (kSlotFacetIds) as Xapian shows it, and counts in arrays indexed by number;
// - with remote shards: Xapian's own ValueCountMatchSpy collects the kSlotFacets value
//   of each match (schema.h), which remote shards can do and merge; Collect() counts.
//
//   FacetCounter facets(&db, /*values=*/true, &names);
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
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "searchd/facet_column.h"

namespace kavosh::search {

struct FacetCount {
  std::string value;
  std::string label;  // types and months: the Persian label; empty otherwise
  uint64_t count = 0;
};

enum Facet { kOrg = 0, kType = 1, kPlace = 2, kMonth = 3 };

// Names of the numbers in kSlotFacetIds (schema.h), read from the metadata of the
// databases that hold them and kept: a number's name never changes. One per searcher;
// not thread-safe.
class FacetNames {
 public:
  // The local databases (each shard) whose dictionaries may be needed.
  void set_databases(std::vector<Xapian::Database> dbs) { dbs_ = std::move(dbs); }
  // The name of `id` in `facet` of dictionary `tag`, or nullptr: a dictionary is read
  // whole the first time it is needed, a number added since is looked up alone.
  const std::string* Find(uint32_t tag, int facet, uint32_t id);
  // A number for the name of `id` that is the same in every dictionary (an unknown id
  // gets one of its own): copies of a story in shards with their own dictionaries are
  // compared by it, without their names.
  uint32_t Canonical(uint32_t tag, int facet, uint32_t id);

 private:
  void Load(uint32_t tag);
  std::vector<Xapian::Database> dbs_;
  // A deque: growing it keeps earlier names where they are, as callers hold pointers.
  std::unordered_map<uint32_t, std::array<std::deque<std::string>, 4>> names_;
  // Canonical(): per tag and facet, the number of each id plus one (0: not asked yet);
  // per facet, the number of each name.
  std::unordered_map<uint32_t, std::array<std::vector<uint32_t>, 4>> canonical_;
  std::array<std::unordered_map<std::string, uint32_t>, 4> numbers_;
};

// The local match spy: reads kSlotFacetIds of each match and counts in arrays indexed by
// the numbers. A story's values count the first time one of its copies matches; a later
// copy with the same value (or the same document shown again) adds nothing, one with
// other values adds only the names the earlier copies lacked. Not for remote shards (no
// serialisation).
class LocalFacetSpy : public Xapian::MatchSpy {
 public:
  // `column`: the facet column of the database searched (a single Xapian database, at
  // its revision): matches are then counted from it (searchd/column_count.cc). nullptr:
  // each match's value is read from Xapian's value table and each story's first value
  // kept. (Over several databases, Xapian 1.4 numbers the documents it shows a spy
  // within their own database, so a spy could not tell which column to read.)
  LocalFacetSpy(bool values, FacetNames* names, std::shared_ptr<const FacetColumn> column = nullptr);
  void operator()(const Xapian::Document& doc, double wt) override;
  std::string get_description() const override { return "LocalFacetSpy"; }
  // With a column, matches are counted in batches, and the copies of stories with
  // several documents once all are in (grouped by story, so that a name counts once per
  // story without a look-up per name): Flush() counts the batch shown since the last,
  // Finish() also the copies. Call Finish() on the thread that counted, before reading
  // the counts (FacetCounter::Finish, Collect and Absorb do). More matches after a
  // Finish() are counted by counting everything again at the next.
  void Flush();
  void Finish();

  // Matches shown, counted or waiting in a batch.
  Xapian::doccount seen() const { return seen_; }
  uint64_t stories() const { return story_count_; }
  bool values() const { return values_; }
  // fn(tag, facet, id, count) for every value counted.
  template <typename Fn>
  void ForEachCount(Fn&& fn) const {
    for (const TagCounts& t : tags_) {
      for (int f = 0; f < 4; ++f) {
        for (size_t id = 0; id < t.cells[f].size(); ++id) {
          if (t.cells[f][id].count > 0) fn(t.tag, f, static_cast<uint32_t>(id), uint64_t{t.cells[f][id].count});
        }
      }
    }
  }
  size_t tags() const { return tags_.size(); }
  // Adds what `other` counted, as if its matches had been shown to this spy: a story
  // both saw counts once, with the union of its values (compared by name across
  // dictionaries, with this spy's FacetNames). For counting on several threads, one spy
  // each (a spy is not thread-safe); `other` is left as it was.
  // Both are flushed first. Two spies sharing the stories (set_share) just add up.
  void Absorb(LocalFacetSpy& other);

  // With a column, on two threads: this spy counts only the stories whose number is
  // `index` modulo `shares`, and keeps the matches of the others (foreign()) for the spy
  // that counts those (Take()). Spies sharing stories see disjoint stories, so adding
  // them up needs no story-by-story merge; once absorbed, a spy counts nothing more.
  void set_share(unsigned index, unsigned shares) {
    share_ = index;
    shares_ = column_ && shares > 1 ? shares : 1;
  }
  const std::vector<Xapian::docid>& foreign() const { return foreign_; }
  // Counts `dids`, matches shown to another spy whose stories are this one's.
  void Take(const std::vector<Xapian::docid>& dids);
  // Column mode: a story's copies, as its number and document number (story << 32 | did).
  static uint32_t StoryPart(uint64_t entry) { return static_cast<uint32_t>(entry >> 32); }

 private:
  // 16 bytes: the table of up to 100,000 stories is read at random, once per match.
  struct Story {
    uint64_t key = 0;    // StoryHash of the story; 0: empty slot
    uint32_t at = 0;     // the first matching copy's kSlotFacetIds value: Kept(at)
    int32_t extra = -1;  // index into counted_ once a copy with other values matched
  };
  struct TagCounts {
    uint32_t tag = 0;
    // Side by side, as both are read for every number of every match: one cache miss.
    struct Cell {
      Xapian::doccount count = 0;
      Xapian::doccount stamp = 0;  // the last match (stamp_) that counted the id
    };
    std::vector<Cell> cells[4];
    Cell& At(int facet, uint32_t id) {
      if (id >= cells[facet].size()) cells[facet].resize(id + 1);
      return cells[facet][id];
    }
    std::vector<uint32_t> canonical[4];       // FacetNames::Canonical() + 1; 0: not asked
  };
  // Without a column: the story of `key` (StoryHash); key 0 in the answer when it was
  // not seen yet. The reference lasts until the next call.
  Story& FindStory(uint64_t key);
  size_t TagIndex(uint32_t tag);
  // Without a column: counts one match, its kSlotFacetIds `value`, dictionary `tag` and
  // story `key`.
  void Count(std::string_view value, uint32_t tag, uint64_t key);
  // kSlotFacetIds of a match, copied into `held`.
  std::string_view FacetIdsOf(const Xapian::Document& doc, std::string* held) const;
  std::shared_ptr<const FacetColumn> column_;
  // What a story has counted: (facet, tag, id). Copies may lie in shards with different
  // dictionaries (tags), whose numbers are compared by name (Canonical()).
  struct Counted {
    int facet;
    uint32_t tag, id;
  };
  // What `story` has counted: its first value's numbers, or its list once it has one.
  std::vector<Counted> CountedOf(const Story& story) const;
  // The value kept for a story (empty when values are not counted): where its first
  // copy's value was copied.
  std::string_view Kept(uint32_t at) const;
  uint32_t Keep(std::string_view value);
  uint32_t Canonical(const Counted& c);
  // Starts the list of what `story` counted (its first value's numbers, or `from`).
  void StartList(Story& story, std::vector<Counted> from);
  // Notes that the story with list `extra` counted `c`; false if it had already.
  bool Mark(int32_t extra, const Counted& c);

  bool values_;
  FacetNames* names_;
  Xapian::doccount seen_ = 0;
  Xapian::doccount stamp_ = 0;  // matches counted: TagCounts::Cell::stamp
  uint64_t story_count_ = 0;
  // With a column: matches shown and not counted yet, at most kBatch.
  static constexpr size_t kBatch = 4096;
  std::vector<Xapian::docid> pending_;
  unsigned share_ = 0, shares_ = 1;
  std::vector<Xapian::docid> foreign_;  // matches of other spies' stories (set_share)
  // Column mode (searchd/column_count.cc): every match counted here, for counting again;
  // copies of stories with several documents, waiting for Finish(); a bit per story of
  // one document counted; shown_.size() at the last Finish() (0: none yet).
  std::vector<Xapian::docid> shown_;
  std::vector<uint64_t> copies_, sorting_;
  std::vector<uint64_t> alone_counted_;
  size_t finished_ = 0;
  // Counts by the column's cells (FacetColumn::CellsOf), added to tags_ by FoldCells().
  std::vector<TagCounts::Cell> cell_counts_;
  // Adds document `did`'s cells to cell_counts_, each once per stamp_.
  void CountCells(Xapian::docid did);
  // Moves cell_counts_ into tags_.
  void FoldCells();
  // fn(tag, facet, id) for each name of document `did`, from the column's cells or value.
  template <typename Fn>
  void ForEachName(Xapian::docid did, Fn&& fn) const;
  // Counts `dids` (each with a column entry): a story of one document at once, copies
  // into copies_; those of other shares go to foreign_ unless `all`; each counted match
  // is added to shown_ if `record`.
  void CountBatch(const Xapian::docid* dids, size_t n, bool all, bool record);
  // Counts copies_, story by story.
  void CountCopies();
  // Forgets every count and counts shown_ again.
  void Recount();
  // Adds `value`'s names (of dictionary `tag`; without it, read from its header) to the
  // counts, each name once per `stamp_`.
  void CountNames(std::string_view value, uint32_t tag);
  void CountNames(std::string_view value);
  // Without a column: open addressing by key, power-of-two size.
  std::vector<Story> stories_;
  std::vector<std::vector<Counted>> counted_;
  // What the lists of counted_ hold, for finding in one step whether a story counted a
  // name already (a story may have over a hundred copies): (list + 1) << 34 | facet << 32
  // | canonical number; open addressing, power-of-two size, 0 empty.
  std::vector<uint64_t> marks_;
  size_t mark_count_ = 0;
  // Each story's first matching value (a 4-byte length, then the bytes), kept for when
  // another copy with other values matches (a quarter of the articles are copies in the
  // scaled corpora, and their values often differ): no second look-up in the index.
  std::string first_values_;
  std::vector<TagCounts> tags_;
  size_t last_tag_ = 0;
};

class FacetCounter {
 public:
  using Facet = search::Facet;
  static constexpr Facet kOrg = search::kOrg, kType = search::kType, kPlace = search::kPlace,
                         kMonth = search::kMonth;
  static constexpr std::array<const char*, 4> kNames = {"org", "type", "place", "month"};

  // `local`: the database the query runs on, when every shard of it is local (the fast
  // spy, names from `names`; `values` false when only stories are wanted). nullptr:
  // Xapian's spy.
  // `column`: as for LocalFacetSpy.
  explicit FacetCounter(const Xapian::Database* local = nullptr, bool values = true,
                        FacetNames* names = nullptr, std::shared_ptr<const FacetColumn> column = nullptr);
  Xapian::MatchSpy* spy() { return local_ ? static_cast<Xapian::MatchSpy*>(local_.get()) : &spy_; }
  // The local spy; nullptr with Xapian's.
  const LocalFacetSpy* local() const { return local_.get(); }

  // Counts what the local spy holds in its batch, or everything it holds
  // (LocalFacetSpy::Flush, Finish): on the thread that ran the query, once it has.
  void Flush() {
    if (local_) local_->Flush();
  }
  void Finish() {
    if (local_) local_->Finish();
  }
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
    all_seen_.reset();
  }
  // Said by a count that knows whether it saw every match (counting in slices, where
  // Xapian's bounds of one query do not tell); overrides the rule of AllSeen().
  void set_all_seen(bool all) { all_seen_ = all; }
  // Whether every match was shown to the spy, when Xapian was asked to check `checked`:
  // it saw fewer (it ran out), or its upper bound is within them.
  bool AllSeen(Xapian::doccount checked) const {
    return all_seen_ ? *all_seen_ : seen() < checked || upper_ <= checked;
  }
  Xapian::doccount matches_upper_bound() const { return upper_; }
  Xapian::doccount matches_estimated() const { return estimated_; }
  uint64_t stories() const { return stories_; }
  // Adds another counter's matches (LocalFacetSpy::Absorb); both local, neither sampled.
  // Flushes `other` first (best done on its own thread, when it counted on another).
  void Absorb(FacetCounter& other);
  // LocalFacetSpy::set_share, foreign() and Take(), for two local spies.
  void set_share(unsigned index, unsigned shares) {
    if (local_) local_->set_share(index, shares);
  }
  void Take(const FacetCounter& other) {
    if (local_ && other.local_) local_->Take(other.local_->foreign());
  }
  // Matching documents the spy was shown (summed over the queries it was added to).
  Xapian::doccount seen() const { return local_ ? local_->seen() : spy_.get_total(); }

  // The `limit` most frequent values (months: the newest `limit`, newest first), ties by
  // value; labels filled in.
  std::vector<FacetCount> Top(Facet facet, size_t limit) const;

 private:
  void CollectFromValueCounts(bool values);

  std::unique_ptr<LocalFacetSpy> local_;
  FacetNames* names_ = nullptr;
  Xapian::ValueCountMatchSpy spy_;
  // What Collect() counted from spy_: per facet, value -> count, and the last story that
  // counted it (a value listed twice, or by two copies of a story, counts once).
  struct RemoteCount {
    uint64_t count = 0;
    uint64_t story = 0;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::array<std::unordered_map<std::string, RemoteCount, Hash, std::equal_to<>>, 4> remote_counts_;
  uint64_t stories_ = 0;
  Xapian::doccount stride_ = 1;
  Xapian::doccount upper_ = 0, estimated_ = 0;
  std::optional<bool> all_seen_;
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

// The documents numbered `first` to `last` of each (sub)database (every number: a deleted
// document leaves a gap), as a filter: OP_FILTER'ed with a query, Xapian only looks at
// them. For ranking the matches a count did not reach (searchd/page_keeper.h).
class DocumentRange : public Xapian::PostingSource {
 public:
  DocumentRange(Xapian::docid first, Xapian::docid last) : first_(first < 1 ? 1 : first), last_(last) {}
  // Numbers, not documents: deleted ones leave gaps, so at least none.
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return stop_ > first_ ? stop_ - first_ : 0; }
  Xapian::doccount get_termfreq_max() const override { return get_termfreq_est(); }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ >= stop_; }
  Xapian::docid get_docid() const override { return current_; }
  DocumentRange* clone() const override { return new DocumentRange(first_, last_); }
  std::string get_description() const override;

 protected:
  Xapian::docid first_, last_;  // last_ < first_: none
  Xapian::docid stop_ = 0;      // one past the last number within the database (init)
  Xapian::docid current_ = 0;   // first_ - 1 before the first next()
};

// The documents of slice `index` of `slices` equal slices of each (sub)database's
// document numbers, every one of them: the slices together are the whole. For counting
// one query on several threads.
class SliceSource : public DocumentRange {
 public:
  SliceSource(unsigned index, unsigned slices)
      : DocumentRange(1, 0), index_(index), slices_(slices < 1 ? 1 : slices) {}
  // The first and last number of slice `index` of `slices` when the last document is `n`
  // (last < first: an empty slice).
  static std::pair<Xapian::docid, Xapian::docid> Bounds(Xapian::docid n, unsigned index, unsigned slices);
  void init(const Xapian::Database& db) override;
  SliceSource* clone() const override { return new SliceSource(index_, slices_); }
  std::string get_description() const override;

 private:
  unsigned index_, slices_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FACETS_H_
