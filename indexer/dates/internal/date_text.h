// Internal to kavosh::dates: the token stream and word lists the date extractor matches.
// Not a public contract; include only from indexer/dates.
//
//   TokenizedText t = Tokenize("جمعه ۵ اردیبهشت‌ماه");
//   int value = 0;
//   MatchPhrase(t, 0, Lexicon::kWeekday, &value);  // 1 token, value 6 (Friday)
//   MatchPhrase(t, 2, Lexicon::kMonth, &value);    // 1 token, value 2 (ماه joined)
#ifndef KAVOSH_INDEXER_DATES_INTERNAL_DATE_TEXT_H_
#define KAVOSH_INDEXER_DATES_INTERNAL_DATE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/normalizer.h"

namespace kavosh::dates::internal {

inline constexpr char16_t kZwnj = 0x200C;  // ZERO WIDTH NON-JOINER

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

// One token of the folded text. Words are runs of letters and marks, with ZWNJ (U+200C
// ZERO WIDTH NON-JOINER) inside them kept; numbers are runs of ASCII digits (all digit
// scripts are ASCII after folding); any other non-space code point is a kPunct token.
struct Token {
  TokenKind kind = TokenKind::kPunct;
  bool space_before = false;  // whitespace (or a stray ZWNJ) since the previous token
  uint32_t begin = 0;         // code unit range in the folded text
  uint32_t end = 0;
  uint32_t paragraph = 0;  // 0 = first paragraph with a token; '\n' starts a new one
  int32_t value = -1;      // kNumber: value when at most 9 digits; kPunct: code point
  int32_t digits = 0;      // kNumber: number of digits
};

struct TokenizedText {
  analyzers::FoldedText folded;
  std::vector<Token> tokens;

  // A word's folded text without ZWNJ; a number's digits; a punct's code point.
  std::u16string Joined(size_t i) const;
  bool IsWord(size_t i) const { return i < tokens.size() && tokens[i].kind == TokenKind::kWord; }
  bool IsNumber(size_t i) const {
    return i < tokens.size() && tokens[i].kind == TokenKind::kNumber;
  }
  bool IsPunct(size_t i, char32_t c) const {
    return i < tokens.size() && tokens[i].kind == TokenKind::kPunct &&
           tokens[i].value == static_cast<int32_t>(c);
  }
  // Byte offsets in the original UTF-8 of token i's first and past-the-last byte.
  size_t ByteStart(size_t i) const;
  size_t ByteEnd(size_t i) const;
};

// Folds (analyzers::Fold) and tokenises `utf8`. Never fails.
TokenizedText Tokenize(std::string_view utf8);

enum class Lexicon {
  kWeekday,    // value 0 = Saturday … 6 = Friday
  kOrdinal,    // day in words, value 1-31 ("یکم", "سی ام", "بیست و یکم")
  kMonth,      // 1-12 Jalali; 101-112 Gregorian; 201-212 Gregorian needing a year (مه, may)
  kCueBefore,  // words before a date that mark it as the event's: "روز", "امروز", "مورخ"
  kDeadline,   // words right before a date that make it an end: "تا", "لغایت"
  kDeadlineNear,   // words a few tokens before a date that make it a deadline: "مهلت"
  kDeadlineSkip,   // words between a deadline word and the date: "پایان", "روز"
  kEventVerb,      // words after a date that mark an event: "برگزار", "افتتاح"
  kOrdinalSuffix,  // "ام", "م", "th" after a day in digits ("۵ام", "25th")
  kYearWord,       // "سال" between a month and its year
};

inline constexpr int kGregorianMonthBase = 100;
inline constexpr int kGregorianNeedsYearBase = 200;

// The longest run of consecutive word tokens (same paragraph, at most 4) starting at token
// i whose joined text is in `lexicon`; returns its length in tokens, or 0 if none, and
// sets *value. "سه شنبه", "سه‌شنبه" and "سهشنبه" all match; so do "دی ماه"
// and "دی‌ماه".
int MatchPhrase(const TokenizedText& text, size_t i, Lexicon lexicon, int* value);

// Whether the single word token i is in `lexicon`.
bool IsWordIn(const TokenizedText& text, size_t i, Lexicon lexicon);

// Whether word token i starts with one of the event verb stems ("برگزار" + anything).
bool IsEventWord(const TokenizedText& text, size_t i);

// Whether token i ends a sentence: ". ! ? ؟ ;" not between two digits.
bool EndsSentence(const TokenizedText& text, size_t i);

}  // namespace kavosh::dates::internal

#endif  // KAVOSH_INDEXER_DATES_INTERNAL_DATE_TEXT_H_
