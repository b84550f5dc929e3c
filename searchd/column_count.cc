// LocalFacetSpy counting from a FacetColumn (searchd/facets.h): matches in batches read
// ahead in the column; a story of one document counted at once; the copies of stories
// with several documents kept and counted story by story once all matches are in, so
// that each name counts once per story with a stamp instead of a look-up per name in a
// table of what every story counted (which cost about 0.4 µs a copy at 1,000,000
// articles, in cache misses: docs/performance.md, "Queries, fifth round").
#include <algorithm>
#include <bit>
#include <optional>
#include <tuple>

#include "schema/schema.h"
#include "searchd/facets.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

void LocalFacetSpy::Flush() {
  if (!column_) return;
  CountBatch(pending_.data(), pending_.size(), false, true);
  pending_.clear();
}

void LocalFacetSpy::Take(const std::vector<Xapian::docid>& dids) {
  for (size_t at = 0; at < dids.size(); at += kBatch) {
    CountBatch(dids.data() + at, std::min(kBatch, dids.size() - at), true, true);
  }
}

void LocalFacetSpy::Finish() {
  if (!column_) return;
  Flush();
  if (finished_ > 0 && shown_.size() > finished_) {
    Recount();  // matches after a Finish(): their stories may have been counted already
  } else {
    CountCopies();
    FoldCells();
  }
  finished_ = shown_.size();
}

void LocalFacetSpy::CountCells(Xapian::docid did) {
  for (const uint16_t cell : column_->CellsOf(did)) {
    TagCounts::Cell& c = cell_counts_[cell];
    if (c.stamp != stamp_) {
      c.stamp = stamp_;
      ++c.count;
    }
  }
}

void LocalFacetSpy::FoldCells() {
  for (size_t i = 0; i < cell_counts_.size(); ++i) {
    if (cell_counts_[i].count == 0) continue;
    const FacetColumn::CellName& name = column_->NameOf(static_cast<uint16_t>(i));
    tags_[TagIndex(name.tag)].At(name.facet, name.id).count += cell_counts_[i].count;
    cell_counts_[i].count = 0;
  }
}

void LocalFacetSpy::Recount() {
  tags_.clear();
  last_tag_ = 0;
  story_count_ = 0;
  copies_.clear();
  std::fill(alone_counted_.begin(), alone_counted_.end(), 0);
  for (TagCounts::Cell& c : cell_counts_) c.count = 0;
  for (size_t at = 0; at < shown_.size(); at += kBatch) {
    CountBatch(shown_.data() + at, std::min(kBatch, shown_.size() - at), true, false);
  }
  CountCopies();
  FoldCells();
  finished_ = shown_.size();
}

namespace {

// The dictionary tag of a kSlotFacetIds value; nullopt when it is not one.
std::optional<uint32_t> TagOf(std::string_view value) {
  uint32_t tag = 0;
  uint64_t ignored = 0;
  if (!sc::ReadFacetIdsHeader(value, &tag, &ignored)) return std::nullopt;
  return tag;
}

}  // namespace

void LocalFacetSpy::CountNames(std::string_view value) {
  if (std::optional<uint32_t> tag = TagOf(value)) CountNames(value, *tag);
}

template <typename Fn>
void LocalFacetSpy::ForEachName(Xapian::docid did, Fn&& fn) const {
  if (column_->has_cells()) {
    for (const uint16_t cell : column_->CellsOf(did)) {
      const FacetColumn::CellName& name = column_->NameOf(cell);
      fn(name.tag, name.facet, name.id);
    }
    return;
  }
  const std::string_view value = column_->Of(did);
  const std::optional<uint32_t> tag = TagOf(value);
  if (!tag) return;
  sc::ForEachFacetId(value, [&](int f, uint32_t id) { fn(*tag, f, id); });
}

void LocalFacetSpy::CountBatch(const Xapian::docid* dids, size_t n, bool all, bool record) {
  // A match's slot (and, without cells, its value) is in memory no cache has yet; asked
  // for some matches ahead, they arrive while earlier ones are counted.
  constexpr size_t kEntryAhead = 16, kValueAhead = 8;
  if (n > 0 && alone_counted_.empty()) alone_counted_.assign(column_->stories() / 64 + 1, 0);
  const bool cells = column_->has_cells();
  if (cells && cell_counts_.size() < column_->cells()) cell_counts_.resize(column_->cells());
  for (size_t i = 0; i < n; ++i) {
    if (i + kEntryAhead < n) column_->Prefetch(dids[i + kEntryAhead]);
    // With cells, a match's names are in its slot, asked for above.
    if (values_ && !cells && i + kValueAhead < n) column_->PrefetchValue(dids[i + kValueAhead]);
    const Xapian::docid did = dids[i];
    const uint32_t story = column_->StoryOf(did);
    if (!all && story % shares_ != share_) {
      foreign_.push_back(did);
      continue;
    }
    if (record) shown_.push_back(did);
    if (!column_->Alone(did)) {
      copies_.push_back(uint64_t{story} << 32 | did);
      continue;
    }
    uint64_t& bits = alone_counted_[story / 64];
    const uint64_t bit = uint64_t{1} << (story % 64);
    if (bits & bit) continue;  // the same document again
    bits |= bit;
    ++story_count_;
    if (values_) {
      ++stamp_;
      if (cells) {
        CountCells(did);
      } else {
        CountNames(column_->Of(did));
      }
    }
  }
}

void LocalFacetSpy::CountCopies() {
  const size_t n = copies_.size();
  if (n == 0) return;
  // By story number, 11 bits a pass (two passes up to 4 million stories).
  sorting_.resize(n);
  const int bits = std::max(1, static_cast<int>(std::bit_width(column_->stories())));
  for (int shift = 32; shift < 32 + bits; shift += 11) {
    size_t counts[2049] = {};
    for (uint64_t e : copies_) ++counts[((e >> shift) & 2047) + 1];
    for (size_t d = 1; d <= 2048; ++d) counts[d] += counts[d - 1];
    for (uint64_t e : copies_) sorting_[counts[(e >> shift) & 2047]++] = e;
    copies_.swap(sorting_);
  }
  // Story by story: one stamp for all of a story's copies, so a name two copies share
  // counts once. Copies from databases with their own dictionaries (tags) compare names
  // by their canonical number instead.
  std::vector<std::tuple<uint64_t, uint32_t, int, uint32_t>> names;  // key, tag, facet, id
  const bool cells = values_ && column_->has_cells();
  constexpr size_t kCopiesAhead = 16;
  if (cells) {
    for (size_t k = 0; k < std::min(n, kCopiesAhead); ++k) column_->Prefetch(static_cast<Xapian::docid>(copies_[k]));
  }
  for (size_t i = 0; i < n;) {
    const uint32_t story = StoryPart(copies_[i]);
    size_t end = i;
    // Whether the copies name a name with the same number, so that a stamp tells whether
    // the story counted it; otherwise names are compared by their canonical numbers.
    bool one_tag = true;
    if (cells) {
      one_tag = column_->one_tag();
      // The slots of copies further on, across stories: asked for now, they arrive while
      // this story is counted (84-95 -> 68-74 ns a match, kavosh-count-bench at 1M).
      for (; end < n && StoryPart(copies_[end]) == story; ++end) {
        if (end + kCopiesAhead < n) column_->Prefetch(static_cast<Xapian::docid>(copies_[end + kCopiesAhead]));
      }
    } else {
      uint32_t first_tag = 0;
      // This pass over the story's copies also brings their column entries and values in
      // for the next: independent loads overlap better than software prefetches here
      // (skipping it for a database of one dictionary, and prefetching across stories
      // instead, made the count of وزارت بهداشت 44 -> 49 ms; measured 2026-11-30).
      for (; end < n && StoryPart(copies_[end]) == story; ++end) {
        if (!values_) continue;
        const uint32_t tag = TagOf(column_->Of(static_cast<Xapian::docid>(copies_[end]))).value_or(0);
        if (end == i) first_tag = tag;
        one_tag = one_tag && tag == first_tag;
      }
    }
    ++story_count_;
    if (values_ && one_tag) {
      ++stamp_;
      for (size_t k = i; k < end; ++k) {
        const auto did = static_cast<Xapian::docid>(copies_[k]);
        if (cells) {
          CountCells(did);
          continue;
        }
        if (k + 8 < end) column_->PrefetchValue(static_cast<Xapian::docid>(copies_[k + 8]));
        CountNames(column_->Of(did));
      }
    } else if (values_) {
      names.clear();
      for (size_t k = i; k < end; ++k) {
        ForEachName(static_cast<Xapian::docid>(copies_[k]), [&](uint32_t tag, int f, uint32_t id) {
          const uint64_t key = static_cast<uint64_t>(f) << 32 | Canonical({f, tag, id});
          names.emplace_back(key, tag, f, id);
        });
      }
      std::sort(names.begin(), names.end());
      for (size_t k = 0; k < names.size(); ++k) {
        if (k > 0 && std::get<0>(names[k]) == std::get<0>(names[k - 1])) continue;
        ++tags_[TagIndex(std::get<1>(names[k]))].At(std::get<2>(names[k]), std::get<3>(names[k])).count;
      }
    }
    i = end;
  }
  copies_.clear();
}

}  // namespace kavosh::search
