// kSlotFacetIds and kSlotDate (schema.h) of every document of a local shard, kept in
// memory, so that counting facets reads a match's story and names from an array instead
// of Xapian's value table, and a date range is checked against an array
// (DateRangeSource). At 1,000,000 articles the value table costs about 0.17 µs a match (a
// block read and a copy per look-up); the column of such an index takes 50 MB and half a
// second to read (docs/performance.md, "Queries, fourth round" and "sixth round").
//
//   auto columns = std::make_shared<FacetColumns>(256 << 20);
//   columns->Prepare(path, db);                      // at start: read now
//   auto column = columns->Get(path, db);            // per query: nullptr if not current
//   for (uint16_t cell : column->CellsOf(docid)) column->NameOf(cell);  // (tag, facet, id)
//
// A column belongs to one revision of one database (a directory, not a stub of several):
// document numbers and values may change with the next commit. After a commit, Get()
// answers nullptr (the caller reads Xapian's values instead) until a thread of the
// registry has read the new revision.
#ifndef KAVOSH_SEARCHD_FACET_COLUMN_H_
#define KAVOSH_SEARCHD_FACET_COLUMN_H_

#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <xapian.h>

namespace kavosh::search {

class FacetColumn {
 public:
  // Every value of `db` (one Xapian database) at its current revision; nullptr when they
  // would take more than `max_bytes` (with offsets), or more than 4 GiB. With cells
  // (below) when the values name at most `max_cells` distinct names.
  static std::shared_ptr<const FacetColumn> Read(const Xapian::Database& db, size_t max_bytes,
                                                 size_t max_cells = kMaxCells);

  uint64_t revision() const { return revision_; }
  // The database's UUID: a database made again at the same path may reach the same
  // revision number, and must not be counted with the old one's values.
  const std::string& uuid() const { return uuid_; }
  // Whether this is the column of `db` as it is now.
  bool Current(const Xapian::Database& db) const {
    return revision_ == db.get_revision() && uuid_ == db.get_uuid();
  }
  // The last document number at the read.
  Xapian::docid last() const { return static_cast<Xapian::docid>(slots_.size() - 1); }
  // Document `did`'s story as a number below stories(), the same for every copy (from the
  // story hash of its value; a document without one is a story of its own); 0 past the
  // end of the read.
  uint32_t StoryOf(Xapian::docid did) const { return did < slots_.size() ? slots_[did].story & kNumber : 0; }
  // Whether document `did`'s story has no other document in the database.
  bool Alone(Xapian::docid did) const { return did < slots_.size() && (slots_[did].story & kAlone) != 0; }
  uint32_t stories() const { return stories_; }
  // "YYYYMMDD" as the number YYYYMMDD, which orders as the string does; nullopt for
  // anything else.
  static std::optional<uint32_t> DateNumber(std::string_view date);
  // Document `did`'s date (kSlotDate as the number YYYYMMDD); 0 when it has none.
  uint32_t DateOf(Xapian::docid did) const { return did < dates_.size() ? dates_[did] : 0; }
  // Documents dated lo to hi, inclusive (two binary searches).
  Xapian::doccount CountDated(uint32_t lo, uint32_t hi) const;
  // Document `did`'s value; empty when it has none or came after the read, and for
  // every document of a column with cells (has_cells()), which keeps the names of the
  // values and not the values.
  std::string_view Of(Xapian::docid did) const {
    if (did == 0 || did >= ends_.size()) return {};
    return {bytes_.data() + ends_[did - 1], ends_[did] - ends_[did - 1]};
  }
  // Asks for document `did`'s slot (story and cells), or its value, to be brought into
  // the cache, for a reader that knows which documents it will read next.
  void Prefetch(Xapian::docid did) const {
    if (did < slots_.size()) __builtin_prefetch(&slots_[did]);
  }
  void PrefetchValue(Xapian::docid did) const {
    if (did != 0 && did < ends_.size()) __builtin_prefetch(bytes_.data() + ends_[did - 1]);
  }

  // Cells: every name the values hold, (dictionary tag, facet, id), numbered densely, and
  // each document's names as those numbers, so that a counter adds a match's names with
  // an array look-up each instead of decoding its value: decoding took about 0.1 µs a
  // match, a third of a one-thread count at 1,000,000 articles (docs/performance.md,
  // "Queries, sixth round"); the values themselves are then not kept. Numbers are 16
  // bits: an index naming more than kMaxCells names has no cells (has_cells() false),
  // and is counted from its values.
  static constexpr size_t kMaxCells = 65536;
  struct CellName {
    uint32_t tag = 0;
    int facet = 0;
    uint32_t id = 0;
  };
  bool has_cells() const { return has_cells_; }
  size_t cells() const { return cell_names_.size(); }
  const CellName& NameOf(uint16_t cell) const { return cell_names_[cell]; }
  // With cells: whether every value holds the same dictionary tag, so that a story's
  // copies name a name with the same cell.
  bool one_tag() const { return one_tag_; }
  // Document `did`'s cells, in the order of its value (a name listed twice is there
  // twice); empty without cells. In its slot (one cache miss for story and names) when
  // they fit, else in spilled_.
  std::span<const uint16_t> CellsOf(Xapian::docid did) const {
    if (did >= slots_.size()) return {};
    const Slot& slot = slots_[did];
    if (slot.count <= kInline) return {slot.cells, slot.count};
    uint32_t at = 0;
    std::memcpy(&at, slot.cells, sizeof at);
    return {spilled_.data() + at, slot.count};
  }

  size_t memory() const {
    return bytes_.capacity() +
           slots_.capacity() * sizeof(Slot) +
           (ends_.capacity() + dates_.capacity() + sorted_dates_.capacity()) * sizeof(uint32_t) +
           spilled_.capacity() * sizeof(uint16_t) + cell_names_.capacity() * sizeof(CellName);
  }

 private:
  uint64_t revision_ = 0;
  std::string uuid_;
  // By document number, a slot of 32 bytes (half a cache line, never split over two):
  // its story, and its cells when it has at most kInline, so that counting a match
  // reads one line of memory (what two arrays took: about 0.15 µs a match at 1,000,000
  // articles, docs/performance.md, "Queries, sixth round").
  static constexpr uint16_t kInline = 13;
  struct alignas(32) Slot {
    uint32_t story = 0;  // the story's number, and kAlone
    uint16_t count = 0;  // cells
    uint16_t cells[kInline] = {};  // above kInline: the first two hold where in spilled_
  };
  static_assert(sizeof(Slot) == 32);
  static constexpr uint32_t kAlone = 0x80000000u, kNumber = 0x7fffffffu;

  // Numbers the names of every value into the slots; false (and no cells) past
  // `max_cells` names, or at an id too large to be a dictionary's.
  bool ReadCells(size_t max_cells);

  std::vector<Slot> slots_;
  // Without cells: where each value ends in bytes_ (ends_[0] = 0). Emptied once the
  // names are in cells.
  std::vector<uint32_t> ends_;
  std::string bytes_;
  std::vector<uint32_t> dates_;  // by document number; 0: none
  std::vector<uint32_t> sorted_dates_;  // the dates of dated documents, in order: CountDated
  uint32_t stories_ = 0;
  bool has_cells_ = false;
  bool one_tag_ = true;
  std::vector<uint16_t> spilled_;  // the cells of documents with more than kInline
  std::vector<CellName> cell_names_;
};

// The documents of a FacetColumn's database dated lo to hi (YYYYMMDD numbers, inclusive),
// as a filter: Xapian asks about each candidate, and the answer comes from memory instead
// of a look-up in the value table (what OP_VALUE_RANGE does). The same documents as
// OP_VALUE_RANGE on kSlotDate: undated ones are outside every range. Serialisable (name
// kavosh.DateRange) for a Registry that holds a prototype with the same column.
class DateRangeSource : public Xapian::PostingSource {
 public:
  // Counts the documents in range (a pass over the dates) unless `count` is given.
  DateRangeSource(std::shared_ptr<const FacetColumn> column, uint32_t lo, uint32_t hi,
                  std::optional<Xapian::doccount> count = std::nullopt);
  Xapian::doccount get_termfreq_min() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  DateRangeSource* clone() const override { return new DateRangeSource(column_, lo_, hi_, count_); }
  std::string name() const override { return "kavosh.DateRange"; }
  std::string serialise() const override;
  DateRangeSource* unserialise(const std::string& serialised) const override;
  std::string get_description() const override;

 private:
  bool In(Xapian::docid did) const {
    const uint32_t d = column_->DateOf(did);
    return d != 0 && d >= lo_ && d <= hi_;
  }
  std::shared_ptr<const FacetColumn> column_;
  uint32_t lo_, hi_;
  Xapian::doccount count_;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;  // 0 before the first next()
};

// The columns of a process's local shards, by path, shared by its searchers (one per
// thread): thread-safe. One column per path, of the newest revision read.
class FacetColumns {
 public:
  // At most `max_bytes` per column; a shard whose values are larger is never kept.
  explicit FacetColumns(size_t max_bytes) : max_bytes_(max_bytes) {}
  ~FacetColumns();  // waits for a read in progress
  FacetColumns(const FacetColumns&) = delete;
  FacetColumns& operator=(const FacetColumns&) = delete;

  // The column of the shard at `path`, if it was read at the revision of `db` (the
  // caller's handle on that path); else nullptr, and when `db` is newer than what was
  // read, a read of the shard starts on the registry's thread.
  std::shared_ptr<const FacetColumn> Get(const std::string& path, const Xapian::Database& db);
  // Reads the shard at `path` now, on this thread, unless the column of `db`'s revision
  // (or a newer one) is kept: for start-up, so that the first queries do not wait. A
  // read that fails (a commit overwrote the revision, no memory) leaves no column; it
  // never fails the caller.
  void Prepare(const std::string& path, const Xapian::Database& db);
  // Bytes held by every column; columns read so far.
  size_t memory() const;
  uint64_t reads() const;

 private:
  struct Entry {
    std::shared_ptr<const FacetColumn> column;
    uint64_t asked = 0;  // the newest revision a read was queued for
    bool queued = false;
    bool too_big = false;
  };
  // Keeps `column` if it is newer than the kept one or of another database; nullptr:
  // the shard is too big.
  void Keep(const std::string& path, std::shared_ptr<const FacetColumn> column);
  void Work();

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::map<std::string, Entry> entries_;
  std::deque<std::string> queue_;
  uint64_t reads_ = 0;
  bool stop_ = false;
  std::thread worker_;  // started with the first read queued
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FACET_COLUMN_H_
