// Internal to indexer/entities: the tokenizer and the phrase matcher that the gazetteer,
// the entity extractor and the event-type classifier share, so that every one of them
// compares text the same way.
//
//   internal::PhraseMatcher m;
//   m.Add("خرم آباد", 7);                       // value 7
//   auto tokens = internal::Tokenize("در خرم‌آباد");
//   auto hits = m.FindAll(tokens);             // one hit, tokens [1, 2), value 7
//
// Matching is on folded text (analyzers::Fold) with ZWNJ removed, and a phrase is keyed
// by the concatenation of its word keys with no separator: "خرم آباد", "خرم‌آباد"
// and "خرمآباد" are one key. Phrases only start and end on token boundaries, so "بانک ملی" never
// matches inside "بانک ملیت". Soft punctuation (ARABIC COMMA, comma, brackets, guillemets) is
// skipped inside a phrase; hard punctuation and line breaks end it.
#ifndef KAVOSH_INDEXER_ENTITIES_PHRASE_MATCHER_H_
#define KAVOSH_INDEXER_ENTITIES_PHRASE_MATCHER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kavosh::entities {
namespace internal {

enum class TokenKind { kWord, kNumber, kSoftPunct, kHardPunct };

struct Token {
  size_t begin = 0;  // byte offsets into the original text
  size_t end = 0;
  std::string key;  // folded, ZWNJ removed
  TokenKind kind = TokenKind::kWord;
  bool line_break_before = false;  // a '\n' separates it from the previous token

  bool IsWordLike() const { return kind == TokenKind::kWord || kind == TokenKind::kNumber; }
};

// Never fails: invalid UTF-8 bytes are separators.
std::vector<Token> Tokenize(std::string_view utf8);

// The joined key of a phrase ("خرم آباد" -> "خرماباد"); empty if it has no word.
std::string PhraseKey(std::string_view phrase);

struct PhraseHit {
  size_t first = 0;  // token range [first, last)
  size_t last = 0;
  int value = 0;
};

class PhraseMatcher {
 public:
  // Endings accepted after a phrase's last word when set (event cues: "جلسه" matches
  // "جلسه‌ای"). Keys, i.e. without ZWNJ.
  void set_suffixes(std::vector<std::string> suffixes) { suffixes_ = std::move(suffixes); }

  // Adds a phrase. Returns false and sets *existing when the key is already taken (the
  // first value stays), or with *existing = -1 when the phrase has no word.
  bool Add(std::string_view phrase, int value, int* existing = nullptr);

  // The longest phrase starting at token `i`.
  std::optional<PhraseHit> LongestAt(std::span<const Token> tokens, size_t i) const;
  // Leftmost-longest, non-overlapping hits.
  std::vector<PhraseHit> FindAll(std::span<const Token> tokens) const;
  // Exact lookup of a whole phrase.
  std::optional<int> Find(std::string_view phrase) const;

  size_t size() const { return phrases_.size(); }

 private:
  // Lookups by string_view: no copy of the text being matched.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // `is_prefix`: whether `key` is in prefixes_ (every phrase is).
  std::optional<int> FindKey(std::string_view key, size_t last_token_size, bool is_prefix) const;
  // Whether `key` is in prefixes_; most words are not, and the filter says so without a
  // probe of the (large, cache-missing) hash set.
  bool IsPrefix(std::string_view key) const;
  void AddToFilter(size_t hash);

  std::unordered_map<std::string, int, Hash, std::equal_to<>> phrases_;
  // Every code-point prefix of every key, the key itself included.
  std::unordered_set<std::string, Hash, std::equal_to<>> prefixes_;
  // A Bloom filter of prefixes_ (two bits per key, at least 16 bits per key): no false
  // negatives, so IsPrefix() answers exactly.
  std::vector<uint64_t> prefix_filter_;
  std::vector<std::string> suffixes_;
};

}  // namespace internal

// A text and its tokens (internal::Tokenize), made once and shared by the entity extractor
// and the event-type classifier. Refers to `text`, which must outlive it.
class TokenizedText {
 public:
  explicit TokenizedText(std::string_view text);
  std::string_view text() const { return text_; }
  std::span<const internal::Token> tokens() const { return tokens_; }
  // The tokens of the first paragraph, up to the first '\n': what Tokenize() makes of that
  // paragraph alone.
  std::span<const internal::Token> FirstParagraph() const;

 private:
  std::string_view text_;
  std::vector<internal::Token> tokens_;
};

}  // namespace kavosh::entities

#endif  // KAVOSH_INDEXER_ENTITIES_PHRASE_MATCHER_H_
