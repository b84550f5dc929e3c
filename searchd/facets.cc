#include "searchd/facets.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

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

void LocalFacetSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  ++seen_;
  const std::string value = doc.get_value(sc::kSlotFacetIds);
  uint32_t tag = 0;
  uint64_t key = 0;
  if (!sc::ReadFacetIdsHeader(value, &tag, &key)) {
    // Not written by this schema's indexer (searchd refuses such databases): the story
    // still counts once, its values are not known.
    key = sc::StoryHash(doc.get_value(sc::kSlotStory));
  }
  Story& story = FindStory(key);
  uint64_t whole = HashOf(value);
  if (story.key == 0) {  // a new story: count all its values
    story.key = key;
    story.first = whole;
    ++story_count_;
    if (!values_ || value.empty()) return;
    story.at = static_cast<uint32_t>(first_values_.size());
    story.size = static_cast<uint32_t>(value.size());
    first_values_ += value;
    TagCounts& t = tags_[TagIndex(tag)];
    sc::ForEachFacetId(value, [&](int f, uint32_t id) {
      if (id >= t.counts[f].size()) {
        t.counts[f].resize(id + 1);
        t.stamps[f].resize(id + 1);
      }
      if (t.stamps[f][id] != seen_) {
        t.stamps[f][id] = seen_;
        ++t.counts[f][id];
      }
    });
    return;
  }
  // Another copy of a counted story, or the same document again (a second query on the
  // same counter): only values not yet counted for the story count.
  if (!values_ || value.empty() || (story.first == whole && story.extra < 0)) return;
  if (story.extra < 0) {
    story.extra = static_cast<int32_t>(counted_.size());
    std::vector<Counted> first;
    std::string_view kept(first_values_.data() + story.at, story.size);
    uint32_t first_tag = 0;
    uint64_t ignored = 0;
    if (sc::ReadFacetIdsHeader(kept, &first_tag, &ignored)) {
      sc::ForEachFacetId(kept, [&](int f, uint32_t id) { first.push_back({f, first_tag, id}); });
    }
    counted_.push_back(std::move(first));  // `story` stays valid: stories_ is not touched
  }
  std::vector<Counted>& done = counted_[static_cast<size_t>(story.extra)];
  TagCounts& t = tags_[TagIndex(tag)];
  sc::ForEachFacetId(value, [&](int f, uint32_t id) {
    Counted c{f, tag, id};
    for (const Counted& d : done) {
      if (Same(d, c)) return;
    }
    done.push_back(c);
    if (id >= t.counts[f].size()) {
      t.counts[f].resize(id + 1);
      t.stamps[f].resize(id + 1);
    }
    ++t.counts[f][id];
  });
}

std::vector<LocalFacetSpy::Counted> LocalFacetSpy::CountedOf(const Story& story) const {
  std::vector<Counted> out;
  // A name listed twice in a value was counted once: listed once here.
  auto add = [&out](const Counted& c) {
    for (const Counted& d : out) {
      if (d.facet == c.facet && d.tag == c.tag && d.id == c.id) return;
    }
    out.push_back(c);
  };
  if (story.extra >= 0) {
    for (const Counted& c : counted_[static_cast<size_t>(story.extra)]) add(c);
    return out;
  }
  std::string_view kept(first_values_.data() + story.at, story.size);
  uint32_t tag = 0;
  uint64_t ignored = 0;
  if (story.size == 0 || !sc::ReadFacetIdsHeader(kept, &tag, &ignored)) return out;
  sc::ForEachFacetId(kept, [&](int f, uint32_t id) { add({f, tag, id}); });
  return out;
}

void LocalFacetSpy::Absorb(const LocalFacetSpy& other) {
  seen_ += other.seen_;
  for (const TagCounts& theirs : other.tags_) {
    TagCounts& t = tags_[TagIndex(theirs.tag)];
    for (int f = 0; f < 4; ++f) {
      if (t.counts[f].size() < theirs.counts[f].size()) {
        t.counts[f].resize(theirs.counts[f].size());
        t.stamps[f].resize(theirs.counts[f].size());
      }
      for (size_t id = 0; id < theirs.counts[f].size(); ++id) t.counts[f][id] += theirs.counts[f][id];
    }
  }
  for (const Story& theirs : other.stories_) {
    if (theirs.key == 0) continue;
    Story& story = FindStory(theirs.key);
    if (story.key == 0) {  // only the other saw it: it joins as it was
      story = theirs;
      ++story_count_;
      story.at = static_cast<uint32_t>(first_values_.size());
      first_values_.append(other.first_values_, theirs.at, theirs.size);
      if (theirs.extra >= 0) {
        story.extra = static_cast<int32_t>(counted_.size());
        counted_.push_back(other.counted_[static_cast<size_t>(theirs.extra)]);
      }
      continue;
    }
    // Both counted it: a value both counted was added twice above.
    if (!values_) continue;
    std::vector<Counted> added = other.CountedOf(theirs);
    if (added.empty()) continue;
    if (story.extra < 0) {
      std::vector<Counted> mine = CountedOf(story);
      story.extra = static_cast<int32_t>(counted_.size());
      counted_.push_back(std::move(mine));
    }
    std::vector<Counted>& done = counted_[static_cast<size_t>(story.extra)];
    for (const Counted& c : added) {
      bool twice = false;
      for (const Counted& d : done) twice = twice || Same(d, c);
      if (twice) {
        --tags_[TagIndex(c.tag)].counts[c.facet][c.id];
      } else {
        done.push_back(c);
      }
    }
  }
}

bool LocalFacetSpy::Same(const Counted& a, const Counted& b) {
  if (a.facet != b.facet) return false;
  if (a.tag == b.tag) return a.id == b.id;
  return NameOf(a.tag, a.facet, a.id) == NameOf(b.tag, b.facet, b.id);
}

std::string LocalFacetSpy::NameOf(uint32_t tag, int facet, uint32_t id) {
  const std::string* name = names_->Find(tag, facet, id);
  return name != nullptr ? *name : "#" + std::to_string(tag) + ":" + std::to_string(id);
}

FacetCounter::FacetCounter(const Xapian::Database* local, bool values, FacetNames* names)
    : names_(names), spy_(sc::kSlotFacets) {
  if (local != nullptr && names != nullptr) local_ = std::make_unique<LocalFacetSpy>(*local, values, names);
}

void FacetCounter::Absorb(const FacetCounter& other) {
  if (local_ && other.local_) local_->Absorb(*other.local_);
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

void SliceSource::init(const Xapian::Database& db) {
  const uint64_t n = db.get_lastdocid();
  first_ = static_cast<Xapian::docid>(n * index_ / slices_ + 1);
  last_ = static_cast<Xapian::docid>(n * (index_ + 1) / slices_);
  current_ = first_ - 1;
}

void SliceSource::next(double /*min_wt*/) { ++current_; }

void SliceSource::skip_to(Xapian::docid did, double /*min_wt*/) {
  if (did > current_) current_ = did;
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
