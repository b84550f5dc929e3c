// Duplicate detection: an exact key (same normalised text) and a MinHash signature with
// LSH band keys for near duplicates (the same story lightly edited or republished).
//
//   Fingerprint f = Fingerprint::Of(tokens);         // analyzer tokens of title + body
//   for (int b = 0; b < kBands; ++b) bands.Add(f.bands[b], docid);   // band_index.h
//   if (SharesBand(f.signature, other)) ...          // a candidate: compare them
//   double j = EstimateJaccard(f.signature, other);  // 0..1
#ifndef KAVOSH_INDEXER_CORE_DUPLICATES_H_
#define KAVOSH_INDEXER_CORE_DUPLICATES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"

namespace kavosh::indexer {

// Signature shape: kBands bands of kRows hashes. Two texts whose word-shingle Jaccard
// similarity is s share at least one band with probability 1-(1-s^kRows)^kBands: ~0.99
// at s=0.7, ~0.2 at s=0.35. Do not change without re-indexing: stored in every database.
inline constexpr int kBands = 16;
inline constexpr int kRows = 4;
inline constexpr int kShingle = 3;  // words per shingle
// Estimated Jaccard at or above which two articles are the same story.
inline constexpr double kNearDuplicateThreshold = 0.6;
// Texts with fewer shingles than this are too short for near-duplicate detection; only
// exact duplicates are collapsed.
inline constexpr size_t kMinShingles = 8;

struct Fingerprint {
  std::string exact_key;                // hex hash of the normalised word sequence
  std::vector<uint32_t> signature;      // kBands * kRows minimum hashes; empty if too short
  std::vector<uint64_t> bands;          // a hash of each band's rows, empty if too short

  // Of the token sequence `first` followed by `second` (title and body).
  static Fingerprint Of(std::span<const analyzers::Token> first,
                        std::span<const analyzers::Token> second = {});
};

// The kBands band hashes of a signature (empty if it is not kBands * kRows long).
std::vector<uint64_t> BandsOf(const std::vector<uint32_t>& signature);
// Whether two signatures have some band whose rows are all equal: what makes two
// articles near-duplicate candidates of each other.
bool SharesBand(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

std::string EncodeSignature(const std::vector<uint32_t>& signature);
std::vector<uint32_t> DecodeSignature(std::string_view encoded);
// Fraction of equal positions; 0 if the sizes differ or either is empty.
double EstimateJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_DUPLICATES_H_
