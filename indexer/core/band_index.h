// Near-duplicate candidates in memory: the articles that have each LSH band hash
// (duplicates.h). Finding an article's candidates is kBands probes of one table instead
// of kBands posting lists read from the index, and the index holds no band terms.
//
//   BandIndex bands;
//   for (uint64_t band : fingerprint.bands) bands.Add(band, docid);
//   std::vector<Xapian::docid> candidates;
//   for (uint64_t band : other.bands) bands.Find(band, &candidates);  // then SharesBand()
//
// An entry is 64 bits: 32 bits of the (mixed) band hash and a document number, in an
// open-addressing table with linear probing, at most 80 % full (10 to 15 bytes an
// entry; 16 entries an article). Two bands whose 32 bits agree are not told apart, so
// Find() may return a few documents that do not share the band: callers confirm each
// candidate from its signature. Entries are never removed: an article replaced or
// deleted leaves its old entries, which its signature in the index then rules out.
#ifndef KAVOSH_INDEXER_CORE_BAND_INDEX_H_
#define KAVOSH_INDEXER_CORE_BAND_INDEX_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kavosh::indexer {

class BandIndex {
 public:
  void Add(uint64_t band, Xapian::docid did);
  // Appends every document added with `band`, and those of bands that collide with it.
  void Find(uint64_t band, std::vector<Xapian::docid>* out) const;
  size_t size() const { return size_; }
  size_t bytes() const { return slots_.size() * sizeof(uint64_t); }

 private:
  static uint32_t Tag(uint64_t band);
  size_t Home(uint32_t tag) const;
  void Insert(uint64_t entry);
  void Grow();

  std::vector<uint64_t> slots_;  // tag << 32 | docid; 0 is empty (no docid is 0)
  size_t size_ = 0;
};

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_BAND_INDEX_H_
