#include "searchd/response_cache.h"

namespace kavosh::search {

namespace {

// What a kept entry costs beyond its key and body: list node, hash node, control block.
constexpr size_t kEntryOverhead = 160;
// Separates the parts of a key: not in a percent-encoded query string or a generation.
constexpr char kKeySeparator = '\x1f';

}  // namespace

ResponseCache::ResponseCache(const ResponseCacheOptions& options) : options_(options) {}

std::string ResponseCache::Key(std::string_view route, std::string_view generation,
                               std::string_view params) {
  std::string key;
  key.reserve(route.size() + generation.size() + params.size() + 2);
  key.append(route).append(1, kKeySeparator).append(generation).append(1, kKeySeparator).append(params);
  return key;
}

std::shared_ptr<const CachedResponse> ResponseCache::Find(const std::string& key,
                                                          Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = index_.find(key);
  if (found == index_.end()) {
    ++stats_.misses;
    return nullptr;
  }
  List::iterator it = found->second;
  if (now - it->stored >= options_.ttl) {
    EraseLocked(it);
    ++stats_.misses;
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it);
  ++stats_.hits;
  return it->response;
}

void ResponseCache::Put(const std::string& key, CachedResponse response, Clock::time_point now) {
  const size_t bytes =
      key.size() + response.body.size() + response.content_type.size() + kEntryOverhead;
  if (options_.max_bytes == 0 || bytes > options_.max_bytes / 8) return;
  auto shared = std::make_shared<const CachedResponse>(std::move(response));
  std::lock_guard<std::mutex> lock(mu_);
  if (auto found = index_.find(key); found != index_.end()) EraseLocked(found->second);
  while (!lru_.empty() && stats_.bytes + bytes > options_.max_bytes) {
    EraseLocked(std::prev(lru_.end()));
    ++stats_.evictions;
  }
  lru_.push_front(Entry{key, std::move(shared), now, bytes});
  index_.emplace(lru_.front().key, lru_.begin());
  stats_.bytes += bytes;
  stats_.entries = lru_.size();
}

void ResponseCache::EraseLocked(List::iterator it) {
  stats_.bytes -= it->bytes;
  index_.erase(it->key);
  lru_.erase(it);
  stats_.entries = lru_.size();
}

ResponseCacheStats ResponseCache::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace kavosh::search
