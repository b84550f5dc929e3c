// The two thread pools of kavosh-searchd.
//
// ConnectionPool: cpp-httplib keeps a connection on one task-queue thread until it
// closes, so a fixed pool is starved by idle keep-alive connections and slow clients.
// This pool keeps `min` threads and starts more while work waits and none is idle, up
// to `max` connections at once.
//
// WorkerPool: a fixed set of threads that run the searches, each keeping its own
// Searcher (database handle, analyzer) however many connections are open. Run() waits
// for the task and re-throws what it threw on the caller's thread.
//
//   WorkerPool workers(8);
//   workers.Run([&] { result = searcher.Search(request); });
#ifndef KAVOSH_SEARCHD_POOLS_H_
#define KAVOSH_SEARCHD_POOLS_H_

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kavosh::search {

class ConnectionPool : public httplib::TaskQueue {
 public:
  ConnectionPool(size_t min, size_t max);
  ~ConnectionPool() override;
  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

 private:
  void Loop();
  void StartThread();  // with mutex_ held

  size_t min_, max_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

class WorkerPool {
 public:
  explicit WorkerPool(size_t threads);
  ~WorkerPool();
  void Run(const std::function<void()>& task);

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_POOLS_H_
