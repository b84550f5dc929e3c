#include "analyzers/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

namespace kavosh::analyzers {

namespace {

constexpr char32_t kReplacement = 0xFFFFFFFF;  // marks an invalid byte

// Decodes one code point at `pos`; returns its length in bytes. Invalid or overlong
// sequences, surrogates and values past U+10FFFF decode as kReplacement of length 1.
size_t DecodeOne(std::string_view s, size_t pos, char32_t* cp) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  char32_t value;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    *cp = kReplacement;
    return 1;
  }
  if (pos + len > s.size()) {
    *cp = kReplacement;
    return 1;
  }
  for (size_t i = 1; i < len; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      *cp = kReplacement;
      return 1;
    }
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    *cp = kReplacement;
    return 1;
  }
  *cp = value;
  return len;
}

bool IsDropped(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) ||  // Arabic harakat, hamza above/below
         c == 0x0670 ||                   // ARABIC LETTER SUPERSCRIPT ALEF
         (c >= 0x06D6 && c <= 0x06ED) ||  // Quranic annotation marks
         c == 0x0640 ||                   // ARABIC TATWEEL
         c == 0x200B ||                   // ZERO WIDTH SPACE
         c == 0x200D ||                   // ZERO WIDTH JOINER
         c == 0x200E || c == 0x200F ||    // LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
         (c >= 0x202A && c <= 0x202E) ||  // bidi embeddings and overrides
         (c >= 0x2066 && c <= 0x2069) ||  // bidi isolates
         c == 0x061C ||                   // ARABIC LETTER MARK
         c == 0xFEFF ||                   // BYTE ORDER MARK
         c == 0x00AD ||                   // SOFT HYPHEN
         (c >= 0xFE00 && c <= 0xFE0F) ||  // VARIATION SELECTORs
         (c >= 0xE0100 && c <= 0xE01EF);  // VARIATION SELECTOR SUPPLEMENT
}

bool IsPresentationForm(char32_t c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

// Folds one (non-presentation-form) code point; returns 0 to drop it.
char32_t FoldOne(char32_t c, char32_t next) {
  if (c == kReplacement) return U' ';
  if (c < 0x80) {
    if (c < 0x20 && c != '\n' && c != '\t') return U' ';  // NUL and other controls
    if (c >= 'A' && c <= 'Z') return c + 32;
    return c;
  }
  if (IsDropped(c)) return 0;
  switch (c) {
    case 0x064A: case 0x0649: case 0x0626: case 0x06CD: case 0x06D0:
      return 0x06CC;  // ARABIC YEH, ALEF MAKSURA, YEH WITH HAMZA, … -> FARSI YEH
    case 0x0643: case 0x06AA:
      return 0x06A9;  // ARABIC KAF, SWASH KAF -> KEHEH
    case 0x0629: case 0x06C0: case 0x06D5: case 0x06BE: case 0x06C1:
      return 0x0647;  // TEH MARBUTA, HEH WITH YEH ABOVE, AE, HEH DOACHASHMEE, HEH GOAL -> HEH
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:
      return 0x0627;  // ALEF WITH MADDA / HAMZA ABOVE / HAMZA BELOW, WASLA -> ALEF
    case 0x0624:      // WAW WITH HAMZA ABOVE: before WAW it spells the hamza seat of yeh
      return next == 0x0648 ? 0x06CC : 0x0648;
    case 0x00A0: case 0x2007: case 0x202F: case 0x2002: case 0x2003: case 0x2009:
    case 0x3000:
      return U' ';  // no-break and other spaces
    case 0x2028: case 0x2029:
      return U'\n';
    default:
      break;
  }
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);  // EXTENDED ARABIC-INDIC DIGITs
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);  // ARABIC-INDIC DIGITs
  if (c >= 0x0080 && c < 0x00A0) return U' ';                   // C1 controls
  if (c > 0x024F && c < 0x0370) return c;                       // fast path
  if (c >= 0x0600 && c <= 0x06FF) return c;                     // Arabic block, already folded
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

void Append(FoldedText* out, char32_t c, size_t start, size_t end) {
  if (c <= 0xFFFF) {
    out->text.push_back(static_cast<char16_t>(c));
    out->start.push_back(start);
    out->end.push_back(end);
  } else {
    out->text.push_back(static_cast<char16_t>(U16_LEAD(c)));
    out->text.push_back(static_cast<char16_t>(U16_TRAIL(c)));
    out->start.insert(out->start.end(), 2, start);
    out->end.insert(out->end.end(), 2, end);
  }
}

}  // namespace

FoldedText Fold(std::string_view utf8) {
  FoldedText out;
  out.text.reserve(utf8.size());
  out.start.reserve(utf8.size());
  out.end.reserve(utf8.size());
  const icu::Normalizer2* nfkc = nullptr;
  size_t pos = 0;
  char32_t cp = 0;
  size_t len = utf8.empty() ? 0 : DecodeOne(utf8, 0, &cp);
  while (pos < utf8.size()) {
    size_t next_pos = pos + len;
    char32_t next = 0;
    size_t next_len = 0;
    if (next_pos < utf8.size()) next_len = DecodeOne(utf8, next_pos, &next);
    if (IsPresentationForm(cp)) {
      UErrorCode status = U_ZERO_ERROR;
      if (nfkc == nullptr) nfkc = icu::Normalizer2::getNFKCInstance(status);
      icu::UnicodeString decomposed;
      if (U_SUCCESS(status)) {
        decomposed = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
      }
      if (U_SUCCESS(status)) {
        for (int32_t i = 0; i < decomposed.length();) {
          UChar32 d = decomposed.char32At(i);
          i += U16_LENGTH(d);
          char32_t folded = FoldOne(static_cast<char32_t>(d), 0);
          if (folded == U' ' && d == 0x20) folded = U' ';
          if (folded != 0) Append(&out, folded, pos, next_pos);
        }
      }
    } else {
      char32_t folded = FoldOne(cp, next);
      if (folded != 0) Append(&out, folded, pos, next_pos);
    }
    pos = next_pos;
    cp = next;
    len = next_len;
  }
  return out;
}

std::string ToUtf8(std::u16string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (U16_IS_LEAD(c) && i + 1 < text.size() && U16_IS_TRAIL(text[i + 1])) {
      c = U16_GET_SUPPLEMENTARY(c, text[i + 1]);
      ++i;
    } else if (U16_IS_SURROGATE(c)) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string NormalizeText(std::string_view utf8) { return ToUtf8(Fold(utf8).text); }

std::string RemoveZwnj(std::string_view utf8) {
  static constexpr std::string_view kZeroWidthNonJoinerUtf8 = "\xE2\x80\x8C";
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (true) {
    size_t hit = utf8.find(kZeroWidthNonJoinerUtf8, pos);
    out.append(utf8.substr(pos, hit == std::string_view::npos ? hit : hit - pos));
    if (hit == std::string_view::npos) break;
    pos = hit + kZeroWidthNonJoinerUtf8.size();
  }
  return out;
}

std::string NormalizeKey(std::string_view utf8) {
  std::string folded = RemoveZwnj(NormalizeText(utf8));
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

size_t CountCodePoints(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsValidUtf8(std::string_view utf8) {
  size_t pos = 0;
  char32_t cp;
  while (pos < utf8.size()) {
    pos += DecodeOne(utf8, pos, &cp);
    if (cp == kReplacement) return false;
  }
  return true;
}

}  // namespace kavosh::analyzers
