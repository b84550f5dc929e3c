#include "searchd/facets.h"

#include <algorithm>

#include "indexer/dates/jalali.h"
#include "indexer/entities/event_types.h"
#include "schema/schema.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  std::string story = doc.get_value(sc::kSlotStory);
  if (!story.empty() && !stories_.insert(std::move(story)).second) return;
  ++stories_seen_;
  if (!count_values_) return;
  static constexpr std::array<std::pair<Facet, Xapian::valueno>, 3> kLists = {
      {{kOrg, sc::kSlotOrgs}, {kType, sc::kSlotTypes}, {kPlace, sc::kSlotPlaces}}};
  for (auto [facet, slot] : kLists) {
    std::string encoded = doc.get_value(slot);
    if (encoded.empty()) continue;
    for (std::string& v : sc::DecodeList(encoded)) {
      if (!v.empty()) ++counts_[facet][std::move(v)];
    }
  }
  std::string month = doc.get_value(sc::kSlotMonth);
  if (!month.empty()) ++counts_[kMonth][std::move(month)];
}

std::vector<FacetCount> FacetSpy::Top(Facet facet, size_t limit) const {
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
