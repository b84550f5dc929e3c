#include "indexer/core/internal/ordered_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kavosh::indexer::internal {
namespace {

using Pipeline = OrderedPipeline<int, int>;

// Uneven work, so that later chunks often finish before earlier ones.
void Jitter(int i) { std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 300)); }

std::vector<int> Chunk(int first, int count) {
  std::vector<int> chunk;
  for (int i = first; i < first + count; ++i) chunk.push_back(i);
  return chunk;
}

TEST(OrderedPipelineTest, ConsumesInSubmissionOrderWhateverTheWorkers) {
  for (unsigned workers : {1u, 2u, 5u}) {
    std::vector<int> consumed;
    std::atomic<int> prepared{0};
    Pipeline pipeline(
        {.workers = workers, .max_chunks_in_flight = 4},
        [&](int& item, unsigned) {
          Jitter(item);
          ++prepared;
          return item * 10;
        },
        [&](int& result) { consumed.push_back(result); });
    for (int first = 0; first < 200; first += 7) pipeline.Submit(Chunk(first, 7));
    pipeline.Drain();
    ASSERT_EQ(consumed.size(), 203u) << "workers " << workers;
    for (size_t i = 0; i < consumed.size(); ++i) {
      ASSERT_EQ(consumed[i], static_cast<int>(i) * 10) << "workers " << workers << " at " << i;
    }
    EXPECT_EQ(prepared.load(), 203);
  }
}

TEST(OrderedPipelineTest, DrainWaitsAndThePipelineGoesOnAfterwards) {
  std::vector<int> consumed;
  Pipeline pipeline(
      {.workers = 2, .max_chunks_in_flight = 2}, [](int& item, unsigned) { return item; },
      [&](int& result) {
        Jitter(result);
        consumed.push_back(result);
      });
  pipeline.Submit(Chunk(0, 5));
  pipeline.Drain();
  EXPECT_EQ(consumed.size(), 5u);  // the consumer is idle: safe to read without a lock
  pipeline.Submit(Chunk(5, 5));
  pipeline.Submit({});  // an empty chunk is ignored
  pipeline.Drain();
  EXPECT_EQ(consumed, Chunk(0, 10));
}

TEST(OrderedPipelineTest, BackPressureBoundsTheChunksInFlight) {
  std::atomic<int> in_flight{0};
  std::atomic<int> most{0};
  Pipeline pipeline(
      {.workers = 3, .max_chunks_in_flight = 3},
      [&](int& item, unsigned) {
        int now = ++in_flight;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        return item;
      },
      [&](int&) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));  // a slow writer
        --in_flight;
      });
  for (int i = 0; i < 60; ++i) pipeline.Submit({i});
  pipeline.Drain();
  EXPECT_LE(most.load(), 3);
  EXPECT_EQ(in_flight.load(), 0);
}

TEST(OrderedPipelineTest, AnErrorInPrepareIsRethrownToTheCaller) {
  Pipeline pipeline(
      {.workers = 2, .max_chunks_in_flight = 4},
      [](int& item, unsigned) {
        if (item == 13) throw std::runtime_error("bad item 13");
        return item;
      },
      [](int&) {});
  EXPECT_THROW(
      {
        for (int first = 0; first < 100; first += 5) pipeline.Submit(Chunk(first, 5));
        pipeline.Drain();
      },
      std::runtime_error);
}

TEST(OrderedPipelineTest, AnErrorInConsumeStopsTheRest) {
  std::vector<int> consumed;
  Pipeline pipeline(
      {.workers = 2, .max_chunks_in_flight = 4}, [](int& item, unsigned) { return item; },
      [&](int& result) {
        if (result == 7) throw std::runtime_error("disk full");
        consumed.push_back(result);
      });
  try {
    for (int first = 0; first < 100; first += 5) pipeline.Submit(Chunk(first, 5));
    pipeline.Drain();
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "disk full");
  }
  EXPECT_EQ(consumed, Chunk(0, 7));  // in order, and nothing after the failure
}

TEST(OrderedPipelineTest, DestroyingWithoutDrainStopsCleanly) {
  std::atomic<int> consumed{0};
  {
    Pipeline pipeline(
        {.workers = 2, .max_chunks_in_flight = 8}, [](int& item, unsigned) { return item; },
        [&](int&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          ++consumed;
        });
    for (int first = 0; first < 40; first += 5) pipeline.Submit(Chunk(first, 5));
  }
  EXPECT_LE(consumed.load(), 40);
}

}  // namespace
}  // namespace kavosh::indexer::internal
