// Facet counting over every matching article: organisations, places, event types and
// Jalali months, read from the value slots the indexer fills (schema.h). Each duplicate
// story is counted once, as the results list shows it once.
//
//   FacetSpy spy;
//   enquire.add_matchspy(&spy);
//   enquire.get_mset(0, 10, db.get_doccount());   // check every match: exact counts
//   std::vector<FacetCount> orgs = spy.Top(FacetSpy::kOrg, 20);
//
// One spy per query; not thread-safe. Not serialisable, so it counts only on local
// databases (docs/deployment.md).
#ifndef KAVOSH_SEARCHD_FACETS_H_
#define KAVOSH_SEARCHD_FACETS_H_

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace kavosh::search {

struct FacetCount {
  std::string value;
  std::string label;  // types and months: the Persian label; empty otherwise
  uint64_t count = 0;
};

class FacetSpy : public Xapian::MatchSpy {
 public:
  enum Facet { kOrg = 0, kType = 1, kPlace = 2, kMonth = 3 };
  static constexpr std::array<const char*, 4> kNames = {"org", "type", "place", "month"};

  // With count_values false the spy only counts distinct stories (the exact total).
  explicit FacetSpy(bool count_values = true) : count_values_(count_values) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  std::string name() const override { return "kavosh.FacetSpy"; }

  // The `limit` most frequent values (months: the newest `limit`, newest first), ties by
  // value; labels filled in.
  std::vector<FacetCount> Top(Facet facet, size_t limit) const;
  // Distinct stories seen.
  uint64_t stories() const { return stories_seen_; }

 private:
  std::array<std::unordered_map<std::string, uint64_t>, 4> counts_;
  std::unordered_set<std::string> stories_;
  uint64_t stories_seen_ = 0;
  bool count_values_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FACETS_H_
