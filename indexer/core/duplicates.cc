#include "indexer/core/duplicates.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace kavosh::indexer {

namespace {

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// A cheap, well-mixed 32-bit hash family: seed i mixes the 64-bit shingle hash.
uint32_t Mix(uint64_t x, uint32_t seed) {
  x ^= static_cast<uint64_t>(seed) * 0x9E3779B97F4A7C15ull;
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDull;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ull;
  x ^= x >> 33;
  return static_cast<uint32_t>(x);
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

Fingerprint Fingerprint::Of(std::span<const analyzers::Token> first,
                            std::span<const analyzers::Token> second) {
  Fingerprint f;
  std::vector<uint64_t> words;
  words.reserve(first.size() + second.size());
  uint64_t exact = 1469598103934665603ull;
  for (std::span<const analyzers::Token> tokens : {first, second}) {
    for (const auto& t : tokens) {
      exact = Fnv1a(t.normalized, exact);
      exact = Fnv1a(" ", exact);
      if (t.stopword) continue;
      words.push_back(Fnv1a(t.stem));
    }
  }
  f.exact_key = Hex(exact);
  if (words.size() < kShingle + kMinShingles - 1) return f;
  std::vector<uint64_t> shingles;
  shingles.reserve(words.size());
  for (size_t i = 0; i + kShingle <= words.size(); ++i) {
    uint64_t h = 0;
    for (int k = 0; k < kShingle; ++k) h = h * 0x100000001B3ull + words[i + k];
    shingles.push_back(h);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  f.signature.assign(kBands * kRows, std::numeric_limits<uint32_t>::max());
  for (uint64_t s : shingles) {
    for (int i = 0; i < kBands * kRows; ++i) {
      f.signature[i] = std::min(f.signature[i], Mix(s, static_cast<uint32_t>(i)));
    }
  }
  f.bands = BandsOf(f.signature);
  return f;
}

std::vector<uint64_t> BandsOf(const std::vector<uint32_t>& signature) {
  std::vector<uint64_t> bands;
  if (signature.size() != static_cast<size_t>(kBands * kRows)) return bands;
  bands.reserve(kBands);
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = Fnv1a(std::to_string(b));
    for (int r = 0; r < kRows; ++r) h = h * 0x100000001B3ull + signature[b * kRows + r];
    bands.push_back(h);
  }
  return bands;
}

bool SharesBand(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const size_t n = static_cast<size_t>(kBands * kRows);
  if (a.size() != n || b.size() != n) return false;
  for (size_t band = 0; band < n; band += kRows) {
    if (std::equal(a.begin() + band, a.begin() + band + kRows, b.begin() + band)) return true;
  }
  return false;
}

std::string EncodeSignature(const std::vector<uint32_t>& signature) {
  std::string out;
  out.reserve(signature.size() * 4);
  for (uint32_t v : signature) {
    for (int k = 0; k < 4; ++k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
  }
  return out;
}

std::vector<uint32_t> DecodeSignature(std::string_view encoded) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i + 4 <= encoded.size(); i += 4) {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= static_cast<uint32_t>(static_cast<unsigned char>(encoded[i + k])) << (8 * k);
    out.push_back(v);
  }
  return out;
}

double EstimateJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace kavosh::indexer
