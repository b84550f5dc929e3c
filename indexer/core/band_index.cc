#include "indexer/core/band_index.h"

#include <algorithm>
#include <utility>

namespace kavosh::indexer {

uint32_t BandIndex::Tag(uint64_t band) {
  // Band hashes end in a multiply-add of the last row, so mix all 64 bits into the 32
  // that are kept (splitmix64's finaliser).
  band = (band ^ (band >> 30)) * 0xBF58476D1CE4E5B9ull;
  band = (band ^ (band >> 27)) * 0x94D049BB133111EBull;
  return static_cast<uint32_t>((band ^ (band >> 31)) >> 32);
}

size_t BandIndex::Home(uint32_t tag) const {
  // The tag scaled to the table's size: any size works, so the table grows by half.
  return static_cast<size_t>((static_cast<uint64_t>(tag) * slots_.size()) >> 32);
}

void BandIndex::Insert(uint64_t entry) {
  size_t i = Home(static_cast<uint32_t>(entry >> 32));
  while (slots_[i] != 0) i = i + 1 == slots_.size() ? 0 : i + 1;
  slots_[i] = entry;
}

void BandIndex::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(std::max<size_t>(1024, old.size() + old.size() / 2), 0);
  for (uint64_t entry : old) {
    if (entry != 0) Insert(entry);
  }
}

void BandIndex::Add(uint64_t band, Xapian::docid did) {
  if (did == 0) return;
  if ((size_ + 1) * 5 > slots_.size() * 4) Grow();
  Insert(static_cast<uint64_t>(Tag(band)) << 32 | did);
  ++size_;
}

void BandIndex::Find(uint64_t band, std::vector<Xapian::docid>* out) const {
  if (slots_.empty()) return;
  const uint32_t tag = Tag(band);
  for (size_t i = Home(tag); slots_[i] != 0; i = i + 1 == slots_.size() ? 0 : i + 1) {
    if (static_cast<uint32_t>(slots_[i] >> 32) == tag) {
      out->push_back(static_cast<Xapian::docid>(slots_[i] & 0xFFFFFFFFu));
    }
  }
}

}  // namespace kavosh::indexer
