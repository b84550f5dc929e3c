// kavosh-indexer --db DIR [options] INPUT...   (see --help and docs/indexing.md)
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexer/core/indexer.h"

namespace {

namespace ki = kavosh::indexer;

constexpr int kExitRejected = 1;
constexpr int kExitFatal = 2;

// Xapian keeps the postings of the documents added since its last flush in one std::map
// per term and writes them to its tables every XAPIAN_FLUSH_THRESHOLD documents (default
// 10,000) or at a commit. Smaller maps stay in cache: flushing every 1,000 documents takes
// 10-20 % off the writer thread, the bottleneck (docs/performance.md); more often costs
// more disk writes. It changes nothing in the index; a value in the environment wins.
constexpr const char* kXapianFlushThreshold = "1000";

int Usage(std::ostream& out, int status) {
  out << "usage: kavosh-indexer --db DIR [options] INPUT...\n"
         "       kavosh-indexer --db DIR --delete ID...\n"
         "INPUT: files, directories (recursive) or - for standard input.\n"
         "  --format auto|jsonl|text|html|rss   input format (default auto)\n"
         "  --reference-date YYYY-MM-DD         day the input was collected (years left out\n"
         "                                      of dates are inferred from it)\n"
         "  --data-dir DIR                      gazetteers (default: the bundled data/)\n"
         "  --shards N                          write N shards, a spelling database and\n"
         "                                      DIR/kavosh.stub (docs/deployment.md)\n"
         "  --shard K                           with --shards: write only shard K\n"
         "  --batch N                           articles per commit (default 2000)\n"
         "  --threads N                         enrichment and analysis threads (default: all\n"
         "                                      cores); one more thread writes the index\n"
         "  --json                              print a JSON summary on standard output\n"
         "Exit status: 0 all indexed, 1 some input rejected, 2 fatal error.\n";
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  ki::IndexerOptions options;
  std::vector<std::string> inputs;
  bool json = false;
  bool remove = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "kavosh-indexer: " << name << " needs a value\n";
        std::exit(Usage(std::cerr, kExitFatal));
      }
      return argv[++i];
    };
    if (arg == "--db") {
      options.db_path = value("--db");
    } else if (arg == "--format") {
      auto f = kavosh::readers::ParseFormat(value("--format"));
      if (!f) {
        std::cerr << "kavosh-indexer: unknown format " << argv[i] << "\n";
        return Usage(std::cerr, kExitFatal);
      }
      options.format = *f;
    } else if (arg == "--reference-date") {
      std::string d = value("--reference-date");
      if (!ki::ParseReferenceDate(d, &options.reference)) {
        std::cerr << "kavosh-indexer: bad --reference-date " << d << " (want YYYY-MM-DD)\n";
        return kExitFatal;
      }
    } else if (arg == "--data-dir") {
      options.data_dir = value("--data-dir");
    } else if (arg == "--shards" || arg == "--shard") {
      std::string v = value(arg.c_str());
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || n < (arg == "--shards" ? 1 : 0) || n > 1024) {
        std::cerr << "kavosh-indexer: " << arg << " needs a number\n";
        return Usage(std::cerr, kExitFatal);
      }
      if (arg == "--shards") {
        options.shards = static_cast<unsigned>(n);
      } else {
        options.only_shard = static_cast<int>(n);
      }
    } else if (arg == "--batch" || arg == "--threads") {
      std::string v = value(arg.c_str());
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || n < (arg == "--batch" ? 1 : 0) || n > 1000000) {
        std::cerr << "kavosh-indexer: bad " << arg << " " << v << "\n";
        return kExitFatal;
      }
      if (arg == "--batch") {
        options.batch_size = static_cast<size_t>(n);
      } else {
        options.threads = static_cast<unsigned>(n);
      }
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--delete") {
      remove = true;
    } else if (arg == "-h" || arg == "--help") {
      return Usage(std::cout, 0);
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::cerr << "kavosh-indexer: unknown option " << arg << "\n";
      return Usage(std::cerr, kExitFatal);
    } else {
      inputs.push_back(arg);
    }
  }
  if (options.only_shard >= 0 &&
      (options.shards == 0 || options.only_shard >= static_cast<int>(options.shards))) {
    std::cerr << "kavosh-indexer: --shard K needs --shards N with K < N\n";
    return Usage(std::cerr, kExitFatal);
  }
  if (options.db_path.empty() || inputs.empty()) return Usage(std::cerr, kExitFatal);
  setenv("XAPIAN_FLUSH_THRESHOLD", kXapianFlushThreshold, /*overwrite=*/0);
  options.progress = isatty(STDERR_FILENO) != 0;
  const char* profile = std::getenv("KAVOSH_INDEX_PROFILE");  // docs/performance.md
  options.profile = profile != nullptr && std::string(profile) == "1";
  options.on_error = [](const std::string& message) { std::cerr << message << "\n"; };

  try {
    std::string error;
    auto indexer = ki::Indexer::Open(options, &error);
    if (!indexer) {
      std::cerr << "kavosh-indexer: " << error << "\n";
      return kExitFatal;
    }
    if (remove) {
      indexer->Delete(inputs);
    } else {
      for (const auto& input : inputs) indexer->AddPath(input);
    }
    ki::IndexStats s = indexer->Finish();
    if (json) {
      nlohmann::json summary = {{"read", s.read},         {"indexed", s.indexed},
                                {"updated", s.updated},   {"duplicates", s.duplicates},
                                {"rejected", s.rejected}, {"documents", s.documents}};
      if (remove) summary["deleted"] = s.deleted;
      if (options.only_shard >= 0) summary["other_shards"] = s.other_shards;
      std::cout << summary.dump() << "\n";
    }
    return s.rejected > 0 ? kExitRejected : 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "kavosh-indexer: database error: " << e.get_description() << "\n";
    return kExitFatal;
  } catch (const std::exception& e) {
    std::cerr << "kavosh-indexer: " << e.what() << "\n";
    return kExitFatal;
  }
}
