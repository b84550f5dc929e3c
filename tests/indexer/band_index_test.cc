#include "indexer/core/band_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "indexer/core/duplicates.h"

namespace kavosh::indexer {
namespace {

std::vector<Xapian::docid> Sorted(const BandIndex& index, uint64_t band) {
  std::vector<Xapian::docid> out;
  index.Find(band, &out);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BandIndexTest, FindsEveryDocumentAddedWithABand) {
  BandIndex index;
  EXPECT_TRUE(Sorted(index, 42).empty());
  index.Add(42, 7);
  index.Add(42, 3);
  index.Add(43, 5);
  index.Add(42, 0);  // no document is numbered 0
  EXPECT_EQ(Sorted(index, 42), (std::vector<Xapian::docid>{3, 7}));
  EXPECT_EQ(Sorted(index, 43), (std::vector<Xapian::docid>{5}));
  EXPECT_TRUE(Sorted(index, 44).empty());
  EXPECT_EQ(index.size(), 3u);
}

TEST(BandIndexTest, KeepsEveryEntryAsItGrows) {
  BandIndex index;
  // 16 bands an article, as the indexer adds them, with many articles sharing bands.
  for (Xapian::docid did = 1; did <= 20000; ++did) {
    for (uint64_t b = 0; b < 16; ++b) index.Add(b * 1000003 + did % 5000, did);
  }
  EXPECT_EQ(index.size(), 320000u);
  EXPECT_LE(index.size() * 5, index.bytes() / sizeof(uint64_t) * 4);  // at most 80 % full
  size_t missing = 0, extra = 0;
  for (uint64_t b = 0; b < 16; ++b) {
    for (Xapian::docid rest = 0; rest < 5000; ++rest) {
      std::vector<Xapian::docid> found = Sorted(index, b * 1000003 + rest);
      // The band's four documents; a colliding band may add a few others.
      size_t here = 0;
      for (Xapian::docid did = rest == 0 ? 5000 : rest; did <= 20000; did += 5000) {
        here += std::binary_search(found.begin(), found.end(), did);
        missing += !std::binary_search(found.begin(), found.end(), did);
      }
      extra += found.size() - here;
    }
  }
  EXPECT_EQ(missing, 0u);
  EXPECT_LT(extra, 100u);
}

TEST(BandIndexTest, SignaturesShareABandOnlyWhenAllItsRowsAreEqual) {
  std::vector<uint32_t> a(kBands * kRows), b(kBands * kRows);
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<uint32_t>(i);
    b[i] = static_cast<uint32_t>(i + 1000);
  }
  EXPECT_FALSE(SharesBand(a, b));
  for (int r = 0; r + 1 < kRows; ++r) b[5 * kRows + r] = a[5 * kRows + r];
  EXPECT_FALSE(SharesBand(a, b));  // three rows of four
  b[5 * kRows + kRows - 1] = a[5 * kRows + kRows - 1];
  EXPECT_TRUE(SharesBand(a, b));
  EXPECT_EQ(BandsOf(a)[5], BandsOf(b)[5]);
  EXPECT_NE(BandsOf(a)[4], BandsOf(b)[4]);
  EXPECT_FALSE(SharesBand(a, {}));
  EXPECT_TRUE(BandsOf({1, 2, 3}).empty());
}

}  // namespace
}  // namespace kavosh::indexer
