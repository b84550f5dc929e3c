// Internal to indexer/core: CPU seconds spent in each stage of the pipeline, summed over
// the threads that run it (KAVOSH_INDEX_PROFILE=1 kavosh-indexer … prints them; see
// docs/performance.md). Thread-safe; a stage costs two clock reads.
//
//   StageProfile profile;
//   { StageTimer t(&profile, Stage::kAnalyse); … }
//   std::cerr << profile.Report();
#ifndef KAVOSH_INDEXER_CORE_INTERNAL_STAGE_PROFILE_H_
#define KAVOSH_INDEXER_CORE_INTERNAL_STAGE_PROFILE_H_

#include <time.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kavosh::indexer::internal {

enum class Stage {
  kRead,     // the caller's thread: reading and parsing the input (excluding hand-over)
  kEnrich,   // workers: dates, entities, event types
  kAnalyse,  // workers: analysis, terms, fingerprint, stored JSON
  kStory,    // writer: duplicate lookup in the database
  kAdd,      // writer: Xapian add_document / replace_document
  kCommit,   // writer: spelling table, metadata, commit
  kCount
};

inline constexpr std::array<const char*, static_cast<size_t>(Stage::kCount)> kStageNames = {
    "read+parse", "enrich", "analyse", "find-story", "xapian-add", "commit"};

inline uint64_t ThreadCpuNanos() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

class StageProfile {
 public:
  void Add(Stage stage, uint64_t nanos) {
    nanos_[static_cast<size_t>(stage)].fetch_add(nanos, std::memory_order_relaxed);
  }
  uint64_t Nanos(Stage stage) const {
    return nanos_[static_cast<size_t>(stage)].load(std::memory_order_relaxed);
  }
  // "stage  cpu-seconds" lines.
  std::string Report() const {
    std::string out;
    char line[64];
    for (size_t i = 0; i < kStageNames.size(); ++i) {
      std::snprintf(line, sizeof line, "%-12s %8.2f s cpu\n", kStageNames[i],
                    static_cast<double>(nanos_[i].load()) / 1e9);
      out += line;
    }
    return out;
  }

 private:
  std::array<std::atomic<uint64_t>, static_cast<size_t>(Stage::kCount)> nanos_{};
};

// Adds the thread CPU time of its scope to a stage; does nothing with a null profile.
class StageTimer {
 public:
  StageTimer(StageProfile* profile, Stage stage)
      : profile_(profile), stage_(stage), start_(profile ? ThreadCpuNanos() : 0) {}
  ~StageTimer() {
    if (profile_) profile_->Add(stage_, ThreadCpuNanos() - start_);
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  StageProfile* profile_;
  Stage stage_;
  uint64_t start_;
};

}  // namespace kavosh::indexer::internal

#endif  // KAVOSH_INDEXER_CORE_INTERNAL_STAGE_PROFILE_H_
