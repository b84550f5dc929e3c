// kavosh-eval-orgs: organisation span precision, recall and F1 of the entity extractor on
// a PEYMA-style file (one "token|TAG" per line, a blank line between sentences; tags
// B_ORG / I_ORG mark organisations).
//
//   kavosh-eval-orgs [--data-dir DIR] [--show-errors N] FILE
//
// Each sentence's text is its tokens joined by single spaces; a predicted span counts as
// exact when its byte range equals a gold span's, as partial when it overlaps one. A
// missing FILE is a skip (exit 0, message on stderr), not a failure.
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "indexer/entities/entity_extractor.h"
#include "indexer/entities/gazetteer.h"

namespace {

using Span = std::pair<size_t, size_t>;

struct Sentence {
  std::string text;
  std::vector<Span> gold;
};

struct Counts {
  size_t predicted = 0, gold = 0, exact = 0, pred_overlapping = 0, gold_overlapped = 0;
};

bool Overlaps(const Span& a, const Span& b) { return a.first < b.second && b.first < a.second; }

std::vector<Sentence> ReadSentences(std::istream& in) {
  std::vector<Sentence> out(1);
  bool in_org = false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!out.back().text.empty()) out.emplace_back();
      in_org = false;
      continue;
    }
    size_t bar = line.rfind('|');
    std::string token = bar == std::string::npos ? line : line.substr(0, bar);
    std::string tag = bar == std::string::npos ? "O" : line.substr(bar + 1);
    Sentence& s = out.back();
    if (!s.text.empty()) s.text += ' ';
    size_t begin = s.text.size();
    s.text += token;
    bool b = tag == "B_ORG";
    bool i = tag == "I_ORG";
    if (b || (i && !in_org)) {
      s.gold.emplace_back(begin, s.text.size());
    } else if (i) {
      s.gold.back().second = s.text.size();
    }
    in_org = b || i;
  }
  if (out.back().text.empty()) out.pop_back();
  return out;
}

double Ratio(size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

void Report(const char* what, double p, double r) {
  double f = p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  std::cout << std::fixed << std::setprecision(1) << what << ": P=" << p * 100 << "% R=" << r * 100
            << "% F1=" << f * 100 << "%\n";
}

}  // namespace

int main(int argc, char** argv) {
  kavosh::entities::GazetteerOptions options;
  std::string file;
  long show_errors = 0;
  for (int a = 1; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "--data-dir" && a + 1 < argc) {
      options.data_dir = argv[++a];
    } else if (arg == "--show-errors" && a + 1 < argc) {
      show_errors = std::strtol(argv[++a], nullptr, 10);
    } else if (!arg.starts_with("--") && file.empty()) {
      file = arg;
    } else {
      std::cerr << "usage: kavosh-eval-orgs [--data-dir DIR] [--show-errors N] FILE\n";
      return 2;
    }
  }
  if (file.empty()) {
    std::cerr << "usage: kavosh-eval-orgs [--data-dir DIR] [--show-errors N] FILE\n";
    return 2;
  }
  std::ifstream in(file);
  if (!in) {
    std::cerr << "skipping: " << file << " not found\n";
    return 0;
  }
  kavosh::entities::Gazetteer g = kavosh::entities::Gazetteer::Load(options);
  for (const std::string& e : g.errors()) std::cerr << "warning: " << e << '\n';

  std::vector<Sentence> sentences = ReadSentences(in);
  Counts c;
  for (const Sentence& s : sentences) {
    std::vector<Span> predicted;
    for (const auto& m : kavosh::entities::FindOrganizations(s.text, g)) {
      predicted.emplace_back(m.begin, m.end);
    }
    std::set<Span> gold(s.gold.begin(), s.gold.end());
    c.gold += s.gold.size();
    c.predicted += predicted.size();
    for (const Span& p : predicted) {
      bool exact = gold.contains(p);
      c.exact += exact;
      const Span* overlapped = nullptr;
      for (const Span& q : s.gold) {
        if (Overlaps(p, q)) overlapped = &q;
      }
      c.pred_overlapping += overlapped != nullptr;
      if (!exact && show_errors > 0) {
        --show_errors;
        std::cout << (overlapped ? "boundary: " : "spurious: ")
                  << s.text.substr(p.first, p.second - p.first);
        if (overlapped) {
          std::cout << "  (gold: "
                    << s.text.substr(overlapped->first, overlapped->second - overlapped->first)
                    << ")";
        }
        std::cout << '\n';
      }
    }
    for (const Span& q : s.gold) {
      bool overlap = false;
      for (const Span& p : predicted) overlap = overlap || Overlaps(p, q);
      c.gold_overlapped += overlap;
      if (!overlap && show_errors > 0) {
        --show_errors;
        std::cout << "missed: " << s.text.substr(q.first, q.second - q.first) << '\n';
      }
    }
  }
  std::cout << "file: " << file << "\nsentences: " << sentences.size()
            << "  gold ORG spans: " << c.gold << "  predicted: " << c.predicted << '\n';
  Report("exact  ", Ratio(c.exact, c.predicted), Ratio(c.exact, c.gold));
  Report("partial", Ratio(c.pred_overlapping, c.predicted), Ratio(c.gold_overlapped, c.gold));
  return 0;
}
