// The response cache alone (searchd/response_cache.h) and through real HTTP: repeated
// searches and suggestions are answered from it, a commit or the time to live makes its
// entries unreachable, errors are never kept, and --cache-mb 0 turns it off.
#include "searchd/response_cache.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/searchd/test_server.h"

namespace kavosh::search::test {
namespace {

using Clock = ResponseCache::Clock;
using std::chrono::milliseconds;

CachedResponse Body(size_t bytes, char fill = 'x') { return {std::string(bytes, fill), "text/plain"}; }

TEST(ResponseCacheTest, KeepsAndFindsByKey) {
  ResponseCache cache({});
  const Clock::time_point t0 = Clock::now();
  const std::string a = ResponseCache::Key("search", "db@3;", "q=a");
  EXPECT_EQ(cache.Find(a, t0), nullptr);
  cache.Put(a, {"answer a", "application/json"}, t0);
  auto hit = cache.Find(a, t0 + milliseconds(1));
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->body, "answer a");
  EXPECT_EQ(hit->content_type, "application/json");
  // Another route, generation or parameter string is another key.
  EXPECT_EQ(cache.Find(ResponseCache::Key("suggest", "db@3;", "q=a"), t0), nullptr);
  EXPECT_EQ(cache.Find(ResponseCache::Key("search", "db@4;", "q=a"), t0), nullptr);
  EXPECT_EQ(cache.Find(ResponseCache::Key("search", "db@3;", "q=b"), t0), nullptr);
  // The parts cannot run into each other.
  EXPECT_NE(ResponseCache::Key("search", "db@3", "q=a"), ResponseCache::Key("search", "db@", "3q=a"));
  ResponseCacheStats s = cache.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 4u);
  EXPECT_EQ(s.entries, 1u);
  // A newer answer under the same key replaces the old one.
  cache.Put(a, {"answer a, again", "application/json"}, t0);
  EXPECT_EQ(cache.Find(a, t0)->body, "answer a, again");
  EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(ResponseCacheTest, EntriesExpireAfterTheirTimeToLive) {
  ResponseCache cache({.max_bytes = 1 << 20, .ttl = milliseconds(500)});
  const Clock::time_point t0 = Clock::now();
  cache.Put("k", Body(10), t0);
  EXPECT_NE(cache.Find("k", t0 + milliseconds(499)), nullptr);
  EXPECT_EQ(cache.Find("k", t0 + milliseconds(500)), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u) << "an expired entry is dropped when found";
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(ResponseCacheTest, LeastRecentlyUsedGoFirstWithinTheBudget) {
  // An entry costs its body, key, content type and bookkeeping: a bit under 300 bytes
  // here, so eight fit in 2,400 and a ninth needs room.
  ResponseCache cache({.max_bytes = 2400, .ttl = std::chrono::hours(1)});
  const Clock::time_point t0 = Clock::now();
  const std::string keys = "abcdefgh";
  for (char k : keys) cache.Put(std::string(1, k), Body(100), t0);
  ASSERT_EQ(cache.stats().entries, 8u);
  ASSERT_NE(cache.Find("a", t0), nullptr);  // a is now the most recently used; b the least
  cache.Put("i", Body(100), t0);
  EXPECT_EQ(cache.Find("b", t0), nullptr);
  for (char k : std::string("acdefghi")) EXPECT_NE(cache.Find(std::string(1, k), t0), nullptr) << k;
  ResponseCacheStats s = cache.stats();
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_EQ(s.entries, 8u);
  EXPECT_LE(s.bytes, 2400u);
}

TEST(ResponseCacheTest, AnAnswerLargerThanAnEighthIsNotKept) {
  ResponseCache cache({.max_bytes = 8000, .ttl = std::chrono::hours(1)});
  cache.Put("small", Body(100));
  cache.Put("huge", Body(1200));
  EXPECT_EQ(cache.Find("huge"), nullptr);
  EXPECT_NE(cache.Find("small"), nullptr) << "the small entry must not have been evicted";
}

TEST(ResponseCacheTest, ABudgetOfZeroKeepsNothing) {
  ResponseCache cache({.max_bytes = 0});
  EXPECT_FALSE(cache.enabled());
  cache.Put("k", Body(1));
  EXPECT_EQ(cache.Find("k"), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
}

// A search answer without the one field that differs between a computed and a kept answer.
json WithoutTook(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  EXPECT_TRUE(j.is_object()) << body.substr(0, 200);
  if (j.is_object()) {
    EXPECT_TRUE(j["took_ms"].is_number()) << j.dump().substr(0, 200);
    j.erase("took_ms");
  }
  return j;
}

TEST(ServerCacheTest, RepeatedRequestsAreAnsweredFromTheCache) {
  TestServer server(t::Corpus());
  ASSERT_TRUE(server.ok()) << server.error();
  auto c = server.Client();
  const std::string search = "/api/v1/search?q=" + Enc("بانک") + "&facets=true";
  auto first = c->Get(search);
  ASSERT_TRUE(first && first->status == 200);
  EXPECT_EQ(first->get_header_value("X-Kavosh-Cache"), "miss");
  // The server has four workers, each with its own database handle: the cache is shared.
  for (int i = 0; i < 6; ++i) {
    auto again = c->Get(search);
    ASSERT_TRUE(again && again->status == 200);
    EXPECT_EQ(again->get_header_value("X-Kavosh-Cache"), "hit") << i;
    EXPECT_EQ(again->get_header_value("Content-Type"), first->get_header_value("Content-Type"));
    EXPECT_EQ(WithoutTook(again->body), WithoutTook(first->body));
  }
  // Other parameters are another answer.
  auto page2 = c->Get(search + "&page=2");
  ASSERT_TRUE(page2 && page2->status == 200);
  EXPECT_EQ(page2->get_header_value("X-Kavosh-Cache"), "miss");

  const std::string suggest = "/api/v1/suggest?q=" + Enc("زنبور");
  const std::string opensearch = suggest + "&format=opensearch";
  auto s1 = c->Get(suggest);
  auto s2 = c->Get(suggest);
  auto o1 = c->Get(opensearch);
  ASSERT_TRUE(s1 && s2 && o1);
  EXPECT_EQ(s1->get_header_value("X-Kavosh-Cache"), "miss");
  EXPECT_EQ(s2->get_header_value("X-Kavosh-Cache"), "hit");
  EXPECT_EQ(s2->body, s1->body);
  EXPECT_EQ(o1->get_header_value("X-Kavosh-Cache"), "miss");
  EXPECT_EQ(o1->get_header_value("Content-Type").rfind("application/x-suggestions+json", 0), 0u);

  // Errors are answered every time, never kept.
  for (int i = 0; i < 2; ++i) {
    auto bad = c->Get("/api/v1/search?q=" + Enc("بانک") + "&per_page=100000");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_FALSE(bad->has_header("X-Kavosh-Cache"));
  }
  auto metrics = c->Get("/metrics");
  ASSERT_TRUE(metrics && metrics->status == 200);
  EXPECT_NE(metrics->body.find("kavosh_cache_hits_total 7\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("kavosh_cache_misses_total 4\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("kavosh_cache_entries 4\n"), std::string::npos);
}

TEST(ServerCacheTest, ACommitMakesKeptAnswersUnreachable) {
  ServerBeforeACommit before;
  ASSERT_TRUE(before.server.ok()) << before.server.error();
  auto c = before.server.Client();
  const std::string& search = kNewArticleSearch;
  for (const char* expected : {"miss", "hit"}) {
    auto r = c->Get(search);
    ASSERT_TRUE(r && r->status == 200);
    EXPECT_EQ(r->get_header_value("X-Kavosh-Cache"), expected);
    EXPECT_EQ(json::parse(r->body)["total"], 0);
  }
  std::string error;
  ASSERT_TRUE(before.Commit(&error)) << error;
  // Workers reopen within 100 ms (the test server's refresh); the first answer over the
  // new revision must be computed, and it finds the new article.
  bool seen = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!seen && std::chrono::steady_clock::now() < deadline) {
    auto r = c->Get(search);
    ASSERT_TRUE(r && r->status == 200);
    if (json::parse(r->body)["total"] == 1) {
      seen = true;
      EXPECT_EQ(r->get_header_value("X-Kavosh-Cache"), "miss");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(seen) << "the kept answer hid the new article";
}

TEST(ServerCacheTest, TimeToLiveAndTurningItOff) {
  TestServer short_lived(t::Corpus(), [](ServerOptions* o) { o->cache.ttl = milliseconds(300); });
  ASSERT_TRUE(short_lived.ok()) << short_lived.error();
  auto c = short_lived.Client();
  const std::string search = "/api/v1/search?q=" + Enc("زنبورداری");
  ASSERT_EQ(c->Get(search)->get_header_value("X-Kavosh-Cache"), "miss");
  ASSERT_EQ(c->Get(search)->get_header_value("X-Kavosh-Cache"), "hit");
  std::this_thread::sleep_for(milliseconds(400));
  EXPECT_EQ(c->Get(search)->get_header_value("X-Kavosh-Cache"), "miss");

  TestServer off(t::Corpus(), [](ServerOptions* o) { o->cache.max_bytes = 0; });
  ASSERT_TRUE(off.ok()) << off.error();
  auto d = off.Client();
  for (int i = 0; i < 2; ++i) {
    auto r = d->Get(search);
    ASSERT_TRUE(r && r->status == 200);
    EXPECT_FALSE(r->has_header("X-Kavosh-Cache"));
    EXPECT_GE(json::parse(r->body)["total"].get<int>(), 1);
  }
}

}  // namespace
}  // namespace kavosh::search::test
