#include "analyzers/stemmer.h"

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "analyzers/normalizer.h"

namespace kavosh::analyzers {

namespace {

// Where a suffix stands in a word: stem + comparative + plural + clitic. Suffixes are
// removed from the end, so each one removed must stand further in than the last.
enum Slot { kComparativeSlot = 1, kPluralSlot = 2, kCliticSlot = 3 };

enum class Kind {
  kPlain,        // `ها` and its clitic forms: always an ending when enough is left
  kComparative,  // `تر`, `ترین`: the lexicon must know the comparative pair
  kAmbiguous,    // also a common word ending: needs lexicon evidence
  kAfterHeh,     // indefinite `ای` after a final heh only (`جلسهای`)
  kAfterVowel,   // plural `یان` after a final alef or waw (`دانشجویان`)
  kAfterHehGone,  // plural `گان` of a word ending in heh (`نمایندگان` -> `نماینده`)
};

struct SuffixRule {
  std::string_view suffix;
  size_t min_rest;  // code points that must remain
  Kind kind;
  Slot slot;
};

// Longest first. Persian letters are 2 bytes in UTF-8; min_rest counts code points.
// The relational and indefinite `ی` after a consonant (`اجتماعی`, `ایرانی`) and the
// nominal `یی` (`توانایی`) are not cut: they make new words (see StripFinalYeh).
constexpr std::array<SuffixRule, 21> kRules = {{
    {"هایشان", 2, Kind::kPlain, kPluralSlot},
    {"هایتان", 2, Kind::kPlain, kPluralSlot},
    {"هایمان", 2, Kind::kPlain, kPluralSlot},
    {"هایش", 2, Kind::kPlain, kPluralSlot},
    {"هایت", 2, Kind::kPlain, kPluralSlot},
    {"هایم", 2, Kind::kPlain, kPluralSlot},
    {"هایی", 2, Kind::kPlain, kPluralSlot},
    {"های", 2, Kind::kPlain, kPluralSlot},
    {"ها", 2, Kind::kPlain, kPluralSlot},
    {"ترین", 2, Kind::kComparative, kComparativeSlot},
    {"تر", 2, Kind::kComparative, kComparativeSlot},
    {"شان", 3, Kind::kAmbiguous, kCliticSlot},
    {"تان", 3, Kind::kAmbiguous, kCliticSlot},
    {"مان", 3, Kind::kAmbiguous, kCliticSlot},
    {"یان", 2, Kind::kAfterVowel, kPluralSlot},
    {"گان", 3, Kind::kAfterHehGone, kPluralSlot},
    {"ان", 3, Kind::kAmbiguous, kPluralSlot},
    {"ات", 3, Kind::kAmbiguous, kPluralSlot},
    {"ای", 2, Kind::kAfterHeh, kCliticSlot},
    {"ام", 3, Kind::kAmbiguous, kCliticSlot},
    {"اش", 3, Kind::kAmbiguous, kCliticSlot},
}};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The stem of `word` = `rest` + `rule.suffix`, or an empty string when the lexicon says
// that the ending belongs to the word.
std::string StemFor(const Lexicon& lexicon, const SuffixRule& rule, const std::string& word,
                    std::string rest) {
  // `جلسهای` is `جلسه` + indefinite `ای`, not `جلس` + plural `های`; `هستهای` is `هسته`
  // + `ای` (`هست` takes no `ها`), but `روزهای` is `روز` + `های` (`روزها` is a word).
  if (rule.suffix.starts_with("ه") && lexicon.IsKnownWord(rest + "ه") &&
      !(lexicon.IsKnownWord(rest) && lexicon.IsKnownWord(rest + "ها"))) {
    return {};
  }
  bool after_heh = EndsWith(rest, "ه") && lexicon.IsKnownWord(rest);  // not `اته` + `ام`
  switch (rule.kind) {
    case Kind::kPlain:
      return rest;
    case Kind::kComparative:
      // `بزرگتر` has `بزرگترین` beside it; `کیلومتر` and `دکتر` have not.
      if (lexicon.IsKnownWord(rest) &&
          lexicon.IsKnownWord(rest + (rule.suffix == "تر" ? "ترین" : "تر"))) {
        return rest;
      }
      return {};
    case Kind::kAfterHeh:
      // `بهای` is `بها` + ezafe (StripFinalYeh), not `به` + `ای`.
      if (lexicon.IsKnownWord(word.substr(0, word.size() - std::string_view("ی").size()))) {
        return {};
      }
      return after_heh ? rest : std::string();
    case Kind::kAfterVowel:
      if ((EndsWith(rest, "ا") || EndsWith(rest, "و")) && lexicon.IsKnownWord(rest)) {
        return rest;
      }
      return {};
    case Kind::kAfterHehGone:
      return lexicon.IsKnownWord(rest + "ه") ? rest + "ه" : std::string();
    case Kind::kAmbiguous:
      // `مردمان` is `مردم` + `ان`, not `مرد` + `مان`.
      if (rule.suffix.size() == std::string_view("مان").size() &&
          lexicon.IsProtected(word.substr(0, word.size() - std::string_view("ان").size()))) {
        return {};
      }
      // `ام`, `اش` are clitics after a final heh or yeh only (`جلسهاش`, `زندگیاش`); after
      // a consonant the clitic is `م`, `ش` (`کتابش`), so `برجام`, `اتهام` are words.
      if (rule.suffix == "ام" || rule.suffix == "اش") {
        bool after_yeh = EndsWith(rest, "ی") && lexicon.IsKnownWord(rest);
        return after_heh || after_yeh ? rest : std::string();
      }
      // the word itself is a noun that takes a plural: not an inflected form
      if (lexicon.IsKnownWord(word + "ها")) return {};
      if (lexicon.IsKnownWord(rest)) return rest;
      // `مطالعات` -> `مطالعه`: the plural `ات` replaces a final heh
      if (rule.suffix == "ات" && lexicon.IsKnownWord(rest + "ه")) return rest + "ه";
      return {};
  }
  return {};
}

}  // namespace

Stemmer::Stemmer(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}

std::string Stemmer::StripSuffixes(std::string word) const {
  int last_slot = kCliticSlot + 1;
  while (true) {
    bool changed = false;
    for (const SuffixRule& rule : kRules) {
      if (rule.slot >= last_slot || !EndsWith(word, rule.suffix)) continue;
      std::string rest = word.substr(0, word.size() - rule.suffix.size());
      if (CountCodePoints(rest) < rule.min_rest) continue;
      if (lexicon_->IsProtected(word)) return word;
      std::string stem = StemFor(*lexicon_, rule, word, std::move(rest));
      if (stem.empty()) continue;
      word = std::move(stem);
      last_slot = rule.slot;
      changed = true;
      break;
    }
    if (!changed) break;
    if (const std::string* lemma = lexicon_->Irregular(word)) return *lemma;
  }
  return word;
}

// A final yeh the suffix rules leave alone: the ezafe after a long vowel (`شورای` ->
// `شورا`, `سفرای` -> `سفرا` -> `سفیر`) and the indefinite after a plural (`بزرگانی` ->
// `بزرگان` -> `بزرگ`). Returns the word unchanged otherwise.
std::string Stemmer::StripFinalYeh(const std::string& word) const {
  if (!EndsWith(word, "ی") || EndsWith(word, "یی")) return word;
  std::string rest = word.substr(0, word.size() - std::string_view("ی").size());
  if (CountCodePoints(rest) < 2 || lexicon_->IsStopword(rest) || lexicon_->IsProtected(word)) {
    return word;
  }
  if (EndsWith(rest, "ا")) {
    if (const std::string* lemma = lexicon_->Irregular(rest)) return *lemma;
    return lexicon_->IsKnownWord(rest) ? StripSuffixes(rest) : word;
  }
  // `روحانی`, `اطلاعاتی`, `تجاری` are words of their own (the lexicon knows them);
  // `بزرگانی`, `احادیثی` are a plural with the indefinite or ezafe yeh. After a consonant
  // a yeh is kept: `اجتماعی` is an adjective, not `اجتماع` + yeh.
  if (lexicon_->IsKnownWord(word)) return word;
  if (const std::string* lemma = lexicon_->Irregular(rest)) return *lemma;
  if (EndsWith(rest, "ان") || EndsWith(rest, "ات")) {
    std::string stem = StripSuffixes(rest);
    if (stem != rest) return stem;
  }
  return word;
}

std::string Stemmer::Stem(std::string_view input) const {
  // A direct-mapped memo of recent stems for this thread: news text repeats its words,
  // and a slot is one probe with no division and no allocation once warm. Stemming is a
  // pure function of (lexicon, word), so the memo changes no result.
  struct Slot {
    uint64_t hash = 0;
    uint64_t lexicon_id = 0;  // 0: empty
    std::string word;
    std::string stem;
  };
  static constexpr size_t kSlots = size_t{1} << 16;
  thread_local std::vector<Slot> memo(kSlots);
  uint64_t hash = std::hash<std::string_view>{}(input);
  Slot& slot = memo[hash & (kSlots - 1)];
  if (slot.lexicon_id == lexicon_->id() && slot.hash == hash && slot.word == input) {
    return slot.stem;
  }
  std::string stem = StemUncached(input);
  slot.hash = hash;
  slot.lexicon_id = lexicon_->id();
  slot.word.assign(input);
  slot.stem = stem;
  return stem;
}

std::string Stemmer::StemUncached(std::string_view input) const {
  std::string word(input);
  if (word.empty() || lexicon_->IsProtected(word) || lexicon_->IsStopword(word)) return word;
  if (const std::string* lemma = lexicon_->Irregular(word)) return *lemma;
  if (const std::string* past = lexicon_->VerbStem(word)) return *past;
  unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return word;  // Latin words and numbers are indexed as written
  if (lexicon_->IsPrefixedVerb(word)) {
    if (StartsWith(word, "نمی")) {
      word = word.substr(std::string_view("نمی").size());
    } else if (StartsWith(word, "می")) {
      word = word.substr(std::string_view("می").size());
    }
    if (const std::string* lemma = lexicon_->Irregular(word)) return *lemma;
    if (const std::string* past = lexicon_->VerbStem(word)) return *past;
    return word;
  }
  std::string stem = StripSuffixes(word);
  if (stem != word) return stem;
  return StripFinalYeh(word);
}

}  // namespace kavosh::analyzers
