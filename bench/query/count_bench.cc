// Facet counting alone, without Xapian: the CPU time of a LocalFacetSpy counting N
// matches from the facet column of an index, with the column's cells and, as the
// baseline of the same run, with its encoded values (a column read with no cells).
//
//   kavosh-count-bench --db DB [--matches 100000] [--rounds 25] [--seed 1]
//
// The matches are N document numbers drawn at random (seeded), in order, as Xapian shows
// them to a spy. Prints, for each way, the column's size and time to read, and the best
// and median thread CPU time of a count over the rounds, alternating the two ways.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <xapian.h>

#include "searchd/facet_column.h"
#include "searchd/facets.h"

namespace {

using kavosh::search::FacetColumn;
using kavosh::search::FacetNames;
using kavosh::search::LocalFacetSpy;

double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

int Usage() {
  std::fprintf(stderr, "usage: kavosh-count-bench --db DB [--matches N] [--rounds N] [--seed N]\n");
  return 2;
}

struct Way {
  const char* name;
  size_t max_cells;  // FacetColumn::Read's: 0 reads no cells
  std::shared_ptr<const FacetColumn> column;
  std::vector<double> ms;
  uint64_t stories = 0;
  std::vector<std::tuple<uint32_t, int, uint32_t, uint64_t>> counts;  // of the last round
};

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  size_t matches = 100000, rounds = 25;
  unsigned seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage();
    if (arg == "--db") {
      db_path = argv[++i];
    } else if (arg == "--matches") {
      matches = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--rounds") {
      rounds = std::max<size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else if (arg == "--seed") {
      seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else {
      return Usage();
    }
  }
  if (db_path.empty()) return Usage();
  try {
    Xapian::Database db(db_path);
    Way ways[2] = {{"cells", FacetColumn::kMaxCells, nullptr, {}, 0, {}},
                     {"values", 0, nullptr, {}, 0, {}}};
    for (Way& way : ways) {
      const auto start = std::chrono::steady_clock::now();
      way.column = FacetColumn::Read(db, size_t{4} << 30, way.max_cells);
      const double read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!way.column) {
        std::fprintf(stderr, "count-bench: the column of %s could not be read\n", db_path.c_str());
        return 1;
      }
      std::printf("%-6s column %.1f MB, read in %.2f s, cells: %s (%zu names)\n", way.name,
                  static_cast<double>(way.column->memory()) / 1e6, read_s,
                  way.column->has_cells() ? "yes" : "no", way.column->cells());
    }
    std::mt19937 draw(seed);
    std::uniform_int_distribution<Xapian::docid> any(1, std::max<Xapian::docid>(1, ways[0].column->last()));
    std::vector<Xapian::docid> dids;
    for (size_t i = 0; i < matches; ++i) dids.push_back(any(draw));
    std::sort(dids.begin(), dids.end());
    dids.erase(std::unique(dids.begin(), dids.end()), dids.end());
    FacetNames names;
    names.set_databases({db});
    for (size_t r = 0; r <= rounds; ++r) {
      for (Way& way : ways) {
        const double start = ThreadCpuMs();
        LocalFacetSpy spy(true, &names, way.column);
        spy.Take(dids);
        spy.Finish();
        const double ms = ThreadCpuMs() - start;
        if (r > 0) way.ms.push_back(ms);  // round 0 warms the caches
        way.stories = spy.stories();
        way.counts.clear();
        spy.ForEachCount([&](uint32_t tag, int f, uint32_t id, uint64_t n) { way.counts.emplace_back(tag, f, id, n); });
      }
    }
    std::printf("%zu matches (%zu drawn, seed %u), %zu rounds, thread CPU per count:\n", dids.size(), matches,
                seed, rounds);
    for (Way& way : ways) {
      std::sort(way.ms.begin(), way.ms.end());
      std::printf("%-6s best %.2f ms, median %.2f ms, %.0f ns a match (median); %llu stories\n", way.name,
                  way.ms.front(), way.ms[way.ms.size() / 2], way.ms[way.ms.size() / 2] * 1e6 / static_cast<double>(dids.size()),
                  static_cast<unsigned long long>(way.stories));
    }
    if (ways[0].stories != ways[1].stories || ways[0].counts != ways[1].counts) {
      std::fprintf(stderr, "count-bench: the two ways counted differently\n");
      return 1;
    }
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "count-bench: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
