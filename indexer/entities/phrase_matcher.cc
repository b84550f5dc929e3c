#include "indexer/entities/phrase_matcher.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <utility>

#include "analyzers/normalizer.h"

namespace kavosh::entities {
namespace internal {

namespace {

constexpr size_t kMaxPhraseTokens = 16;

bool IsWordChar(UChar32 c) {
  if (c == 0x200C) return true;  // ZERO WIDTH NON-JOINER joins the parts of one word
  if (u_isalnum(c)) return true;
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool IsSoftPunct(UChar32 c) {
  switch (c) {
    case 0x060C:  // ARABIC COMMA
    case ',':
    case '(':
    case ')':
    case '[':
    case ']':
    case '"':
    case '\'':
    case '-':
    case 0x00AB:  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    case 0x00BB:  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    case 0x201C:  // LEFT DOUBLE QUOTATION MARK
    case 0x201D:  // RIGHT DOUBLE QUOTATION MARK
    case 0x2013:  // EN DASH
      return true;
    default:
      return false;
  }
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view utf8) {
  std::vector<Token> tokens;
  analyzers::FoldedText folded = analyzers::Fold(utf8);
  const std::u16string& text = folded.text;
  const int32_t n = static_cast<int32_t>(text.size());
  bool line_break = false;
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U16_NEXT(text.data(), i, n, c);
    if (c == '\n') {
      line_break = true;
      continue;
    }
    if (u_isUWhiteSpace(c) || c == 0xFFFD) continue;  // REPLACEMENT CHARACTER
    Token token;
    token.line_break_before = line_break;
    line_break = false;
    if (IsWordChar(c)) {
      int32_t end = i;
      while (end < n) {
        int32_t next = end;
        UChar32 d;
        U16_NEXT(text.data(), next, n, d);
        if (!IsWordChar(d)) break;
        end = next;
      }
      i = end;
      std::u16string word;
      for (int32_t k = start; k < end; ++k) {
        if (text[k] != 0x200C) word.push_back(text[k]);  // ZERO WIDTH NON-JOINER
      }
      if (word.empty()) continue;  // a lone ZWNJ
      token.key = analyzers::ToUtf8(word);
      token.kind = AllDigits(token.key) ? TokenKind::kNumber : TokenKind::kWord;
      token.begin = folded.start[start];
      token.end = folded.end[end - 1];
    } else {
      token.key = analyzers::ToUtf8(std::u16string_view(text).substr(start, i - start));
      token.kind = IsSoftPunct(c) ? TokenKind::kSoftPunct : TokenKind::kHardPunct;
      token.begin = folded.start[start];
      token.end = folded.end[i - 1];
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string PhraseKey(std::string_view phrase) {
  std::string key;
  for (const Token& t : Tokenize(phrase)) {
    if (t.IsWordLike()) key += t.key;
  }
  return key;
}

bool PhraseMatcher::Add(std::string_view phrase, int value, int* existing) {
  std::string key = PhraseKey(phrase);
  if (key.empty()) {
    if (existing != nullptr) *existing = -1;
    return false;
  }
  auto [it, inserted] = phrases_.emplace(key, value);
  if (!inserted) {
    if (existing != nullptr) *existing = it->second;
    return false;
  }
  for (size_t i = 1; i <= key.size(); ++i) {
    if (i == key.size() || (static_cast<unsigned char>(key[i]) & 0xC0) != 0x80) {
      if (prefixes_.insert(key.substr(0, i)).second) AddToFilter(Hash{}(key.substr(0, i)));
    }
  }
  return true;
}

namespace {

// The two bits of a hash in a filter of 2^k bits.
std::pair<size_t, size_t> FilterBits(size_t hash, size_t bits) {
  uint64_t h = hash;
  return {h & (bits - 1), ((h >> 32) ^ (h * 0x9E3779B97F4A7C15ull)) & (bits - 1)};
}

}  // namespace

void PhraseMatcher::AddToFilter(size_t hash) {
  size_t bits = prefix_filter_.size() * 64;
  if (bits < prefixes_.size() * 16) {
    // Grown past 16 bits per key: rebuild at twice the size (amortised over the adds).
    bits = 1024;
    while (bits < prefixes_.size() * 32) bits *= 2;
    prefix_filter_.assign(bits / 64, 0);
    for (const std::string& p : prefixes_) {
      auto [a, b] = FilterBits(Hash{}(p), bits);
      prefix_filter_[a / 64] |= uint64_t{1} << (a % 64);
      prefix_filter_[b / 64] |= uint64_t{1} << (b % 64);
    }
    return;
  }
  auto [a, b] = FilterBits(hash, bits);
  prefix_filter_[a / 64] |= uint64_t{1} << (a % 64);
  prefix_filter_[b / 64] |= uint64_t{1} << (b % 64);
}

bool PhraseMatcher::IsPrefix(std::string_view key) const {
  if (prefix_filter_.empty()) return false;
  auto [a, b] = FilterBits(Hash{}(key), prefix_filter_.size() * 64);
  if (!(prefix_filter_[a / 64] >> (a % 64) & 1) || !(prefix_filter_[b / 64] >> (b % 64) & 1)) {
    return false;
  }
  return prefixes_.contains(key);
}

std::optional<int> PhraseMatcher::FindKey(std::string_view key, size_t last_token_size,
                                          bool is_prefix) const {
  if (is_prefix) {
    if (auto it = phrases_.find(key); it != phrases_.end()) return it->second;
  }
  for (const std::string& suffix : suffixes_) {
    if (last_token_size > suffix.size() && key.size() > suffix.size() && key.ends_with(suffix)) {
      auto it = phrases_.find(key.substr(0, key.size() - suffix.size()));
      if (it != phrases_.end()) return it->second;
    }
  }
  return std::nullopt;
}

std::optional<PhraseHit> PhraseMatcher::LongestAt(std::span<const Token> tokens, size_t i) const {
  if (i >= tokens.size() || !tokens[i].IsWordLike()) return std::nullopt;
  std::optional<PhraseHit> best;
  // The first word on its own: most words start no phrase, and need no copy.
  const std::string& first = tokens[i].key;
  bool is_prefix = IsPrefix(first);
  if (auto value = FindKey(first, first.size(), is_prefix)) best = PhraseHit{i, i + 1, *value};
  if (!is_prefix) return best;
  std::string key = first;
  size_t words = 1;
  for (size_t j = i + 1; j < tokens.size() && words < kMaxPhraseTokens; ++j) {
    const Token& t = tokens[j];
    if (t.line_break_before) break;
    if (t.kind == TokenKind::kHardPunct) break;
    if (t.kind == TokenKind::kSoftPunct) continue;
    ++words;
    key += t.key;
    is_prefix = IsPrefix(key);
    if (auto value = FindKey(key, t.key.size(), is_prefix)) best = PhraseHit{i, j + 1, *value};
    if (!is_prefix) break;
  }
  return best;
}

std::vector<PhraseHit> PhraseMatcher::FindAll(std::span<const Token> tokens) const {
  std::vector<PhraseHit> hits;
  for (size_t i = 0; i < tokens.size();) {
    if (auto hit = LongestAt(tokens, i)) {
      hits.push_back(*hit);
      i = hit->last;
    } else {
      ++i;
    }
  }
  return hits;
}

std::optional<int> PhraseMatcher::Find(std::string_view phrase) const {
  std::string key = PhraseKey(phrase);
  if (key.empty()) return std::nullopt;
  auto it = phrases_.find(key);
  if (it == phrases_.end()) return std::nullopt;
  return it->second;
}

}  // namespace internal

TokenizedText::TokenizedText(std::string_view text)
    : text_(text), tokens_(internal::Tokenize(text)) {}

std::span<const internal::Token> TokenizedText::FirstParagraph() const {
  // Up to the first '\n' of the text as written (a U+2028 LINE SEPARATOR also breaks the
  // tokens' lines, but not the paragraph); tokens never span a '\n'.
  size_t end = text_.find('\n');
  size_t n = 0;
  while (n < tokens_.size() && tokens_[n].begin < end) ++n;
  return std::span<const internal::Token>(tokens_).first(n);
}

}  // namespace kavosh::entities
