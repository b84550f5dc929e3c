#include "searchd/metrics.h"

#include <chrono>
#include <cstdio>

#include "schema/build_info.h"

namespace kavosh::search {

Metrics::Metrics()
    : started_unix_(std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count()) {}

void Metrics::Record(std::string_view route, int status, double seconds) {
  size_t i = 0;
  while (i + 1 < kRoutes.size() && kRoutes[i] != route) ++i;
  Route& r = routes_[i];
  int cls = status / 100 - 1;
  if (cls >= 0 && cls < 5) r.by_class[static_cast<size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  for (size_t b = 0; b < kBuckets.size(); ++b) {
    if (seconds <= kBuckets[b]) r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  }
  r.count.fetch_add(1, std::memory_order_relaxed);
  r.micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render(uint64_t documents, uint64_t revision) const {
  std::string out;
  char line[1024];
  out += "# HELP kavosh_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE kavosh_requests_total counter\n";
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    for (size_t c = 0; c < 5; ++c) {
      uint64_t n = routes_[i].by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::snprintf(line, sizeof line, "kavosh_requests_total{route=\"%.*s\",status=\"%zuxx\"} %llu\n",
                    static_cast<int>(kRoutes[i].size()), kRoutes[i].data(), c + 1,
                    static_cast<unsigned long long>(n));
      out += line;
    }
  }
  out += "# HELP kavosh_errors_total Responses with status 4xx or 5xx, by route.\n";
  out += "# TYPE kavosh_errors_total counter\n";
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    uint64_t n = routes_[i].by_class[3].load() + routes_[i].by_class[4].load();
    std::snprintf(line, sizeof line, "kavosh_errors_total{route=\"%.*s\"} %llu\n",
                  static_cast<int>(kRoutes[i].size()), kRoutes[i].data(),
                  static_cast<unsigned long long>(n));
    out += line;
  }
  out += "# HELP kavosh_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE kavosh_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    const Route& r = routes_[i];
    uint64_t count = r.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::string name(kRoutes[i]);
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      std::snprintf(line, sizeof line,
                    "kavosh_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    name.c_str(), kBuckets[b],
                    static_cast<unsigned long long>(r.buckets[b].load(std::memory_order_relaxed)));
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "kavosh_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                  "kavosh_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "kavosh_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  name.c_str(), static_cast<unsigned long long>(count), name.c_str(),
                  static_cast<double>(r.micros.load()) / 1e6, name.c_str(),
                  static_cast<unsigned long long>(count));
    out += line;
  }
  std::snprintf(line, sizeof line,
                "# HELP kavosh_documents Articles in the index.\n# TYPE kavosh_documents gauge\n"
                "kavosh_documents %llu\n"
                "# HELP kavosh_index_revision Revision of the index being served.\n"
                "# TYPE kavosh_index_revision gauge\nkavosh_index_revision %llu\n"
                "# HELP kavosh_start_time_seconds Start time of the daemon, Unix seconds.\n"
                "# TYPE kavosh_start_time_seconds gauge\nkavosh_start_time_seconds %lld\n",
                static_cast<unsigned long long>(documents), static_cast<unsigned long long>(revision),
                static_cast<long long>(started_unix_));
  out += line;
  std::snprintf(line, sizeof line,
                "# HELP kavosh_build_info How the daemon was built; the value is always 1.\n"
                "# TYPE kavosh_build_info gauge\nkavosh_build_info{allocator=\"%s\"} 1\n",
                schema::AllocatorName().c_str());
  out += line;
  return out;
}

std::string CacheMetrics(const ResponseCacheStats& s) {
  char text[1024];
  std::snprintf(text, sizeof text,
                "# HELP kavosh_cache_hits_total Search and suggest answers served from the cache.\n"
                "# TYPE kavosh_cache_hits_total counter\nkavosh_cache_hits_total %llu\n"
                "# HELP kavosh_cache_misses_total Search and suggest answers not in the cache.\n"
                "# TYPE kavosh_cache_misses_total counter\nkavosh_cache_misses_total %llu\n"
                "# HELP kavosh_cache_evictions_total Cached answers dropped to make room.\n"
                "# TYPE kavosh_cache_evictions_total counter\nkavosh_cache_evictions_total %llu\n"
                "# HELP kavosh_cache_entries Answers in the cache.\n"
                "# TYPE kavosh_cache_entries gauge\nkavosh_cache_entries %llu\n"
                "# HELP kavosh_cache_bytes Bytes the cache holds.\n"
                "# TYPE kavosh_cache_bytes gauge\nkavosh_cache_bytes %llu\n",
                static_cast<unsigned long long>(s.hits), static_cast<unsigned long long>(s.misses),
                static_cast<unsigned long long>(s.evictions),
                static_cast<unsigned long long>(s.entries), static_cast<unsigned long long>(s.bytes));
  return text;
}

std::string FacetColumnMetrics(size_t bytes, uint64_t reads) {
  char text[512];
  std::snprintf(text, sizeof text,
                "# HELP kavosh_facet_column_bytes Memory of the facet values kept for counting.\n"
                "# TYPE kavosh_facet_column_bytes gauge\nkavosh_facet_column_bytes %llu\n"
                "# HELP kavosh_facet_column_reads_total Reads of an index's facet values into memory.\n"
                "# TYPE kavosh_facet_column_reads_total counter\nkavosh_facet_column_reads_total %llu\n",
                static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(reads));
  return text;
}

}  // namespace kavosh::search
