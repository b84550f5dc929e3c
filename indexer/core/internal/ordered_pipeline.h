// Internal to indexer/core: a pool of threads that prepares chunks of work in parallel and
// one thread that consumes the results strictly in the order the chunks were submitted.
// The indexer uses it as "analysis on every core, one Xapian writer".
//
//   OrderedPipeline<Job, Doc> pipeline(
//       {.workers = 2, .max_chunks_in_flight = 16},
//       [](Job& job, unsigned worker) { return Analyse(job, worker); },  // any worker thread
//       [&](Doc& doc) { db.add_document(doc.xapian); });                  // one thread, in order
//   pipeline.Submit(std::move(chunk));  // blocks while too many chunks are in flight
//   pipeline.Drain();                   // everything submitted has been consumed
//
// Back-pressure: Submit() blocks while max_chunks_in_flight chunks are submitted but not yet
// consumed, which bounds memory when the consumer is the slowest stage. Consumed results
// are destroyed by the workers, not by the (usually busiest) consumer thread.
//
// Errors: an exception thrown by `prepare` or `consume` stops the pipeline (the remaining
// work is dropped) and is rethrown by the next Submit() or Drain() in the calling thread.
// The destructor stops the threads without finishing the work; call Drain() first.
//
// Submit() and Drain() must be called from one thread. Between Drain() and the next
// Submit() the consumer thread is idle, so the caller may use what `consume` uses.
#ifndef KAVOSH_INDEXER_CORE_INTERNAL_ORDERED_PIPELINE_H_
#define KAVOSH_INDEXER_CORE_INTERNAL_ORDERED_PIPELINE_H_

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace kavosh::indexer::internal {

struct PipelineOptions {
  unsigned workers = 1;             // preparing threads (at least 1)
  size_t max_chunks_in_flight = 8;  // submitted but not yet consumed (at least 1)
};

template <typename In, typename Out>
class OrderedPipeline {
 public:
  using Prepare = std::function<Out(In& item, unsigned worker)>;
  using Consume = std::function<void(Out& result)>;

  OrderedPipeline(const PipelineOptions& options, Prepare prepare, Consume consume)
      : max_in_flight_(std::max<size_t>(1, options.max_chunks_in_flight)),
        prepare_(std::move(prepare)),
        consume_(std::move(consume)) {
    unsigned workers = std::max(1u, options.workers);
    for (unsigned w = 0; w < workers; ++w) threads_.emplace_back([this, w] { WorkerLoop(w); });
    threads_.emplace_back([this] { ConsumerLoop(); });
  }

  ~OrderedPipeline() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    work_cv_.notify_all();
    done_cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  void Submit(std::vector<In> chunk) {
    if (chunk.empty()) return;
    std::unique_lock<std::mutex> lock(mu_);
    space_cv_.wait(lock, [&] { return in_flight_ < max_in_flight_ || error_; });
    if (error_) std::rethrow_exception(error_);
    todo_.push_back({next_submit_++, std::move(chunk)});
    ++in_flight_;
    lock.unlock();
    work_cv_.notify_one();
  }

  void Drain() {
    std::unique_lock<std::mutex> lock(mu_);
    space_cv_.wait(lock, [&] { return in_flight_ == 0 || error_; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  struct Chunk {
    uint64_t seq = 0;
    std::vector<In> items;
  };

  void Fail(std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_) error_ = e;
    todo_.clear();
    done_.clear();
  }

  void WorkerLoop(unsigned worker) {
    for (;;) {
      Chunk chunk;
      std::vector<std::vector<Out>> garbage;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
        if (stopping_) return;
        chunk = std::move(todo_.front());
        todo_.pop_front();
        garbage.swap(consumed_);
        if (error_) continue;
      }
      garbage.clear();
      std::vector<Out> results;
      try {
        results.reserve(chunk.items.size());
        for (auto& item : chunk.items) results.push_back(prepare_(item, worker));
      } catch (...) {
        Fail(std::current_exception());
        space_cv_.notify_all();
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (error_) continue;
        done_.emplace(chunk.seq, std::move(results));
      }
      done_cv_.notify_one();
    }
  }

  void ConsumerLoop() {
    for (;;) {
      std::vector<Out> results;
      {
        std::unique_lock<std::mutex> lock(mu_);
        done_cv_.wait(lock, [&] {
          return stopping_ || (!done_.empty() && done_.begin()->first == next_consume_);
        });
        if (stopping_) return;
        results = std::move(done_.begin()->second);
        done_.erase(done_.begin());
      }
      try {
        for (auto& r : results) consume_(r);
      } catch (...) {
        Fail(std::current_exception());
        space_cv_.notify_all();
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++next_consume_;
        --in_flight_;
        consumed_.push_back(std::move(results));
      }
      space_cv_.notify_all();
    }
  }

  const size_t max_in_flight_;
  const Prepare prepare_;
  const Consume consume_;

  std::mutex mu_;
  std::condition_variable work_cv_;   // todo_ has a chunk, or stopping
  std::condition_variable done_cv_;   // the next chunk in order is done, or stopping
  std::condition_variable space_cv_;  // a chunk was consumed, or an error
  std::deque<Chunk> todo_;
  std::map<uint64_t, std::vector<Out>> done_;  // prepared, waiting for their turn
  std::vector<std::vector<Out>> consumed_;     // for a worker to destroy
  uint64_t next_submit_ = 0;
  uint64_t next_consume_ = 0;
  size_t in_flight_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> threads_;  // last: started after everything above exists
};

}  // namespace kavosh::indexer::internal

#endif  // KAVOSH_INDEXER_CORE_INTERNAL_ORDERED_PIPELINE_H_
