#include "searchd/facets.h"

#include <algorithm>
#include <cstdio>

#include "indexer/dates/jalali.h"
#include "indexer/entities/event_types.h"
#include "schema/schema.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

namespace {

uint64_t HashOf(std::string_view value) {
  uint64_t h = std::hash<std::string_view>{}(value);
  return h != 0 ? h : 1;  // 0 marks an empty slot
}

}  // namespace

ValueTable::Entry& ValueTable::Find(uint64_t h, std::string_view value) {
  if ((entries_.size() + 1) * 2 > keys_.size()) Grow();
  size_t mask = keys_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (keys_[i] == h) return entries_[index_[i]];
    if (keys_[i] == 0) {
      keys_[i] = h;
      index_[i] = static_cast<uint32_t>(entries_.size());
      entries_.push_back({std::string(value), 0, 0});
      return entries_.back();
    }
  }
}

void ValueTable::Grow() {
  std::vector<uint64_t> old_keys = std::move(keys_);
  std::vector<uint32_t> old_index = std::move(index_);
  size_t size = std::max<size_t>(64, old_keys.size() * 2);
  keys_.assign(size, 0);
  index_.assign(size, 0);
  size_t mask = size - 1;
  for (size_t j = 0; j < old_keys.size(); ++j) {
    if (old_keys[j] == 0) continue;
    size_t i = old_keys[j] & mask;
    while (keys_[i] != 0) i = (i + 1) & mask;
    keys_[i] = old_keys[j];
    index_[i] = old_index[j];
  }
}

void ValueTable::Clear() {
  keys_.clear();
  index_.clear();
  entries_.clear();
}

template <typename Fn>
void LocalFacetSpy::ForEachValue(std::string_view encoded, Fn&& fn) {
  sc::FacetKeyView key = sc::SplitFacetKey(encoded);
  auto each = [&](Facet facet, std::string_view list) {
    sc::ForEachListItem(list, [&](std::string_view v) {
      if (!v.empty()) fn(facet, HashOf(v), v);
    });
  };
  each(kOrg, key.orgs);
  each(kType, key.types);
  each(kPlace, key.places);
  if (!key.month.empty()) fn(kMonth, HashOf(key.month), key.month);
}

LocalFacetSpy::Story& LocalFacetSpy::FindStory(uint64_t key) {
  if ((story_count_ + 1) * 2 > stories_.size()) {
    std::vector<Story> old = std::move(stories_);
    stories_.assign(std::max<size_t>(1024, old.size() * 2), Story{});
    size_t mask = stories_.size() - 1;
    for (const Story& s : old) {
      if (s.key == 0) continue;
      size_t i = s.key & mask;
      while (stories_[i].key != 0) i = (i + 1) & mask;
      stories_[i] = s;
    }
  }
  size_t mask = stories_.size() - 1;
  size_t i = key & mask;
  while (stories_[i].key != 0 && stories_[i].key != key) i = (i + 1) & mask;
  return stories_[i];
}

void LocalFacetSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  ++seen_;
  const std::string encoded = doc.get_value(sc::kSlotFacets);
  std::string_view view(encoded);
  std::string_view story_name = view.substr(0, view.find('\x1e'));
  uint64_t key = HashOf(story_name);
  Story& story = FindStory(key);
  uint64_t whole = HashOf(view);
  if (story.key == 0) {  // a new story: count all its values
    story.key = key;
    story.first = whole;
    ++story_count_;
    if (!values_) return;
    ForEachValue(view, [&](Facet f, uint64_t h, std::string_view v) {
      ValueTable::Entry& e = tables_[f].Find(h, v);
      if (e.stamp != seen_) {
        e.stamp = seen_;
        ++e.count;
      }
    });
    return;
  }
  // Another copy of a counted story, or the same document again (a second query on the
  // same counter): only values not yet counted for the story count.
  if (!values_ || (story.first == whole && story.extra < 0)) return;
  if (story.extra < 0) {
    story.extra = static_cast<int32_t>(counted_.size());
    counted_.push_back(ValuesOfCopy(story_name, story.first));
  }
  std::vector<std::pair<int, uint64_t>>& done = counted_[static_cast<size_t>(story.extra)];
  ForEachValue(view, [&](Facet f, uint64_t h, std::string_view v) {
    for (const auto& [df, dh] : done) {
      if (df == f && dh == h) return;
    }
    done.emplace_back(f, h);
    ++tables_[f].Find(h, v).count;
  });
}

std::vector<std::pair<int, uint64_t>> LocalFacetSpy::ValuesOfCopy(std::string_view story,
                                                                  uint64_t first) {
  std::vector<std::pair<int, uint64_t>> out;
  const std::string term = sc::BoundedTerm(sc::kPrefixStory, story);
  for (Xapian::PostingIterator p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
    const std::string encoded = db_.get_document(*p).get_value(sc::kSlotFacets);
    if (HashOf(encoded) != first) continue;
    ForEachValue(encoded, [&](Facet f, uint64_t h, std::string_view) { out.emplace_back(f, h); });
    break;
  }
  return out;
}

FacetCounter::FacetCounter(const Xapian::Database* local, bool values) : spy_(sc::kSlotFacets) {
  if (local != nullptr) local_ = std::make_unique<LocalFacetSpy>(*local, values);
}

void FacetCounter::Collect(bool values) {
  if (local_) {
    stories_ = local_->stories() * stride_;
    return;
  }
  CollectFromValueCounts(values);
  stories_ *= stride_;
}

void FacetCounter::CollectFromValueCounts(bool values) {
  stories_ = 0;
  for (auto& t : remote_tables_) t.Clear();
  // Values come sorted, and every key starts with its story: a story's keys are adjacent.
  // A story's values are counted once however many of its copies matched (the stamp is
  // the story's number).
  std::string story;
  bool first = true;
  for (Xapian::TermIterator it = spy_.values_begin(); it != spy_.values_end(); ++it) {
    const std::string& encoded = *it;
    sc::FacetKeyView key = sc::SplitFacetKey(encoded);
    if (first || key.story != story) {
      first = false;
      story.assign(key.story);
      ++stories_;
    }
    if (!values) continue;
    auto add = [&](Facet facet, std::string_view v) {
      if (v.empty()) return;
      ValueTable::Entry& e = remote_tables_[facet].Find(HashOf(v), v);
      if (e.stamp != stories_) {
        e.stamp = stories_;
        ++e.count;
      }
    };
    sc::ForEachListItem(key.orgs, [&](std::string_view v) { add(kOrg, v); });
    sc::ForEachListItem(key.types, [&](std::string_view v) { add(kType, v); });
    sc::ForEachListItem(key.places, [&](std::string_view v) { add(kPlace, v); });
    add(kMonth, key.month);
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
  using Entry = const ValueTable::Entry*;
  const std::vector<ValueTable::Entry>& all = tables()[facet].entries();
  std::vector<Entry> entries;
  entries.reserve(all.size());
  for (const ValueTable::Entry& entry : all) {
    if (entry.count > 0) entries.push_back(&entry);
  }
  auto newest_first = [](Entry a, Entry b) { return a->value > b->value; };
  auto most_first = [](Entry a, Entry b) {
    return a->count != b->count ? a->count > b->count : a->value < b->value;
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
  for (size_t i = 0; i < keep; ++i) out.push_back({entries[i]->value, "", entries[i]->count * stride_});
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
