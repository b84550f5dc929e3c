#include "searchd/facets.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <unordered_map>

#include "indexer/dates/jalali.h"
#include "indexer/entities/event_types.h"
#include "schema/schema.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

const std::string* FacetNames::Find(uint32_t tag, int facet, uint32_t id) {
  auto it = names_.find(tag);
  if (it == names_.end()) {
    // A dictionary not seen yet: read it whole, once.
    Load(tag);
    it = names_.find(tag);
  }
  std::deque<std::string>& names = it->second[facet];
  if (id < names.size() && !names[id].empty()) return &names[id];
  // A number added since (the index grew while searchd runs): look that one up.
  const std::string key = sc::FacetNameKey(tag, facet, id);
  for (const Xapian::Database& db : dbs_) {
    std::string name = db.get_metadata(key);
    if (name.empty()) continue;
    if (id >= names.size()) names.resize(id + 1);
    names[id] = std::move(name);
    return &names[id];
  }
  return nullptr;
}

void FacetNames::Load(uint32_t tag) {
  const std::string prefix = sc::FacetNamePrefix(tag);
  auto& names = names_[tag];
  for (const Xapian::Database& db : dbs_) {
    for (Xapian::TermIterator it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
      int facet = 0;
      uint32_t id = 0;
      if (!sc::ParseFacetNameKey(*it, prefix.size(), &facet, &id)) continue;
      if (id >= names[facet].size()) names[facet].resize(id + 1);
      if (names[facet][id].empty()) names[facet][id] = db.get_metadata(*it);
    }
  }
}

uint32_t FacetNames::Canonical(uint32_t tag, int facet, uint32_t id) {
  std::vector<uint32_t>& known = canonical_[tag][facet];
  if (id < known.size() && known[id] != 0) return known[id] - 1;
  const std::string* name = Find(tag, facet, id);
  // An id without a name equals no other: a name no dictionary can hold.
  std::string key = name != nullptr ? *name : "#" + std::to_string(tag) + ":" + std::to_string(id);
  auto [it, added] = numbers_[facet].try_emplace(std::move(key), static_cast<uint32_t>(numbers_[facet].size()));
  if (id >= known.size()) known.resize(id + 1);
  known[id] = it->second + 1;
  return it->second;
}

LocalFacetSpy::LocalFacetSpy(bool values, FacetNames* names, std::shared_ptr<const FacetColumn> column)
    : column_(std::move(column)), values_(values), names_(names) {}

std::string_view LocalFacetSpy::FacetIdsOf(const Xapian::Document& doc, std::string* held) const {
  *held = doc.get_value(sc::kSlotFacetIds);
  return *held;
}

void LocalFacetSpy::CountNames(std::string_view value, uint32_t tag) {
  TagCounts& t = tags_[TagIndex(tag)];
  sc::ForEachFacetId(value, [&](int f, uint32_t id) {
    TagCounts::Cell& cell = t.At(f, id);
    if (cell.stamp != stamp_) {
      cell.stamp = stamp_;
      ++cell.count;
    }
  });
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

size_t LocalFacetSpy::TagIndex(uint32_t tag) {
  if (last_tag_ < tags_.size() && tags_[last_tag_].tag == tag) return last_tag_;
  for (size_t i = 0; i < tags_.size(); ++i) {
    if (tags_[i].tag == tag) return last_tag_ = i;
  }
  tags_.emplace_back();
  tags_.back().tag = tag;
  return last_tag_ = tags_.size() - 1;
}

std::string_view LocalFacetSpy::Kept(uint32_t at) const {
  uint32_t size = 0;
  std::memcpy(&size, first_values_.data() + at, sizeof size);
  return {first_values_.data() + at + sizeof size, size};
}

uint32_t LocalFacetSpy::Keep(std::string_view value) {
  const auto at = static_cast<uint32_t>(first_values_.size());
  const auto size = static_cast<uint32_t>(value.size());
  first_values_.append(reinterpret_cast<const char*>(&size), sizeof size);
  first_values_.append(value);
  return at;
}

uint32_t LocalFacetSpy::Canonical(const Counted& c) {
  std::vector<uint32_t>& known = tags_[TagIndex(c.tag)].canonical[c.facet];
  if (c.id >= known.size()) known.resize(c.id + 1);
  if (known[c.id] == 0) known[c.id] = names_->Canonical(c.tag, c.facet, c.id) + 1;
  return known[c.id] - 1;
}

namespace {

// The slot of a mark in a table of `size` (a power of two, at least 1024). A story's
// marks start within 16 slots (two cache lines) of a place chosen by the story (the top
// bits of a Fibonacci hash of its list number), so that checking the dozen or so names
// of a copy touches one or two lines instead of a dozen.
size_t MarkSlot(uint64_t m, size_t size) {
  const uint64_t story = m >> 34;
  const uint64_t name = m & ((uint64_t{1} << 34) - 1);
  const size_t start = static_cast<size_t>((story * 0x9E3779B97F4A7C15ULL) >> (64 - std::countr_zero(size)));
  return (start + static_cast<size_t>((name * 0xBF58476D1CE4E5B9ULL) >> 60)) & (size - 1);
}

}  // namespace

bool LocalFacetSpy::Mark(int32_t extra, const Counted& c) {
  if ((mark_count_ + 1) * 2 > marks_.size()) {
    std::vector<uint64_t> old = std::move(marks_);
    marks_.assign(std::max<size_t>(1024, old.size() * 2), 0);
    mark_count_ = 0;
    for (uint64_t m : old) {
      if (m == 0) continue;
      size_t mask = marks_.size() - 1;
      size_t i = MarkSlot(m, marks_.size());
      while (marks_[i] != 0) i = (i + 1) & mask;
      marks_[i] = m;
      ++mark_count_;
    }
  }
  const uint64_t m = (static_cast<uint64_t>(extra) + 1) << 34 | static_cast<uint64_t>(c.facet) << 32 | Canonical(c);
  size_t mask = marks_.size() - 1;
  size_t i = MarkSlot(m, marks_.size());
  while (marks_[i] != 0) {
    if (marks_[i] == m) return false;
    i = (i + 1) & mask;
  }
  marks_[i] = m;
  ++mark_count_;
  return true;
}

void LocalFacetSpy::StartList(Story& story, std::vector<Counted> from) {
  story.extra = static_cast<int32_t>(counted_.size());
  std::vector<Counted> list;
  for (const Counted& c : from) {
    if (Mark(story.extra, c)) list.push_back(c);
  }
  counted_.push_back(std::move(list));
}

void LocalFacetSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  ++seen_;
  if (column_) {
    // Counted in batches (Flush), reading ahead in the column.
    pending_.push_back(doc.get_docid());
    if (pending_.size() == kBatch) Flush();
    return;
  }
  std::string held;
  const std::string_view value = FacetIdsOf(doc, &held);
  uint32_t tag = 0;
  uint64_t key = 0;
  if (!sc::ReadFacetIdsHeader(value, &tag, &key)) {
    // Not written by this schema's indexer (searchd refuses such databases): the story
    // still counts once, its values are not known.
    key = sc::StoryHash(doc.get_value(sc::kSlotStory));
  }
  Count(value, tag, key);
}

void LocalFacetSpy::Count(std::string_view value, uint32_t tag, uint64_t key) {
  ++stamp_;
  Story& story = FindStory(key);
  const bool counting = values_ && !value.empty();
  if (story.key == 0) {  // a new story: count all its values
    story.key = key;
    ++story_count_;
    story.at = Keep(counting ? value : std::string_view());
    if (counting) CountNames(value, tag);
    return;
  }
  // Another copy of a counted story, or the same document again (a second query on the
  // same counter): only values not yet counted for the story count.
  if (!counting || (story.extra < 0 && Kept(story.at) == value)) return;
  if (story.extra < 0) StartList(story, CountedOf(story));  // `story` stays valid
  const int32_t extra = story.extra;
  const size_t ti = TagIndex(tag);
  sc::ForEachFacetId(value, [&](int f, uint32_t id) {
    Counted c{f, tag, id};
    if (!Mark(extra, c)) return;
    counted_[static_cast<size_t>(extra)].push_back(c);
    ++tags_[ti].At(f, id).count;
  });
}

std::vector<LocalFacetSpy::Counted> LocalFacetSpy::CountedOf(const Story& story) const {
  if (story.extra >= 0) return counted_[static_cast<size_t>(story.extra)];
  std::vector<Counted> out;
  std::string_view kept = Kept(story.at);
  uint32_t tag = 0;
  uint64_t ignored = 0;
  if (kept.empty() || !sc::ReadFacetIdsHeader(kept, &tag, &ignored)) return out;
  // A name listed twice in a value was counted once: listed once here.
  sc::ForEachFacetId(kept, [&](int f, uint32_t id) {
    for (const Counted& d : out) {
      if (d.facet == f && d.id == id) return;
    }
    out.push_back({f, tag, id});
  });
  return out;
}

void LocalFacetSpy::Absorb(LocalFacetSpy& other) {
  Finish();
  other.Finish();
  if (column_ && !(shares_ > 1 && other.shares_ > 1)) {
    // Counted by document (column mode): count the other's matches here again.
    seen_ += other.seen_;
    shown_.insert(shown_.end(), other.shown_.begin(), other.shown_.end());
    Recount();
    return;
  }
  seen_ += other.seen_;
  for (const TagCounts& theirs : other.tags_) {
    TagCounts& t = tags_[TagIndex(theirs.tag)];
    for (int f = 0; f < 4; ++f) {
      if (t.cells[f].size() < theirs.cells[f].size()) t.cells[f].resize(theirs.cells[f].size());
      for (size_t id = 0; id < theirs.cells[f].size(); ++id) t.cells[f][id].count += theirs.cells[f][id].count;
    }
  }
  if (shares_ > 1 && other.shares_ > 1) {  // disjoint stories (set_share): counts add up
    story_count_ += other.story_count_;
    return;
  }
  for (const Story& theirs : other.stories_) {
    if (theirs.key == 0) continue;
    Story& story = FindStory(theirs.key);
    if (story.key == 0) {  // only the other saw it: it joins as it was
      story.key = theirs.key;
      ++story_count_;
      story.at = Keep(other.Kept(theirs.at));
      if (theirs.extra >= 0) StartList(story, other.counted_[static_cast<size_t>(theirs.extra)]);
      continue;
    }
    // Both counted it: a value both counted was added twice above.
    if (!values_) continue;
    std::vector<Counted> added = other.CountedOf(theirs);
    if (added.empty()) continue;
    if (story.extra < 0) StartList(story, CountedOf(story));
    const int32_t extra = story.extra;
    for (const Counted& c : added) {
      if (Mark(extra, c)) {
        counted_[static_cast<size_t>(extra)].push_back(c);
      } else {
        --tags_[TagIndex(c.tag)].cells[c.facet][c.id].count;
      }
    }
  }
}

FacetCounter::FacetCounter(const Xapian::Database* local, bool values, FacetNames* names,
                           std::shared_ptr<const FacetColumn> column)
    : names_(names), spy_(sc::kSlotFacets) {
  if (local != nullptr && names != nullptr) {
    local_ = std::make_unique<LocalFacetSpy>(values, names, std::move(column));
  }
}

void FacetCounter::Absorb(FacetCounter& other) {
  if (local_ && other.local_) local_->Absorb(*other.local_);
}

void FacetCounter::Collect(bool values) {
  if (local_) {
    local_->Finish();
    stories_ = local_->stories() * stride_;
    return;
  }
  CollectFromValueCounts(values);
  stories_ *= stride_;
}

void FacetCounter::CollectFromValueCounts(bool values) {
  stories_ = 0;
  for (auto& counts : remote_counts_) counts.clear();
  // Values come sorted, and every key starts with its story: a story's keys are adjacent.
  // A story's values are counted once however many of its copies matched.
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
      auto& counts = remote_counts_[facet];
      auto found = counts.find(v);
      if (found == counts.end()) found = counts.emplace(std::string(v), RemoteCount{}).first;
      if (found->second.story != stories_) {
        found->second.story = stories_;
        ++found->second.count;
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

// The sampled document of block `block`: one of the `stride` numbers from
// block * stride + 1, at an offset chosen by a hash of the block rather than every
// stride-th, so that input arriving in a repeating pattern (feeds read round-robin)
// cannot line up with the sample. One per block: the next one is found in constant
// time, where testing every number cost 4 % of the query mix's CPU at 1,000,000 articles.
uint64_t SampleOfBlock(uint64_t block, Xapian::doccount stride) {
  uint64_t x = (block + 1) * 0x9E3779B97F4A7C15ULL;  // splitmix64's finaliser
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return block * stride + 1 + x % stride;
}

}  // namespace

void SampleSource::next(double /*min_wt*/) {
  uint64_t block = current_ / stride_;  // the block of current_ + 1
  uint64_t sample = SampleOfBlock(block, stride_);
  if (sample <= current_) sample = SampleOfBlock(block + 1, stride_);
  current_ = static_cast<Xapian::docid>(std::min<uint64_t>(sample, uint64_t{last_} + 1));
}

void SampleSource::skip_to(Xapian::docid did, double min_wt) {
  if (did <= current_) return;
  current_ = did - 1;
  next(min_wt);
}

std::string SampleSource::get_description() const {
  return "SampleSource(every " + std::to_string(stride_) + ")";
}

std::pair<Xapian::docid, Xapian::docid> SliceSource::Bounds(Xapian::docid n, unsigned index,
                                                           unsigned slices) {
  const uint64_t all = n;
  return {static_cast<Xapian::docid>(all * index / slices + 1),
          static_cast<Xapian::docid>(all * (index + 1) / slices)};
}

void DocumentRange::init(const Xapian::Database& db) {
  stop_ = last_ < first_ ? first_ : std::min<Xapian::docid>(last_, db.get_lastdocid()) + 1;
  current_ = first_ - 1;
}

void DocumentRange::next(double /*min_wt*/) { ++current_; }

void DocumentRange::skip_to(Xapian::docid did, double /*min_wt*/) {
  if (did > current_) current_ = did;
}

std::string DocumentRange::get_description() const {
  return "DocumentRange(" + std::to_string(first_) + ".." + std::to_string(last_) + ")";
}

void SliceSource::init(const Xapian::Database& db) {
  std::tie(first_, last_) = Bounds(db.get_lastdocid(), index_, slices_);
  DocumentRange::init(db);
}

std::string SliceSource::get_description() const {
  return "SliceSource(" + std::to_string(index_ + 1) + " of " + std::to_string(slices_) + ")";
}

std::vector<FacetCount> FacetCounter::Top(Facet facet, size_t limit) const {
  // Thousands of distinct names for a broad query: order pointers, copy only the top.
  using Entry = std::pair<const std::string*, uint64_t>;
  std::vector<Entry> entries;
  if (local_) {
    local_->ForEachCount([&](uint32_t tag, int f, uint32_t id, uint64_t count) {
      if (f != facet) return;
      if (const std::string* name = names_->Find(tag, f, id)) entries.emplace_back(name, count);
    });
    if (local_->tags() > 1) {  // shards with their own dictionaries: one entry per name
      std::unordered_map<std::string_view, size_t> at;
      std::vector<Entry> merged;
      for (const Entry& e : entries) {
        auto [it, added] = at.try_emplace(*e.first, merged.size());
        if (added) {
          merged.push_back(e);
        } else {
          merged[it->second].second += e.second;
        }
      }
      entries = std::move(merged);
    }
  } else {
    for (const auto& [value, c] : remote_counts_[facet]) entries.emplace_back(&value, c.count);
  }
  auto newest_first = [](const Entry& a, const Entry& b) { return *a.first > *b.first; };
  auto most_first = [](const Entry& a, const Entry& b) {
    return a.second != b.second ? a.second > b.second : *a.first < *b.first;
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
  for (size_t i = 0; i < keep; ++i) out.push_back({*entries[i].first, "", entries[i].second * stride_});
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
