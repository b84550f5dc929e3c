// Character folding for Persian text: the first step of the analyzer, also used on its own
// by enrichment (dates, gazetteers) so that every module compares text the same way.
//
//   std::string s = kavosh::analyzers::NormalizeText("رئيس‌جمهور ١٤٠٤");  // "رئیس‌جمهور 1404"
//
// Folding rules (persian-text.md section 2.1), per code point:
//   Arabic letters to Persian: U+064A ARABIC LETTER YEH, U+0649 ALEF MAKSURA -> U+06CC FARSI
//   YEH; U+0643 ARABIC LETTER KAF -> U+06A9 KEHEH; U+0629 TEH MARBUTA, U+06C0 HEH WITH YEH
//   ABOVE, U+06D5 AE, U+06BE HEH DOACHASHMEE -> U+0647 HEH; U+0623/U+0625/U+0671/U+0622
//   (alef with hamza above/below, wasla, madda) -> U+0627 ALEF; U+0624 WAW WITH HAMZA ->
//   U+0648 WAW, except before a WAW where it stands for U+0626 (مسؤول = مسئول);
//   U+0626 YEH WITH HAMZA ABOVE -> U+06CC (رئیس = رییس).
//   Digits: Persian U+06F0-06F9 and Arabic-Indic U+0660-0669 -> ASCII.
//   Dropped: diacritics U+064B-065F, U+0670, U+06D6-06ED; tatweel U+0640; ZWJ U+200D;
//   bidi marks U+200E, U+200F, U+202A-202E, U+2066-2069; U+061C ARABIC LETTER MARK; BOM
//   U+FEFF; soft hyphen U+00AD; zero-width space U+200B; variation selectors U+FE00-FE0F.
//   Spaces: no-break and other Unicode spaces -> U+0020. ZWNJ U+200C is kept: the analyzer
//   decides what it means. Presentation forms (U+FB50-FDFF, U+FE70-FEFC) go through NFKC
//   first. Latin and other cased letters are case-folded.
#ifndef KAVOSH_ANALYZERS_NORMALIZER_H_
#define KAVOSH_ANALYZERS_NORMALIZER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::analyzers {

inline constexpr char32_t kZeroWidthNonJoiner = 0x200C;  // ZERO WIDTH NON-JOINER

// Folded text as UTF-16 with, for every code unit, the byte range of the original input
// it came from. Invalid UTF-8 bytes become U+0020 (one per bad byte), never an error.
struct FoldedText {
  std::u16string text;
  std::vector<size_t> start;  // original byte offset where the unit's source begins
  std::vector<size_t> end;    // original byte offset where the unit's source ends
};

FoldedText Fold(std::string_view utf8);

// Folds and returns UTF-8. ZWNJ is kept; use RemoveZwnj() for a joined form.
std::string NormalizeText(std::string_view utf8);

// Removes every U+200C from an already normalised UTF-8 string.
std::string RemoveZwnj(std::string_view utf8);

// Folded, ZWNJ removed, runs of spaces collapsed, trimmed: a key for exact comparisons of
// names (gazetteers, duplicate detection).
std::string NormalizeKey(std::string_view utf8);

// UTF-8 helpers shared by the analyzer modules.
std::string ToUtf8(std::u16string_view text);
size_t CountCodePoints(std::string_view utf8);
bool IsValidUtf8(std::string_view utf8);

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_NORMALIZER_H_
