#include "searchd/facets.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

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
  std::string story;
  bool first = true;
  std::array<std::unordered_set<std::string>, 4> counted;  // values counted for `story`
  for (Xapian::TermIterator it = spy_.values_begin(); it != spy_.values_end(); ++it) {
    sc::FacetKey key = sc::DecodeFacetKey(*it);
    if (first || key.story != story) {
      first = false;
      story = key.story;
      ++stories_;
      for (auto& c : counted) c.clear();
    }
    if (!values) continue;
    auto add = [&](Facet facet, const std::string& v) {
      if (!v.empty() && counted[facet].insert(v).second) ++counts_[facet][v];
    };
    for (const std::string& v : key.orgs) add(kOrg, v);
    for (const std::string& v : key.types) add(kType, v);
    for (const std::string& v : key.places) add(kPlace, v);
    add(kMonth, key.month);
  }
}

std::vector<FacetCount> FacetCounter::Top(Facet facet, size_t limit) const {
  std::vector<FacetCount> out;
  out.reserve(counts_[facet].size());
  for (const auto& [value, count] : counts_[facet]) out.push_back({value, "", count});
  if (facet == kMonth) {
    std::sort(out.begin(), out.end(),
              [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
  } else {
    std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  }
  if (out.size() > limit) out.resize(limit);
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
