#include "analyzers/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

namespace kavosh::analyzers {

namespace {

bool IsAsciiDigit(char16_t c) { return c >= u'0' && c <= u'9'; }
// Arabic-script letters (U+0600-06FF, U+0750-077F): a digit glued to one of these is a
// separate word (`۹تا` is "9" and "تا"); Latin stays glued (`COVID19`).
bool IsArabicScript(char16_t c) { return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F); }

bool OnlySpacesBetween(const std::u16string& text, size_t from, size_t to) {
  if (from >= to) return true;  // adjacent: ICU split them, e.g. letters then digits
  for (size_t i = from; i < to; ++i) {
    char16_t c = text[i];
    if (c != u' ' && c != u'\t' && c != kZeroWidthNonJoiner) return false;
  }
  return true;
}

}  // namespace

Segmenter::Segmenter() {
  UErrorCode status = U_ZERO_ERROR;
  words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) words_.reset();
}

Segmenter::~Segmenter() = default;

std::vector<Segment> Segmenter::Split(const FoldedText& folded) {
  std::vector<Segment> out;
  if (!words_ || folded.text.empty()) return out;
  const std::u16string& text = folded.text;
  icu::UnicodeString ustr(false, reinterpret_cast<const UChar*>(text.data()),
                          static_cast<int32_t>(text.size()));
  words_->setText(ustr);
  size_t prev_end = 0;
  bool have_prev = false;
  int32_t start = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE;
       start = end, end = words_->next()) {
    if (words_->getRuleStatus() == UBRK_WORD_NONE) continue;
    // Split the ICU word at ZWNJ and at digit/Arabic-letter changes.
    size_t piece_begin = static_cast<size_t>(start);
    Joiner joiner = (have_prev && OnlySpacesBetween(text, prev_end, piece_begin)) ? Joiner::kSpace
                                                                                 : Joiner::kNone;
    auto emit = [&](size_t b, size_t e, Joiner j) {
      // Trim stray ZWNJ at the edges of a piece.
      while (b < e && text[b] == kZeroWidthNonJoiner) ++b;
      while (e > b && text[e - 1] == kZeroWidthNonJoiner) --e;
      if (b >= e) return;
      Segment seg;
      seg.begin = b;
      seg.end = e;
      seg.numeric = IsAsciiDigit(text[b]);
      seg.joiner = j;
      out.push_back(seg);
      prev_end = e;
      have_prev = true;
    };
    for (size_t i = piece_begin; i < static_cast<size_t>(end); ++i) {
      char16_t c = text[i];
      if (c == kZeroWidthNonJoiner) {
        if (i > piece_begin) {
          emit(piece_begin, i, joiner);
          joiner = Joiner::kZwnj;
        }
        piece_begin = i + 1;
        continue;
      }
      if (i > piece_begin) {
        char16_t p = text[i - 1];
        bool change = (IsAsciiDigit(c) && IsArabicScript(p)) || (IsArabicScript(c) && IsAsciiDigit(p));
        if (change) {
          emit(piece_begin, i, joiner);
          joiner = Joiner::kNone;  // `۹تا`: not a spelling variant, two words
          piece_begin = i;
        }
      }
    }
    emit(piece_begin, static_cast<size_t>(end), joiner);
  }
  return out;
}

}  // namespace kavosh::analyzers
