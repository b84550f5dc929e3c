#include "searchd/facets.h"

#include <algorithm>
#include <cstdio>

#include "indexer/dates/jalali.h"
#include "indexer/entities/event_types.h"
#include "schema/schema.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

FacetCounter::FacetCounter() : spy_(sc::kSlotFacets) {}

void FacetCounter::Collect(bool values) {
  stories_ = 0;
  for (auto& c : counts_) c.clear();
  // Values come sorted, and every key starts with its story: a story's keys are adjacent.
  // A story's values are counted once however many of its copies matched. This runs
  // once per match (up to 100,000 per query): views into the key, no allocation per key
  // once the buffers have grown, a short list per story instead of a set.
  std::string story;
  bool first = true;
  std::array<std::vector<std::string>, 4> counted;  // values counted for `story`
  std::array<size_t, 4> used{};                      // counted[f][0, used[f]) are live
  for (Xapian::TermIterator it = spy_.values_begin(); it != spy_.values_end(); ++it) {
    const std::string& encoded = *it;
    sc::FacetKeyView key = sc::SplitFacetKey(encoded);
    if (first || key.story != story) {
      first = false;
      story.assign(key.story);
      ++stories_;
      used.fill(0);
    }
    if (!values) continue;
    auto add = [&](Facet facet, std::string_view v) {
      if (v.empty()) return;
      std::vector<std::string>& seen = counted[facet];
      for (size_t i = 0; i < used[facet]; ++i) {
        if (seen[i] == v) return;
      }
      if (used[facet] == seen.size()) seen.emplace_back();
      seen[used[facet]++].assign(v);
      auto& counts = counts_[facet];
      auto found = counts.find(v);
      if (found != counts.end()) {
        ++found->second;
      } else {
        counts.emplace(std::string(v), 1);
      }
    };
    sc::ForEachListItem(key.orgs, [&](std::string_view v) { add(kOrg, v); });
    sc::ForEachListItem(key.types, [&](std::string_view v) { add(kType, v); });
    sc::ForEachListItem(key.places, [&](std::string_view v) { add(kPlace, v); });
    add(kMonth, key.month);
  }
  if (stride_ > 1) {
    stories_ *= stride_;
    for (auto& counts : counts_) {
      for (auto& [value, count] : counts) count *= stride_;
    }
  }
}

void SampleSource::init(const Xapian::Database& db) {
  last_ = db.get_lastdocid();
  current_ = 0;
}

namespace {

// One document in `stride`, chosen by a hash of its number rather than every stride-th:
// input that arrives in a repeating pattern (feeds read round-robin) cannot line up
// with the sample.
bool InSample(Xapian::docid did, Xapian::doccount stride) {
  uint64_t x = did * 0x9E3779B97F4A7C15ULL;  // splitmix64's finaliser
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x % stride == 0;
}

}  // namespace

void SampleSource::next(double /*min_wt*/) {
  do {
    ++current_;
  } while (current_ <= last_ && !InSample(current_, stride_));
}

void SampleSource::skip_to(Xapian::docid did, double min_wt) {
  if (did <= current_) return;
  current_ = did - 1;
  next(min_wt);
}

std::string SampleSource::get_description() const {
  return "SampleSource(every " + std::to_string(stride_) + ")";
}

std::vector<FacetCount> FacetCounter::Top(Facet facet, size_t limit) const {
  // Thousands of distinct names for a broad query: order pointers, copy only the top.
  using Entry = const std::pair<const std::string, uint64_t>*;
  std::vector<Entry> entries;
  entries.reserve(counts_[facet].size());
  for (const auto& entry : counts_[facet]) entries.push_back(&entry);
  auto newest_first = [](Entry a, Entry b) { return a->first > b->first; };
  auto most_first = [](Entry a, Entry b) {
    return a->second != b->second ? a->second > b->second : a->first < b->first;
  };
  size_t keep = std::min(limit, entries.size());
  if (facet == kMonth) {
    std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(keep),
                      entries.end(), newest_first);
  } else {
    std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(keep),
                      entries.end(), most_first);
  }
  std::vector<FacetCount> out;
  out.reserve(keep);
  for (size_t i = 0; i < keep; ++i) out.push_back({entries[i]->first, "", entries[i]->second});
  for (FacetCount& f : out) {
    if (facet == kType) {
      f.label = std::string(entities::EventTypeLabel(f.value));
    } else if (facet == kMonth) {
      int y = 0, m = 0;
      if (std::sscanf(f.value.c_str(), "%d-%d", &y, &m) == 2) {
        f.label = dates::JalaliMonthLabel({y, m, 1});
      }
    }
  }
  return out;
}

}  // namespace kavosh::search
