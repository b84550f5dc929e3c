// Finished HTTP responses kept for requests that come again: a news site's search box sees
// the same popular queries, and the same prefixes typed into it, from many readers. An
// entry is found only for the same route and parameters on the same index generation (the
// revision of every shard, so a commit makes the old entries unreachable) and within its
// time to live (queries with relative dates, "امروز", change meaning at midnight). Least
// recently used entries go first when the byte budget is spent.
//
//   ResponseCache cache({.max_bytes = 64 << 20, .ttl = std::chrono::seconds(60)});
//   std::string key = ResponseCache::Key("search", generation, "q=...");
//   if (auto hit = cache.Find(key)) return hit->body;
//   cache.Put(key, {body, "application/json; charset=utf-8"});
//
// Thread-safe: one mutex around a hash map and a list; Find and Put are O(1) plus a copy
// of the shared pointer. A budget of 0 turns it off (Find misses, Put keeps nothing).
#ifndef KAVOSH_SEARCHD_RESPONSE_CACHE_H_
#define KAVOSH_SEARCHD_RESPONSE_CACHE_H_

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kavosh::search {

struct CachedResponse {
  std::string body;
  std::string content_type;
};

struct ResponseCacheOptions {
  size_t max_bytes = 64u << 20;  // keys, bodies and bookkeeping; 0: no cache
  std::chrono::milliseconds ttl{60000};
};

struct ResponseCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;  // entries dropped for room (expired ones are not counted)
  uint64_t entries = 0;
  uint64_t bytes = 0;
};

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ResponseCache(const ResponseCacheOptions& options);

  // The key of a request: route, index generation and the request's parameters (already
  // in a canonical order), separated by a byte no URL or generation holds.
  static std::string Key(std::string_view route, std::string_view generation,
                         std::string_view params);

  // The entry for `key`, if kept and younger than the time to live; counts a hit or a miss.
  std::shared_ptr<const CachedResponse> Find(const std::string& key, Clock::time_point now = Clock::now());
  // Keeps `response` under `key` (replacing an older one), evicting the least recently used
  // entries to stay within the budget. A response larger than an eighth of the budget is
  // not kept: one huge answer should not empty the cache.
  void Put(const std::string& key, CachedResponse response, Clock::time_point now = Clock::now());

  bool enabled() const { return options_.max_bytes > 0; }
  ResponseCacheStats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedResponse> response;
    Clock::time_point stored;
    size_t bytes = 0;
  };
  using List = std::list<Entry>;
  void EraseLocked(List::iterator it);

  const ResponseCacheOptions options_;
  mutable std::mutex mu_;
  List lru_;  // most recently used first
  std::unordered_map<std::string_view, List::iterator> index_;  // views of Entry::key
  ResponseCacheStats stats_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_RESPONSE_CACHE_H_
