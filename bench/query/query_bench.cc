// kavosh-query-bench: in-process latency of a fixed query mix (queries.tsv) through the
// same Searcher as the daemon: parsing, ranking, facets, snippets, suggestions.
//
//   kavosh-query-bench --db DB [--queries bench/query/queries.tsv] [--rounds 5] [--json]
//                      [--exact-up-to N] [--facet-sample N] [--parallel-count-from N]
//                      [--facet-column-mb N] [--page-in-count 0|1] [--rows]
//                      (SearchOptions; defaults 100000, 5000, 50000 and 256; --facet-sample 0
//                      counts the first N instead; --parallel-count-from 0 counts on one
//                      thread; --facet-column-mb 0 counts from Xapian's value table;
//                      --page-in-count 0 ranks every page in a pass of its own)
//
// Each round runs every query once (after one warm-up round); prints p50/p95/p99 and
// mean per class and for all searches, and for suggestions (--rows: also each row's
// median and slowest time, on stderr). Figures, not assertions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "searchd/request.h"
#include "searchd/response_json.h"
#include "searchd/searcher.h"

namespace {

struct Row {
  std::string cls, query;
  kavosh::search::Params params;
};

std::string Decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::vector<Row> Load(const std::string& path) {
  std::ifstream in(path);
  std::vector<Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string part;
    while (std::getline(ss, part, '\t')) f.push_back(part);
    if (f.size() < 2) f.resize(2);
    Row r{f[0], f[1], {}};
    if (f.size() > 2) {
      std::stringstream ps(f[2]);
      while (std::getline(ps, part, '&')) {
        size_t eq = part.find('=');
        if (eq != std::string::npos) r.params.emplace(part.substr(0, eq), Decode(part.substr(eq + 1)));
      }
    }
    if (!r.query.empty()) r.params.emplace("q", r.query);
    rows.push_back(std::move(r));
  }
  return rows;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries = std::string(KAVOSH_SOURCE_DIR) + "/bench/query/queries.tsv";
  int rounds = 5;
  bool json = false;
  bool by_row = false;  // also each row's median and slowest, on stderr
  kavosh::search::SearchOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) db = argv[++i];
    else if (a == "--queries" && i + 1 < argc) queries = argv[++i];
    else if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--json") json = true;
    else if (a == "--rows") by_row = true;
    else if (a == "--page-in-count" && i + 1 < argc) options.page_in_count = std::atoi(argv[++i]) != 0;
    else if (a == "--exact-up-to" && i + 1 < argc) options.exact_up_to = static_cast<Xapian::doccount>(std::atoll(argv[++i]));
    else if (a == "--facet-sample" && i + 1 < argc) options.facet_sample = static_cast<Xapian::doccount>(std::atoll(argv[++i]));
    else if (a == "--parallel-count-from" && i + 1 < argc) options.parallel_count_from = static_cast<Xapian::doccount>(std::atoll(argv[++i]));
    else if (a == "--facet-column-mb" && i + 1 < argc) options.facet_column_bytes = static_cast<size_t>(std::atoll(argv[++i])) << 20;
    else {
      std::cerr << "usage: kavosh-query-bench --db DB [--queries FILE] [--rounds N] [--json] [--rows]\n"
                   "                          [--exact-up-to N] [--facet-sample N]\n"
                   "                          [--parallel-count-from N] [--facet-column-mb N]\n"
                   "                          [--page-in-count 0|1]\n";
      return 2;
    }
  }
  std::vector<Row> rows = Load(queries);
  if (db.empty() || rows.empty()) {
    std::cerr << "kavosh-query-bench: need --db and a non-empty query file\n";
    return 2;
  }
  auto context = kavosh::search::SearchContext::Load("", options);
  std::string error;
  const auto opening = std::chrono::steady_clock::now();
  auto searcher = kavosh::search::Searcher::Open(db, context, &error);
  if (!searcher) {
    std::cerr << "kavosh-query-bench: " << error << "\n";
    return 2;
  }
  // Opening reads the facet column (unless --facet-column-mb 0): its time and memory.
  std::cerr << "opened in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - opening).count()
            << " s; facet column "
            << (context->columns ? context->columns->memory() / 1048576.0 : 0.0) << " MB\n";
  std::map<std::string, std::vector<double>> times;
  std::map<std::string, uint64_t> totals;
  std::vector<std::vector<double>> row_times(rows.size());
  for (int round = 0; round <= rounds; ++round) {
    for (size_t row = 0; row < rows.size(); ++row) {
      const Row& r = rows[row];
      auto start = std::chrono::steady_clock::now();
      uint64_t total = 0;
      if (r.cls == "suggest") {
        total = searcher->Suggest(r.query, 8).size();
      } else {
        kavosh::search::ParamError perror;
        auto request = kavosh::search::ParseSearchParams(r.params, *context->resolver, &perror);
        if (!request) {
          std::cerr << "bad row '" << r.query << "': " << perror.message << "\n";
          return 2;
        }
        kavosh::search::SearchResult result = searcher->Search(*request);
        total = result.total;
        // Rendering is part of answering.
        total += kavosh::search::Dump(kavosh::search::SearchResultToJson(result)).size() == 0;
      }
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (round == 0) {
        totals[r.cls] += total;
        continue;  // warm-up
      }
      times[r.cls].push_back(ms);
      row_times[row].push_back(ms);
      if (r.cls != "suggest") times["all searches"].push_back(ms);
    }
  }
  if (by_row) {
    for (size_t row = 0; row < rows.size(); ++row) {
      std::fprintf(stderr, "%-8s %8.2f %8.2f  %s %s\n", rows[row].cls.c_str(),
                   Percentile(row_times[row], 0.5), Percentile(row_times[row], 1.0),
                   rows[row].query.c_str(), rows[row].params.size() > 1 ? "(+params)" : "");
    }
  }
  nlohmann::json out = {{"documents", searcher->documents()}, {"rounds", rounds}, {"classes", nlohmann::json::object()}};
  if (!json) {
    std::printf("%-14s %6s %9s %9s %9s %9s\n", "class", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms");
  }
  for (const auto& [cls, v] : times) {
    double mean = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    out["classes"][cls] = {{"n", v.size()}, {"p50", Percentile(v, 0.5)}, {"p95", Percentile(v, 0.95)},
                           {"p99", Percentile(v, 0.99)}, {"mean", mean}};
    if (!json) {
      std::printf("%-14s %6zu %9.2f %9.2f %9.2f %9.2f\n", cls.c_str(), v.size(), Percentile(v, 0.5),
                  Percentile(v, 0.95), Percentile(v, 0.99), mean);
    }
  }
  if (json) std::cout << out.dump(1) << "\n";
  else std::printf("documents: %llu\n", static_cast<unsigned long long>(searcher->documents()));
  return 0;
}
