// kavosh-analyzer-bench: analyzer throughput on real news text, against bare ICU word
// segmentation of the same text.
//
//   kavosh-analyzer-bench [--benchmark_filter=…] [google benchmark flags]
//
// Text: title + body of every record in ../shared/corpora/*/docs.jsonl ($KAVOSH_SHARED
// overrides ../shared), else data/sample/news.jsonl; at most $KAVOSH_BENCH_MAX_MB
// megabytes (default 16) of it. Each benchmark processes every document once per
// iteration and reports bytes of original UTF-8 per second:
//   IcuWordBreak    UTF-8 -> UTF-16 conversion + icu::BreakIterator word instance,
//                   counting words: the floor the analyzer is compared with;
//   Fold            character folding only (normalizer.h);
//   Analyze         the full Analyzer::Analyze;
//   AnalyzeTerms    Analyze + IndexTerms for every token (what the indexer does).
// After the runs it prints the ratio of each to IcuWordBreak.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "analyzers/analyzer.h"
#include "analyzers/normalizer.h"

namespace {

namespace fs = std::filesystem;
namespace ka = kavosh::analyzers;

std::vector<std::string>& Docs() {
  static std::vector<std::string> docs;
  return docs;
}

size_t TotalBytes() {
  static size_t total = 0;
  if (total == 0) {
    for (const std::string& d : Docs()) total += d.size();
  }
  return total;
}

std::vector<fs::path> CorpusFiles() {
  const char* shared_env = std::getenv("KAVOSH_SHARED");
  fs::path shared = shared_env != nullptr ? fs::path(shared_env)
                                          : fs::path(KAVOSH_SOURCE_DIR) / ".." / "shared";
  std::vector<fs::path> files;
  std::error_code ec;
  fs::path corpora = shared / "corpora";
  if (fs::is_directory(corpora, ec)) {
    for (const auto& entry : fs::directory_iterator(corpora, ec)) {
      fs::path docs = entry.path() / "docs.jsonl";
      if (fs::is_regular_file(docs, ec)) files.push_back(docs.lexically_normal());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    fs::path sample = fs::path(KAVOSH_SOURCE_DIR) / "data" / "sample" / "news.jsonl";
    if (fs::is_regular_file(sample, ec)) files.push_back(sample);
  }
  return files;
}

// Loads title + body of each record, round-robin over the files so that a size limit
// still samples every corpus.
void LoadDocs(size_t max_bytes) {
  std::vector<std::unique_ptr<std::ifstream>> inputs;
  for (const fs::path& f : CorpusFiles()) {
    inputs.push_back(std::make_unique<std::ifstream>(f));
    std::printf("corpus: %s\n", f.string().c_str());
  }
  size_t total = 0;
  bool any = true;
  while (any && total < max_bytes) {
    any = false;
    for (auto& in : inputs) {
      std::string line;
      if (!std::getline(*in, line)) continue;
      any = true;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_object()) continue;
      std::string text;
      for (const char* field : {"title", "body"}) {
        auto it = j.find(field);
        if (it != j.end() && it->is_string()) text += it->get<std::string>() + "\n";
      }
      total += text.size();
      Docs().push_back(std::move(text));
      if (total >= max_bytes) break;
    }
  }
}

void BM_IcuWordBreak(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) {
    state.SkipWithError("no ICU word break iterator");
    return;
  }
  size_t count = 0;
  for (auto _ : state) {
    for (const std::string& doc : Docs()) {
      icu::UnicodeString text = icu::UnicodeString::fromUTF8(doc);
      words->setText(text);
      words->first();
      for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
        if (words->getRuleStatus() != UBRK_WORD_NONE) ++count;
      }
    }
    benchmark::DoNotOptimize(count);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.counters["words"] = static_cast<double>(count / state.iterations());
}

void BM_Fold(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& doc : Docs()) {
      ka::FoldedText folded = ka::Fold(doc);
      benchmark::DoNotOptimize(folded.text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}

void BM_Analyze(benchmark::State& state) {
  ka::Analyzer analyzer;
  size_t tokens = 0;
  for (auto _ : state) {
    for (const std::string& doc : Docs()) tokens += analyzer.Analyze(doc).size();
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.counters["tokens"] = static_cast<double>(tokens / state.iterations());
}

void BM_AnalyzeTerms(benchmark::State& state) {
  ka::Analyzer analyzer;
  size_t terms = 0;
  for (auto _ : state) {
    for (const std::string& doc : Docs()) {
      for (const ka::Token& token : analyzer.Analyze(doc)) terms += ka::IndexTerms(token).size();
    }
    benchmark::DoNotOptimize(terms);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.counters["terms"] = static_cast<double>(terms / state.iterations());
}

// The console reporter, also keeping each benchmark's bytes per second for the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(OO_Tabular) {}  // no colour codes in logs
  void ReportRuns(const std::vector<Run>& reports) override {
    ConsoleReporter::ReportRuns(reports);
    for (const Run& run : reports) {
      auto it = run.counters.find("bytes_per_second");
      if (it != run.counters.end() && !run.error_occurred) {
        rates_[run.run_name.function_name] = it->second.value;
      }
    }
  }

  void PrintRatios() const {
    auto floor = rates_.find("BM_IcuWordBreak");
    std::printf("\n%-20s %10s %18s\n", "variant", "MB/s", "time / ICU words");
    for (const char* name : {"BM_IcuWordBreak", "BM_Fold", "BM_Analyze", "BM_AnalyzeTerms"}) {
      auto it = rates_.find(name);
      if (it == rates_.end()) continue;
      double mbs = it->second / 1e6;
      if (floor != rates_.end() && it->second > 0) {
        std::printf("%-20s %10.2f %17.2fx\n", name, mbs, floor->second / it->second);
      } else {
        std::printf("%-20s %10.2f\n", name, mbs);
      }
    }
  }

 private:
  std::map<std::string, double> rates_;
};

}  // namespace

// At least two seconds each: one pass over 16 MB takes about a second.
BENCHMARK(BM_IcuWordBreak)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_Fold)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_AnalyzeTerms)->Unit(benchmark::kMillisecond)->MinTime(2);

int main(int argc, char** argv) {
  const char* max_env = std::getenv("KAVOSH_BENCH_MAX_MB");
  size_t max_mb = max_env != nullptr ? std::strtoul(max_env, nullptr, 10) : 16;
  LoadDocs(max_mb << 20);
  if (Docs().empty()) {
    std::printf("skipped: no corpus found (../shared/corpora/*/docs.jsonl or "
                "data/sample/news.jsonl)\n");
    return 0;
  }
  std::printf("documents: %zu, bytes: %zu\n", Docs().size(), TotalBytes());
  ka::Analyzer warm_up;  // loads the lexicon outside the timed runs
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
