// kavosh-index-digest DB: a fingerprint of everything a Xapian database holds, to check
// that a change to the indexer leaves what it writes unchanged.
//
//   kavosh-index-digest /tmp/db-before > before.txt
//   kavosh-index-digest /tmp/db-after  > after.txt
//   diff before.txt after.txt          # identical = same documents, terms, positions, …
//
// One line per part (documents, terms, positions, values, stored data, spelling table,
// metadata), each with a count and a 64-bit hash, so a difference says where it is.
// Documents are visited in docid order: the same input in the same order gives the same
// docids, so a change that reorders the writes shows up too.
//
//   kavosh-index-digest --prefixes DB  # postings and terms per term prefix (index size)
//   kavosh-index-digest --skip XH DB    # leaves out the terms of a prefix (repeatable):
//                                       # compares a change that only drops those terms
//                                       # (with --prefixes: leaves out their rows)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace {

// FNV-1a, 64 bits, fed with length-prefixed fields so that ("ab","c") != ("a","bc").
class Digest {
 public:
  void Add(std::string_view s) {
    AddNumber(s.size());
    for (unsigned char c : s) Byte(c);
  }
  void AddNumber(uint64_t v) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  uint64_t value() const { return h_; }
  uint64_t count = 0;

 private:
  void Byte(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ull;
  }
  uint64_t h_ = 1469598103934665603ull;
};

void Print(const char* name, const Digest& d) {
  std::printf("%-10s %12llu  %016llx\n", name, static_cast<unsigned long long>(d.count),
              static_cast<unsigned long long>(d.value()));
}

// The schema's prefix of a term: its leading upper-case ASCII letters ("ZS", "XG", "Q");
// "" for the exact (unprefixed) word forms.
std::string PrefixOf(std::string_view term) {
  size_t n = 0;
  while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
  return std::string(term.substr(0, n));
}

// Prefixes in `skipped` are left out, of the total too.
int PrintPrefixes(const Xapian::Database& db, const std::vector<std::string>& skipped) {
  struct Count {
    uint64_t terms = 0, postings = 0, occurrences = 0, bytes = 0;
  };
  std::map<std::string, Count> by_prefix;
  Count total;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    std::string prefix = PrefixOf(*t);
    if (std::find(skipped.begin(), skipped.end(), prefix) != skipped.end()) continue;
    Count& c = by_prefix[prefix];
    for (Count* x : {&c, &total}) {
      ++x->terms;
      x->postings += t.get_termfreq();
      x->occurrences += db.get_collection_freq(*t);
      x->bytes += (*t).size();
    }
  }
  std::printf("%-8s %10s %12s %14s %10s\n", "prefix", "terms", "postings", "occurrences",
              "postings%");
  for (const auto& [prefix, c] : by_prefix) {
    std::printf("%-8s %10llu %12llu %14llu %9.1f%%\n", prefix.empty() ? "(exact)" : prefix.c_str(),
                static_cast<unsigned long long>(c.terms),
                static_cast<unsigned long long>(c.postings),
                static_cast<unsigned long long>(c.occurrences),
                100.0 * static_cast<double>(c.postings) / static_cast<double>(total.postings));
  }
  std::printf("%-8s %10llu %12llu %14llu\n", "total", static_cast<unsigned long long>(total.terms),
              static_cast<unsigned long long>(total.postings),
              static_cast<unsigned long long>(total.occurrences));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool prefixes = false;
  std::vector<std::string> skipped;
  int arg = 1;
  for (; arg + 1 < argc; ++arg) {
    std::string_view a = argv[arg];
    if (a == "--prefixes") {
      prefixes = true;
    } else if (a == "--skip" && arg + 2 < argc) {
      skipped.push_back(argv[++arg]);
    } else {
      break;
    }
  }
  if (arg + 1 != argc || std::string_view(argv[arg]) == "--help") {
    std::cerr << "usage: kavosh-index-digest [--prefixes] [--skip PREFIX]... DB\n";
    return 2;
  }
  // A term of a skipped prefix: its own prefix (PrefixOf) is the one given.
  auto skip = [&](const std::string& term) {
    return std::find(skipped.begin(), skipped.end(), PrefixOf(term)) != skipped.end();
  };
  try {
    Xapian::Database db(argv[arg]);
    if (prefixes) return PrintPrefixes(db, skipped);
    Digest docs, terms, positions, values, data, spelling, metadata;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
      Xapian::docid did = *d;
      Xapian::Document doc = db.get_document(did);
      docs.AddNumber(did);
      docs.AddNumber(db.get_doclength(did));
      ++docs.count;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (skip(*t)) continue;
        terms.AddNumber(did);
        terms.Add(*t);
        terms.AddNumber(t.get_wdf());
        ++terms.count;
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
          positions.AddNumber(*p);
          ++positions.count;
        }
        positions.AddNumber(did);
        positions.Add(*t);
      }
      for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        values.AddNumber(did);
        values.AddNumber(v.get_valueno());
        values.Add(*v);
        ++values.count;
      }
      data.Add(doc.get_data());
      ++data.count;
    }
    for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
      spelling.Add(*s);
      spelling.AddNumber(s.get_termfreq());
      ++spelling.count;
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
      metadata.Add(*k);
      metadata.Add(db.get_metadata(*k));
      ++metadata.count;
    }
    Print("documents", docs);
    Print("postings", terms);
    Print("positions", positions);
    Print("values", values);
    Print("data", data);
    Print("spelling", spelling);
    Print("metadata", metadata);
    Digest all;
    for (const Digest* d : {&docs, &terms, &positions, &values, &data, &spelling, &metadata}) {
      all.AddNumber(d->value());
    }
    all.count = docs.count;
    Print("all", all);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "kavosh-index-digest: " << e.get_description() << "\n";
    return 2;
  }
}
