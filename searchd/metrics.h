// Request counters and latency histograms per route, in Prometheus text format.
//
//   Metrics m;
//   m.Record("search", 200, 0.0042);
//   std::string text = m.Render(documents, revision);
//
// Thread-safe: lock-free counters; routes are a fixed list (unknown names count as "other").
#ifndef KAVOSH_SEARCHD_METRICS_H_
#define KAVOSH_SEARCHD_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "searchd/response_cache.h"

namespace kavosh::search {

class Metrics {
 public:
  static constexpr std::array<std::string_view, 10> kRoutes = {
      "search", "suggest", "documents", "analyze", "health", "metrics", "feed", "opensearch",
      "static", "other"};
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  Metrics();
  void Record(std::string_view route, int status, double seconds);
  std::string Render(uint64_t documents, uint64_t revision) const;

 private:
  struct Route {
    std::array<std::atomic<uint64_t>, 5> by_class{};  // 1xx … 5xx
    std::array<std::atomic<uint64_t>, kBuckets.size()> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> micros{0};
  };
  std::array<Route, kRoutes.size()> routes_;
  int64_t started_unix_;
};

// The response cache's counters, in the same format, for the end of /metrics.
std::string CacheMetrics(const ResponseCacheStats& stats);
// The facet columns' memory and reads (searchd/facet_column.h), likewise.
std::string FacetColumnMetrics(size_t bytes, uint64_t reads);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_METRICS_H_
