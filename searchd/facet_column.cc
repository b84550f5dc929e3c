#include "searchd/facet_column.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>
#include <unordered_map>

#include "schema/schema.h"

namespace kavosh::search {

std::shared_ptr<const FacetColumn> FacetColumn::Read(const Xapian::Database& db, size_t max_bytes,
                                                     size_t max_cells) {
  auto column = std::make_shared<FacetColumn>();
  column->revision_ = db.get_revision();
  column->uuid_ = db.get_uuid();
  const Xapian::docid last = db.get_lastdocid();
  const size_t offsets = (static_cast<size_t>(last) + 1) * (sizeof(Slot) + sizeof(uint32_t));
  if (offsets > max_bytes) return nullptr;
  column->slots_.assign(static_cast<size_t>(last) + 1, Slot{});
  column->ends_.assign(static_cast<size_t>(last) + 1, 0);
  const size_t limit = std::min<size_t>(max_bytes - offsets, std::numeric_limits<uint32_t>::max());
  Xapian::docid filled = 0;  // the ends are right up to here
  for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotFacetIds);
       it != db.valuestream_end(schema::kSlotFacetIds); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did > last) break;  // cannot happen at one revision; kept safe anyway
    const std::string value = *it;
    if (column->bytes_.size() + value.size() > limit) return nullptr;
    const auto start = static_cast<uint32_t>(column->bytes_.size());
    for (Xapian::docid d = filled + 1; d < did; ++d) column->ends_[d] = start;  // no value
    column->bytes_ += value;
    column->ends_[did] = static_cast<uint32_t>(column->bytes_.size());
    filled = did;
  }
  const auto end = static_cast<uint32_t>(column->bytes_.size());
  for (Xapian::docid d = filled + 1; d <= last; ++d) column->ends_[d] = end;
  column->bytes_.shrink_to_fit();
  // Dates come next: by number, and sorted.
  if (column->memory() + column->slots_.size() * 2 * sizeof(uint32_t) > max_bytes) return nullptr;
  // Stories numbered densely, so that a counter finds a story by index, not by hash.
  {
    std::unordered_map<uint64_t, uint32_t> numbers;
    for (Xapian::docid d = 1; d <= last; ++d) {
      uint32_t tag = 0;
      uint64_t story = 0;
      if (schema::ReadFacetIdsHeader(column->Of(d), &tag, &story)) {
        auto [it, added] = numbers.try_emplace(story, column->stories_);
        if (added) ++column->stories_;
        column->slots_[d].story = it->second;
      } else {
        column->slots_[d].story = column->stories_++;
      }
    }
    if (column->stories_ > kNumber) return nullptr;
    std::vector<uint32_t> documents(column->stories_, 0);
    for (Xapian::docid d = 1; d <= last; ++d) ++documents[column->slots_[d].story];
    for (Xapian::docid d = 1; d <= last; ++d) {
      if (documents[column->slots_[d].story] == 1) column->slots_[d].story |= kAlone;
    }
  }
  column->dates_.assign(static_cast<size_t>(last) + 1, 0);
  for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotDate);
       it != db.valuestream_end(schema::kSlotDate); ++it) {
    if (it.get_docid() > last) break;
    // Anything but "YYYYMMDD" is left out.
    if (std::optional<uint32_t> date = DateNumber(*it)) column->dates_[it.get_docid()] = *date;
  }
  for (uint32_t d : column->dates_) {
    if (d != 0) column->sorted_dates_.push_back(d);
  }
  std::sort(column->sorted_dates_.begin(), column->sorted_dates_.end());
  if (column->memory() > max_bytes) return nullptr;
  const size_t values = column->bytes_.capacity() + column->ends_.capacity() * sizeof(uint32_t);
  if (column->ReadCells(max_cells) && column->memory() - values <= max_bytes) {
    // Every name is in the cells.
    std::string().swap(column->bytes_);
    std::vector<uint32_t>().swap(column->ends_);
  } else {
    // Counted from the values instead.
    column->has_cells_ = false;
    std::vector<uint16_t>().swap(column->spilled_);
    std::vector<CellName>().swap(column->cell_names_);
    for (Slot& slot : column->slots_) slot.count = 0;
  }
  return column;
}

bool FacetColumn::ReadCells(size_t max_cells) {
  // Per tag and facet, the cell of each id plus one (0: none yet). Ids are a
  // dictionary's numbers, dense from 0; a larger one is not trusted with an array.
  constexpr uint32_t kMaxId = 1u << 24;
  std::unordered_map<uint32_t, std::array<std::vector<uint32_t>, schema::kFacetKinds>> numbers;
  std::optional<uint32_t> first_tag;
  uint32_t last_tag = 0;
  std::array<std::vector<uint32_t>, schema::kFacetKinds>* by_facet = nullptr;
  bool ok = max_cells > 0;
  max_cells = std::min(max_cells, kMaxCells);
  std::vector<uint16_t> cells;  // one document's
  for (Xapian::docid d = 1; d < slots_.size() && ok; ++d) {
    const std::string_view value = Of(d);
    uint32_t tag = 0;
    uint64_t story = 0;
    if (!schema::ReadFacetIdsHeader(value, &tag, &story)) continue;
    if (!first_tag) first_tag = tag;
    one_tag_ = one_tag_ && tag == *first_tag;
    if (by_facet == nullptr || tag != last_tag) {
      by_facet = &numbers[tag];
      last_tag = tag;
    }
    cells.clear();
    // A malformed value counts the names before its fault, as CountNames does.
    schema::ForEachFacetId(value, [&](int f, uint32_t id) {
      if (!ok) return;
      std::vector<uint32_t>& cell_of = (*by_facet)[static_cast<size_t>(f)];
      if (id >= kMaxId) {
        ok = false;
        return;
      }
      if (id >= cell_of.size()) cell_of.resize(id + 1, 0);
      if (cell_of[id] == 0) {
        if (cell_names_.size() >= max_cells) {
          ok = false;
          return;
        }
        cell_names_.push_back({tag, f, id});
        cell_of[id] = static_cast<uint32_t>(cell_names_.size());
      }
      cells.push_back(static_cast<uint16_t>(cell_of[id] - 1));
    });
    if (!ok || cells.size() > std::numeric_limits<uint16_t>::max()) return false;
    Slot& slot = slots_[d];
    slot.count = static_cast<uint16_t>(cells.size());
    if (cells.size() <= kInline) {
      std::copy(cells.begin(), cells.end(), slot.cells);
    } else {
      if (spilled_.size() > std::numeric_limits<uint32_t>::max() - cells.size()) return false;
      const auto at = static_cast<uint32_t>(spilled_.size());
      std::memcpy(slot.cells, &at, sizeof at);
      spilled_.insert(spilled_.end(), cells.begin(), cells.end());
    }
  }
  if (!ok) return false;
  spilled_.shrink_to_fit();
  has_cells_ = true;
  return true;
}

std::optional<uint32_t> FacetColumn::DateNumber(std::string_view date) {
  if (date.size() != 8) return std::nullopt;
  uint32_t n = 0;
  for (char c : date) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  return n;
}

Xapian::doccount FacetColumn::CountDated(uint32_t lo, uint32_t hi) const {
  if (lo > hi) return 0;
  return static_cast<Xapian::doccount>(std::upper_bound(sorted_dates_.begin(), sorted_dates_.end(), hi) -
                                       std::lower_bound(sorted_dates_.begin(), sorted_dates_.end(), lo));
}

DateRangeSource::DateRangeSource(std::shared_ptr<const FacetColumn> column, uint32_t lo, uint32_t hi,
                                 std::optional<Xapian::doccount> count)
    : column_(std::move(column)), lo_(lo), hi_(hi),
      count_(count ? *count : column_ ? column_->CountDated(lo, hi) : 0) {}

void DateRangeSource::init(const Xapian::Database& /*db*/) {
  last_ = column_ ? column_->last() : 0;
  current_ = 0;
}

void DateRangeSource::next(double /*min_wt*/) {
  do {
    ++current_;
  } while (current_ <= last_ && !In(current_));
}

void DateRangeSource::skip_to(Xapian::docid did, double min_wt) {
  if (did <= current_) return;
  current_ = did - 1;
  next(min_wt);
}

bool DateRangeSource::check(Xapian::docid did, double /*min_wt*/) {
  if (did <= current_) return true;  // already at or past it: as skip_to would leave it
  current_ = did;
  // In range (at it), or past the last document (at the end): true. Otherwise false,
  // and next() goes on from here, as Xapian expects after a false check.
  return did > last_ || In(did);
}

namespace {

void Put32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint32_t Get32(const std::string& in, size_t at) {
  uint32_t v = 0;
  for (size_t i = at; i < at + 4; ++i) v = v << 8 | static_cast<unsigned char>(in[i]);
  return v;
}

}  // namespace

// The bounds and the count: a thread that unserialises the query does not count again.
std::string DateRangeSource::serialise() const {
  std::string out;
  Put32(&out, lo_);
  Put32(&out, hi_);
  Put32(&out, count_);
  return out;
}

DateRangeSource* DateRangeSource::unserialise(const std::string& serialised) const {
  if (serialised.size() != 12) throw Xapian::SerialisationError("bad kavosh.DateRange");
  return new DateRangeSource(column_, Get32(serialised, 0), Get32(serialised, 4), Get32(serialised, 8));
}

std::string DateRangeSource::get_description() const {
  return "DateRangeSource(" + std::to_string(lo_) + ".." + std::to_string(hi_) + ")";
}

FacetColumns::~FacetColumns() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::shared_ptr<const FacetColumn> FacetColumns::Get(const std::string& path, const Xapian::Database& db) {
  const uint64_t want = db.get_revision();
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[path];
  if (e.column && e.column->Current(db)) return e.column;
  // Each revision is asked for once: a read that failed is not retried until the next
  // commit, and a caller behind the kept column catches up at its next reopen. (Another
  // database made at the path is read once too; docs/operations.md asks for a restart.)
  const bool same_database = !e.column || e.column->uuid() == db.get_uuid();
  if (e.too_big || e.queued || want <= e.asked ||
      (same_database && e.column && e.column->revision() > want)) {
    return nullptr;
  }
  e.queued = true;
  e.asked = want;
  queue_.push_back(path);
  if (!worker_.joinable()) worker_ = std::thread([this] { Work(); });
  wake_.notify_one();
  return nullptr;
}

void FacetColumns::Prepare(const std::string& path, const Xapian::Database& db) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = entries_[path];
    if (e.too_big || (e.column && e.column->uuid() == db.get_uuid() &&
                      e.column->revision() >= db.get_revision())) {
      return;
    }
  }
  std::shared_ptr<const FacetColumn> column;
  try {
    column = FacetColumn::Read(db, max_bytes_);
  } catch (const Xapian::Error&) {
    return;  // the revision was overwritten during the read: Get() reads the next one
  } catch (const std::bad_alloc&) {
    return;  // counting works without a column
  }
  Keep(path, std::move(column));
}

void FacetColumns::Keep(const std::string& path, std::shared_ptr<const FacetColumn> column) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[path];
  ++reads_;
  if (!column) {
    e.too_big = true;
  } else if (!e.column || column->uuid() != e.column->uuid() ||
             column->revision() > e.column->revision()) {
    e.column = std::move(column);
  }
}

void FacetColumns::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    const std::string path = queue_.front();
    queue_.pop_front();
    lock.unlock();
    std::shared_ptr<const FacetColumn> column;
    bool failed = false;
    try {
      // A handle of this thread's own, at the newest revision.
      Xapian::Database db(path);
      column = FacetColumn::Read(db, max_bytes_);
    } catch (const Xapian::Error&) {
      failed = true;  // say, the revision was overwritten during the read: next commit
    } catch (const std::exception&) {
      failed = true;  // out of memory: counting works without a column
    }
    if (!failed) Keep(path, std::move(column));
    lock.lock();
    entries_[path].queued = false;
  }
}

size_t FacetColumns::memory() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t total = 0;
  for (const auto& [path, e] : entries_) {
    if (e.column) total += e.column->memory();
  }
  return total;
}

uint64_t FacetColumns::reads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reads_;
}

}  // namespace kavosh::search
