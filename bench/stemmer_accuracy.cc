// kavosh-stemmer-accuracy: measures the analyzer's stems against a gold stemming list.
//
//   kavosh-stemmer-accuracy [--errors] [--max-errors N] [GOLD_FILE]
//
// GOLD_FILE (default: PTB_stem_dataset.txt under $KAVOSH_SHARED, else <source>/../shared)
// has one word per line: word TAB stem[,stem…] TAB POS. Several stems (a verb's
// infinitive, present stem and past stem) mean any of them is right. Each word goes
// through Analyzer::Analyze(); a single token's `stem` is compared with the gold stems,
// all normalised the same way (NormalizeText, then RemoveZwnj). Exits 0 with a
// "skipped" message when the file is absent: the gold data is not part of the repository.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/normalizer.h"

namespace {

namespace ka = kavosh::analyzers;

constexpr std::string_view kGoldRelative =
    "lexicons/stemming-gold/PersianStemmingDataset/PTB_stem_dataset.txt";

std::string DefaultGoldPath() {
  const char* shared = std::getenv("KAVOSH_SHARED");
  std::filesystem::path root =
      shared != nullptr ? std::filesystem::path(shared)
                        : std::filesystem::path(KAVOSH_SOURCE_DIR) / ".." / "shared";
  return (root / kGoldRelative).lexically_normal().string();
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t hit = s.find(sep, pos);
    out.emplace_back(s.substr(pos, hit == std::string_view::npos ? hit : hit - pos));
    if (hit == std::string_view::npos) break;
    pos = hit + 1;
  }
  return out;
}

std::string Canonical(std::string_view s) { return ka::RemoveZwnj(ka::NormalizeText(s)); }

// "N" for "Ncs", "V" for "Vp-"; a tag written in capitals ("ADJ") is kept whole.
std::string PosPrefix(const std::string& tag) {
  if (tag.size() > 1 && tag[1] >= 'A' && tag[1] <= 'Z') {
    size_t n = 0;
    while (n < tag.size() && tag[n] >= 'A' && tag[n] <= 'Z') ++n;
    return tag.substr(0, n);
  }
  return tag.empty() ? "?" : tag.substr(0, 1);
}

// What was cut from `word` to get `stem`: "-suffix", "=" for nothing, "~" for a change
// that is not a suffix cut (a broken plural, a verb stem).
std::string Cut(const std::string& word, const std::string& stem) {
  if (stem == word) return "=";
  if (word.compare(0, stem.size(), stem) == 0) return "-" + word.substr(stem.size());
  return "~";
}

struct Counts {
  size_t total = 0;
  size_t exact = 0;
};

double Percent(size_t n, size_t d) { return d == 0 ? 0.0 : 100.0 * static_cast<double>(n) / d; }

struct ErrorClass {
  size_t count = 0;
  std::vector<std::string> examples;
};

}  // namespace

int main(int argc, char** argv) {
  bool show_errors = false;
  size_t max_errors = 30;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--errors") {
      show_errors = true;
    } else if (arg == "--max-errors" && i + 1 < argc) {
      show_errors = true;
      max_errors = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: kavosh-stemmer-accuracy [--errors] [--max-errors N] [GOLD_FILE]\n";
      return 0;
    } else {
      path = std::string(arg);
    }
  }
  if (path.empty()) path = DefaultGoldPath();
  std::ifstream in(path);
  if (!in) {
    std::cout << "skipped: gold stemming file " << path << " not found\n";
    return 0;
  }

  ka::Analyzer analyzer;
  Counts all;
  size_t identity = 0;         // gold stem equals the word
  size_t wrongly_changed = 0;  // ... but the stemmer changed it
  size_t left_unchanged = 0;   // gold differs, the stemmer left the word alone
  size_t multi_token = 0;      // the word was not one token; Stem() of the joined form used
  std::map<std::string, Counts> by_pos;
  std::map<std::pair<std::string, std::string>, ErrorClass> errors;

  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    std::vector<std::string> cols = Split(line, '\t');
    if (cols.size() < 2) continue;
    std::string word = Canonical(cols[0]);  // also drops a byte order mark
    if (word.empty()) continue;
    std::vector<std::string> gold;
    for (const std::string& g : Split(cols[1], ',')) {
      std::string c = Canonical(g);
      if (!c.empty()) gold.push_back(std::move(c));
    }
    if (gold.empty()) continue;
    std::string pos = PosPrefix(cols.size() > 2 ? cols[2] : "");

    std::vector<ka::Token> tokens = analyzer.Analyze(cols[0]);
    std::string stem;
    if (tokens.size() == 1) {
      stem = tokens[0].stem;
    } else {
      ++multi_token;
      stem = analyzer.Stem(word);
    }
    bool exact = std::find(gold.begin(), gold.end(), stem) != gold.end();
    bool gold_identity = std::find(gold.begin(), gold.end(), word) != gold.end();
    ++all.total;
    all.exact += exact;
    by_pos[pos].total++;
    by_pos[pos].exact += exact;
    identity += gold_identity;
    if (gold_identity && stem != word) ++wrongly_changed;
    if (!gold_identity && stem == word) ++left_unchanged;
    if (!exact) {
      // Class: what the gold cuts against what the stemmer cut.
      const std::string* best = &gold[0];
      for (const std::string& g : gold) {
        if (word.compare(0, g.size(), g) == 0) {
          best = &g;
          break;
        }
      }
      ErrorClass& ec = errors[{Cut(word, *best), Cut(word, stem)}];
      ++ec.count;
      if (ec.examples.size() < 4) {
        ec.examples.push_back(word + "→" + stem + " (gold " + *best + ", " + pos + ")");
      }
    }
  }

  std::printf("gold file: %s\n", path.c_str());
  std::printf("words: %zu (not one token: %zu)\n", all.total, multi_token);
  std::printf("exact match:        %6.2f%%  (%zu)\n", Percent(all.exact, all.total), all.exact);
  std::printf("wrongly changed:    %6.2f%%  (%zu; gold stem = word, stemmer changed it)\n",
              Percent(wrongly_changed, all.total), wrongly_changed);
  std::printf("left unchanged:     %6.2f%%  (%zu; gold stem differs, stemmer left it)\n",
              Percent(left_unchanged, all.total), left_unchanged);
  std::printf("identity baseline:  %6.2f%%  (%zu; leave every word alone)\n",
              Percent(identity, all.total), identity);
  std::printf("by POS:\n");
  std::vector<std::pair<std::string, Counts>> pos_rows(by_pos.begin(), by_pos.end());
  std::sort(pos_rows.begin(), pos_rows.end(),
            [](const auto& a, const auto& b) { return a.second.total > b.second.total; });
  for (const auto& [tag, c] : pos_rows) {
    std::printf("  %-5s %6zu words  %6.2f%% exact\n", tag.c_str(), c.total,
                Percent(c.exact, c.total));
  }
  if (show_errors) {
    std::vector<std::pair<std::pair<std::string, std::string>, ErrorClass>> rows(errors.begin(),
                                                                                 errors.end());
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.second.count > b.second.count; });
    std::printf("most frequent errors (gold cut | stemmer cut: count, examples):\n");
    for (size_t i = 0; i < rows.size() && i < max_errors; ++i) {
      const auto& [key, ec] = rows[i];
      std::printf("  gold %s | ours %s: %zu\n", key.first.c_str(), key.second.c_str(), ec.count);
      for (const std::string& e : ec.examples) std::printf("      %s\n", e.c_str());
    }
  }
  return 0;
}
