#include "searchd/facet_column.h"

#include <limits>

#include "schema/schema.h"

namespace kavosh::search {

std::shared_ptr<const FacetColumn> FacetColumn::Read(const Xapian::Database& db, size_t max_bytes) {
  auto column = std::make_shared<FacetColumn>();
  column->revision_ = db.get_revision();
  const Xapian::docid last = db.get_lastdocid();
  const size_t offsets = (static_cast<size_t>(last) + 1) * sizeof(uint32_t);
  if (offsets > max_bytes) return nullptr;
  column->ends_.assign(static_cast<size_t>(last) + 1, 0);
  const size_t limit = std::min<size_t>(max_bytes - offsets, std::numeric_limits<uint32_t>::max());
  Xapian::docid filled = 0;  // ends_ is right up to here
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
  return column;
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
  if (e.column && e.column->revision() == want) return e.column;
  // Each revision is asked for once: a read that failed is not retried until the next
  // commit, and a caller behind the kept column catches up at its next reopen.
  if (e.too_big || e.queued || want <= e.asked || (e.column && e.column->revision() > want)) return nullptr;
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
    if (e.too_big || (e.column && e.column->revision() >= db.get_revision())) return;
  }
  std::shared_ptr<const FacetColumn> column = FacetColumn::Read(db, max_bytes_);
  Keep(path, std::move(column));
}

void FacetColumns::Keep(const std::string& path, std::shared_ptr<const FacetColumn> column) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[path];
  ++reads_;
  if (!column) {
    e.too_big = true;
  } else if (!e.column || column->revision() > e.column->revision()) {
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
